// kube-scheduler benchmark, after scheduler_perf's SchedulingBasic: N nodes as API objects
// (32 CPU, 128Gi, 110 pods) and pods (pod-default: 100m / 500Mi), with the real apiserver,
// etcd-lite and kube-scheduler binaries on this one machine. Two modes, a fresh cluster each:
//  - pending: every pod is created (and Pending) before the scheduler starts; pods/s counts from
//    the scheduler reporting healthy to the last bind — the scheduler's own throughput, which is
//    what scheduler_perf's SchedulingThroughput measures.
//  - streaming: pods are created as fast as the apiserver takes them while the scheduler runs;
//    pods/s counts from the first create to the last bind, so it can be no faster than the
//    creates, which share the same two cores.
// Prints per size and mode: pods/s, the scheduler's rate (first to last bind), the create rate,
// per-pod latency create→bound (p50/p99, client clock) and the scheduler's attempt-duration
// histogram quantiles (as scheduler_perf reports them).
//
//   pnpm bench:scheduler [--quick] [--sizes 100,1000] [--pods N] [--mode pending|streaming]
//                        [--cpu-prof DIR]   (profiles of etcd-lite, the apiserver and the scheduler)
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Pod } from '@kubelite/api';
import type { KubeClient } from '@kubelite/client';
import { startTestCluster } from '../../test/support/apiserver.js';
import { adminClient, createNamespace, createNode, podObject, startScheduler } from '../../test/support/scheduler.js';

type Mode = 'pending' | 'streaming';
const USAGE = 'usage: pnpm bench:scheduler [--quick] [--sizes 100,1000] [--pods N] [--mode pending|streaming] [--cpu-prof DIR]';

function parseFlags(): { quick: boolean; sizes: number[]; pods: number; modes: Mode[]; prof?: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { quick: { type: 'boolean' }, sizes: { type: 'string' }, pods: { type: 'string' }, mode: { type: 'string' }, 'cpu-prof': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (e) {
    fail(`${e instanceof Error ? e.message : String(e)}; see --help`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sizes = (values.sizes ?? (values.quick ? '100,1000' : '100,1000,5000')).split(',').map(Number);
  const pods = Number(values.pods ?? (values.quick ? 2000 : 10_000));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--sizes: "${values.sizes}" is not a list of node counts; see --help`);
  if (!Number.isInteger(pods) || pods < 1) fail(`--pods: "${values.pods}" is not a pod count; see --help`);
  if (values.mode !== undefined && values.mode !== 'pending' && values.mode !== 'streaming') fail(`--mode: "${values.mode}" is not pending or streaming; see --help`);
  return { quick: values.quick ?? false, sizes, pods, modes: values.mode ? [values.mode as Mode] : ['pending', 'streaming'], prof: values['cpu-prof'] };
}

function fail(message: string): never {
  console.error(`bench:scheduler: ${message}`);
  process.exit(2);
}

const { quick, sizes: SIZES, pods: PODS, modes: MODES, prof: PROF } = parseFlags();
const CREATE_CONCURRENCY = 64;
const TIMEOUT_MS = 300_000;

function pct(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** histogram_quantile over `name_bucket{...}` lines (linear interpolation within a bucket). */
function histogramQuantile(metrics: string, name: string, q: number): number {
  const buckets = new Map<number, number>();
  for (const m of metrics.matchAll(new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\d+)`, 'gm'))) {
    const le = /le="([^"]+)"/.exec(m[1]!)![1]!;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(m[2]));
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  const rank = q * total;
  let prevBound = 0;
  let prevCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return prevBound;
      return prevBound + ((bound - prevBound) * (rank - prevCount)) / Math.max(count - prevCount, 1);
    }
    prevBound = bound;
    prevCount = count;
  }
  return NaN;
}

async function parallel(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
}

interface Result {
  mode: Mode;
  nodes: number;
  pods: number;
  podsPerSec: number;
  schedPerSec: number;
  createPerSec: number;
  p50: number;
  p99: number;
  attemptP50: number;
  attemptP99: number;
}

async function watchBound(client: KubeClient, boundAt: Map<string, number>, signal: AbortSignal): Promise<void> {
  const w = await client.resource<Pod>('', 'v1', 'pods').namespace('bench').watch({ signal });
  for await (const ev of w) {
    const pod = ev.object as Pod;
    if (pod?.spec?.nodeName && !boundAt.has(pod.metadata.name!)) boundAt.set(pod.metadata.name!, performance.now());
  }
}

async function runSize(nodes: number, mode: Mode): Promise<Result> {
  const cluster = await startTestCluster({ execArgv: PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF] : [] });
  const client = adminClient(cluster);
  try {
    await createNamespace(client, 'bench');
    await parallel(nodes, CREATE_CONCURRENCY, (i) => createNode(client, `node-${i}`, { cpu: '32', memory: '128Gi', pods: 110 }).then(() => undefined));
    if (PROF) mkdirSync(PROF, { recursive: true });
    const start = () => startScheduler(cluster, { config: { clientConnection: { qps: 5000, burst: 5000 } }, execArgv: PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF] : [] });
    let sched = mode === 'pending' ? undefined : await start();
    const boundAt = new Map<string, number>();
    const createdAt = new Map<string, number>();
    const stop = new AbortController();
    const watching = watchBound(client, boundAt, stop.signal).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const api = client.resource<Pod>('', 'v1', 'pods').namespace('bench');
    let t0 = performance.now();
    await parallel(PODS, CREATE_CONCURRENCY, async (i) => {
      const name = `pod-${i}`;
      createdAt.set(name, performance.now());
      await api.create(podObject(name, { cpu: '100m', memory: '500Mi' }));
    });
    const createdBy = performance.now();
    const createPerSec = (PODS * 1000) / (createdBy - t0);
    if (!sched) {
      sched = await start();
      t0 = performance.now();
      for (const k of createdAt.keys()) createdAt.set(k, t0);
    }
    const deadline = Date.now() + TIMEOUT_MS;
    while (boundAt.size < PODS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    stop.abort();
    await watching;
    const metrics = await sched.metrics();
    await sched.stop();
    const binds = [...boundAt.values()];
    const first = Math.min(...binds);
    const last = Math.max(...binds);
    const lat = [...boundAt].map(([n, t]) => t - createdAt.get(n)!).sort((a, b) => a - b);
    if (boundAt.size < PODS) console.log(`  only ${boundAt.size}/${PODS} pods bound within ${TIMEOUT_MS / 1000} s`);
    return {
      mode,
      nodes,
      pods: boundAt.size,
      podsPerSec: (boundAt.size * 1000) / (last - t0),
      schedPerSec: (boundAt.size * 1000) / (last - first),
      createPerSec,
      p50: pct(lat, 50),
      p99: pct(lat, 99),
      attemptP50: histogramQuantile(metrics, 'scheduler_scheduling_attempt_duration_seconds', 0.5) * 1000,
      attemptP99: histogramQuantile(metrics, 'scheduler_scheduling_attempt_duration_seconds', 0.99) * 1000,
    };
  } finally {
    client.close();
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  console.log(`kube-scheduler bench: ${PODS} pods per size, sizes ${SIZES.join(', ')} nodes${quick ? ' (quick)' : ''}`);
  const results: Result[] = [];
  for (const n of SIZES) {
    for (const mode of MODES) {
      const r = await runSize(n, mode);
      results.push(r);
      console.log(
        `${String(n).padStart(5)} nodes, ${mode.padEnd(9)}: ${r.podsPerSec.toFixed(0)} pods/s (scheduler ${r.schedPerSec.toFixed(0)} pods/s first→last bind, creates ${r.createPerSec.toFixed(0)}/s); ` +
          `create→bound p50 ${r.p50.toFixed(0)} ms p99 ${r.p99.toFixed(0)} ms; attempt p50 ${r.attemptP50.toFixed(2)} ms p99 ${r.attemptP99.toFixed(2)} ms`,
      );
    }
  }
  for (const r of results.filter((x) => x.nodes === 1000)) {
    const verdict = r.podsPerSec >= 1000 ? 'met' : 'NOT met';
    console.log(`target ≥ 1000 pods/s at 1000 nodes, ${r.mode}: ${verdict} (${r.podsPerSec.toFixed(0)} pods/s)`);
  }
  console.log('scheduler_perf (kubernetes/kubernetes test/integration/scheduler_perf/misc/performance-config.yaml): SchedulingBasic 5000Nodes_10000Pods threshold 680 pods/s average (CI minimum; earlier releases 270)');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
