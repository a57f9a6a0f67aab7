// kube-apiserver benchmark: create, get, list (1k and 10k pods) and watch fan-out (100 watchers),
// against the apiserver over etcd-lite and, as the baseline measured in the same run, the same
// apiserver over the real etcd. Prints p50/p99, throughput, the ratio etcd-lite/etcd and the
// targets (Kubernetes' SLOs scaled down): create p99 < 50 ms at 200/s, watch delivery p99 <
// 100 ms with every watcher seeing every event, a 10k-pod list < 1 s.
//
//   pnpm bench:apiserver [--quick] [--only etcd-lite]
import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';
import { ADMIN_TOKEN, etcdFlavorAvailable, startTestCluster, type TestCluster } from '../../test/support/apiserver.js';
import type { EtcdFlavor } from '../../test/support/etcd-servers.js';

const quick = process.argv.includes('--quick');
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx > 0 ? (process.argv[onlyIdx + 1] as EtcdFlavor) : undefined;

const CREATE_RATE = 200;
const CREATE_SECONDS = quick ? 3 : 10;
const LIST_SIZES = quick ? [1000] : [1000, 10_000];
const WATCHERS = 100;
const WATCH_EVENTS = quick ? 50 : 200;

interface Client {
  call(method: string, path: string, body?: unknown, accept?: string): Promise<{ status: number; text: string }>;
  agent: Agent;
}

function client(cluster: TestCluster): Client {
  const ca = readFileSync(cluster.caFile, 'utf8');
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca });
  return {
    agent,
    call: (method, path, body, accept) =>
      new Promise((resolve, reject) => {
        const data = body === undefined ? undefined : JSON.stringify(body);
        const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
        if (data) headers['content-type'] = 'application/json';
        if (accept) headers.accept = accept;
        const req = request(`${cluster.url}${path}`, { method, agent, headers, timeout: 60_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
        if (data) req.write(data);
        req.end();
      }),
  };
}

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { bench: 'yes' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m' } } }] } });

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;
const now = (): number => performance.now();

async function createPaced(c: Client, ns: string, prefix: string, rate: number, seconds: number): Promise<{ lat: number[]; tput: number; errors: number }> {
  const total = rate * seconds;
  const lat: number[] = [];
  let errors = 0;
  const start = now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Latency counts from the scheduled time, so a stalled server cannot hide queueing (no coordinated omission).
    inflight.push(
      c.call('POST', `/api/v1/namespaces/${ns}/pods`, pod(`${prefix}-${i}`)).then((r) => {
        if (r.status !== 201) errors++;
        lat.push(now() - due);
      }),
    );
  }
  await Promise.all(inflight);
  return { lat, tput: total / ((now() - start) / 1000), errors };
}

async function createMany(c: Client, ns: string, prefix: string, n: number, concurrency = 32): Promise<number> {
  const start = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const r = await c.call('POST', `/api/v1/namespaces/${ns}/pods`, pod(`${prefix}-${i}`));
        if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text.slice(0, 200)}`);
      }
    }),
  );
  return n / ((now() - start) / 1000);
}

async function timeList(c: Client, ns: string, accept?: string, runs = 5): Promise<{ p50: number; max: number; bytes: number }> {
  const t: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const s = now();
    const r = await c.call('GET', `/api/v1/namespaces/${ns}/pods`, undefined, accept);
    t.push(now() - s);
    bytes = r.text.length;
  }
  return { p50: pct(t, 50), max: Math.max(...t), bytes };
}

async function watchFanout(c: Client, cluster: TestCluster, ns: string): Promise<{ lat: number[]; complete: number }> {
  const sent = new Map<string, number>();
  const lat: number[] = [];
  const counts = new Array<number>(WATCHERS).fill(0);
  const list = JSON.parse((await c.call('GET', `/api/v1/namespaces/${ns}/pods`)).text) as { metadata: { resourceVersion: string } };
  const ca = readFileSync(cluster.caFile, 'utf8');
  const watchAgent = new Agent({ keepAlive: true, maxSockets: WATCHERS + 8, ca });
  const reqs = Array.from({ length: WATCHERS }, (_, w) =>
    new Promise<ReturnType<typeof request>>((ready) => {
      const req = request(`${cluster.url}/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${list.metadata.resourceVersion}`, { agent: watchAgent, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, (res) => {
        ready(req);
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buf += d;
          let nl;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            const name = (JSON.parse(line) as { object: { metadata: { name: string } } }).object.metadata.name;
            const t0 = sent.get(name);
            if (t0 !== undefined) lat.push(now() - t0);
            counts[w] = (counts[w] ?? 0) + 1;
          }
        });
      });
      req.on('error', () => undefined);
      req.end();
    }),
  );
  const opened = await Promise.all(reqs);
  for (let i = 0; i < WATCH_EVENTS; i++) {
    const name = `w-${i}`;
    sent.set(name, now());
    const r = await c.call('POST', `/api/v1/namespaces/${ns}/pods`, pod(name));
    if (r.status !== 201) throw new Error(`create failed: ${r.status}`);
    await new Promise((r2) => setTimeout(r2, 10));
  }
  const deadline = now() + 10_000;
  while (now() < deadline && counts.some((n) => n < WATCH_EVENTS)) await new Promise((r) => setTimeout(r, 50));
  for (const r of opened) r.destroy();
  watchAgent.destroy();
  return { lat, complete: counts.filter((n) => n >= WATCH_EVENTS).length };
}

async function ensureNamespace(c: Client, name: string): Promise<void> {
  await c.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

interface Figures {
  createP50: number;
  createP99: number;
  createTput: number;
  createErrors: number;
  bulkTput: number;
  getP50: number;
  getP99: number;
  lists: Record<number, { p50: number; max: number; tableP50: number; mb: number }>;
  watchP50: number;
  watchP99: number;
  watchComplete: number;
}

async function runOne(flavor: EtcdFlavor): Promise<Figures> {
  const cluster = await startTestCluster({ etcd: flavor });
  const c = client(cluster);
  try {
    await ensureNamespace(c, 'bench-create');
    const paced = await createPaced(c, 'bench-create', 'p', CREATE_RATE, CREATE_SECONDS);
    const getLat: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const s = now();
      await c.call('GET', `/api/v1/namespaces/bench-create/pods/p-${i % (CREATE_RATE * CREATE_SECONDS)}`);
      getLat.push(now() - s);
    }
    const lists: Figures['lists'] = {};
    let bulkTput = 0;
    for (const size of LIST_SIZES) {
      const ns = `bench-list-${size}`;
      await ensureNamespace(c, ns);
      bulkTput = await createMany(c, ns, 'l', size);
      const json = await timeList(c, ns);
      const table = await timeList(c, ns, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
      lists[size] = { p50: json.p50, max: json.max, tableP50: table.p50, mb: json.bytes / 1e6 };
    }
    await ensureNamespace(c, 'bench-watch');
    const w = await watchFanout(c, cluster, 'bench-watch');
    return {
      createP50: pct(paced.lat, 50),
      createP99: pct(paced.lat, 99),
      createTput: paced.tput,
      createErrors: paced.errors,
      bulkTput,
      getP50: pct(getLat, 50),
      getP99: pct(getLat, 99),
      lists,
      watchP50: pct(w.lat, 50),
      watchP99: pct(w.lat, 99),
      watchComplete: w.complete,
    };
  } finally {
    c.agent.destroy();
    await cluster.stop();
  }
}

function report(flavor: string, f: Figures): void {
  console.log(`\n== kube-apiserver over ${flavor}`);
  console.log(`create @${CREATE_RATE}/s for ${CREATE_SECONDS}s: p50 ${ms(f.createP50)}  p99 ${ms(f.createP99)}  achieved ${f.createTput.toFixed(0)}/s  errors ${f.createErrors}`);
  console.log(`create, 32 concurrent (bulk load): ${f.bulkTput.toFixed(0)}/s`);
  console.log(`get (sequential): p50 ${ms(f.getP50)}  p99 ${ms(f.getP99)}`);
  for (const [size, l] of Object.entries(f.lists)) {
    console.log(`list ${size} pods: JSON p50 ${ms(l.p50)} (max ${ms(l.max)}, ${l.mb.toFixed(1)} MB)  Table p50 ${ms(l.tableP50)}`);
  }
  console.log(`watch fan-out ${WATCHERS} watchers x ${WATCH_EVENTS} events: p50 ${ms(f.watchP50)}  p99 ${ms(f.watchP99)}  watchers with every event ${f.watchComplete}/${WATCHERS}`);
}

const flavors: EtcdFlavor[] = only ? [only] : ['etcd-lite', 'etcd'];
const results = new Map<EtcdFlavor, Figures>();
for (const flavor of flavors) {
  if (!etcdFlavorAvailable(flavor)) continue;
  const f = await runOne(flavor);
  results.set(flavor, f);
  report(flavor, f);
}

const lite = results.get('etcd-lite');
const real = results.get('etcd');
if (lite && real) {
  console.log('\n== ratios etcd-lite / etcd (lower is better for latency)');
  console.log(`create p99 ${(lite.createP99 / real.createP99).toFixed(2)}  get p99 ${(lite.getP99 / real.getP99).toFixed(2)}  watch p99 ${(lite.watchP99 / real.watchP99).toFixed(2)}`);
  for (const size of LIST_SIZES) console.log(`list ${size} p50 ${((lite.lists[size]?.p50 ?? NaN) / (real.lists[size]?.p50 ?? NaN)).toFixed(2)}`);
}
if (lite) {
  const big = lite.lists[Math.max(...LIST_SIZES)];
  console.log('\n== targets (etcd-lite)');
  console.log(`create p99 < 50 ms at ${CREATE_RATE}/s: ${ms(lite.createP99)} ${lite.createP99 < 50 && lite.createErrors === 0 ? 'MET' : 'MISSED'}`);
  console.log(`watch p99 < 100 ms, all ${WATCHERS} watchers complete: ${ms(lite.watchP99)}, ${lite.watchComplete}/${WATCHERS} ${lite.watchP99 < 100 && lite.watchComplete === WATCHERS ? 'MET' : 'MISSED'}`);
  console.log(`${Math.max(...LIST_SIZES)}-pod list < 1 s: ${ms(big?.p50 ?? NaN)} ${(big?.max ?? Infinity) < 1000 ? 'MET' : 'MISSED'}`);
}
