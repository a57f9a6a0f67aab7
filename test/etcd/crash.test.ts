// Crash safety of etcd-lite: 32 concurrent writers (single puts and 2-key txns) over 4 gRPC
// connections, kill -9 mid-stream, restart on the same data dir and ports, then check that
//  - every acknowledged write is present with exactly its acknowledged mod_revision and value;
//  - the revisions over the whole keyspace are gap-free from 2 to the current revision, and each
//    revision holds exactly one request (a single put, or both keys of one txn — never half a txn);
//  - a watch from revision 2 replays exactly that history, in revision order.
// Three kill/restart cycles. ETCD_CRASH_FLAVOR=etcd runs it against the real etcd (kill -9 of etcd
// must not lose acknowledged writes either), to validate the test itself.
import { existsSync } from 'node:fs';
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { describe, expect, test } from 'vitest';
import { connect, type EtcdGrpcClient, type Msg } from '../support/etcd-grpc.js';
import { etcdLiteBin, realEtcdAvailable, requireTool, startEtcd, type EtcdFlavor, type EtcdServer } from '../support/etcd-servers.js';

const flavor: EtcdFlavor = process.env.ETCD_CRASH_FLAVOR === 'etcd' ? 'etcd' : 'etcd-lite';
const available =
  flavor === 'etcd' ? requireTool('etcd', realEtcdAvailable()) : requireTool(`etcd-lite (${etcdLiteBin})`, existsSync(etcdLiteBin));

const WRITERS = 32;
const CONNECTIONS = 4;
const CYCLES = 3;
const MAX_OPS_PER_WRITER = 50_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One write request: a put of one key, or a txn putting two keys (same value). */
interface Write {
  keys: string[];
  value: string;
  /** header.revision of the acknowledgement; undefined if the request was in flight at the kill */
  revision?: number;
}

async function writer(client: EtcdGrpcClient, cycle: number, w: number, stop: { now: boolean }, out: Write[]): Promise<void> {
  const pad = 'x'.repeat(64);
  for (let n = 0; n < MAX_OPS_PER_WRITER && !stop.now; n++) {
    const base = `crash/c${cycle}/w${String(w).padStart(2, '0')}/${String(n).padStart(6, '0')}`;
    const value = `${base}:${pad}`;
    const isTxn = n % 5 === 4;
    const write: Write = { keys: isTxn ? [`${base}/a`, `${base}/b`] : [base], value };
    out.push(write);
    let res: Msg;
    try {
      res = isTxn
        ? await client.call('kv', 'Txn', {
            compare: [{ key: Buffer.from(`${base}/a`), target: 2, result: 0, mod_revision: '0' }], // MOD == 0
            success: write.keys.map((k) => ({ request_put: { key: Buffer.from(k), value: Buffer.from(value) } })),
          })
        : await client.call('kv', 'Put', { key: Buffer.from(base), value: Buffer.from(value) });
    } catch (e) {
      if ((e as Partial<ServiceError>).code === undefined) throw e;
      return; // the server is gone; this write stays unacknowledged
    }
    if (isTxn && res.succeeded !== true) throw new Error(`txn ${base} did not succeed`);
    write.revision = Number(res.header.revision);
  }
}

interface StoredKv {
  key: string;
  value: string;
  mod: number;
  create: number;
  version: number;
}

async function readAll(client: EtcdGrpcClient): Promise<{ kvs: Map<string, StoredKv>; revision: number }> {
  const res = await client.call('kv', 'Range', { key: Buffer.from([0]), range_end: Buffer.from([0]) });
  const kvs = new Map<string, StoredKv>();
  for (const kv of res.kvs as Msg[]) {
    const key = (kv.key as Buffer).toString();
    kvs.set(key, { key, value: (kv.value as Buffer).toString(), mod: Number(kv.mod_revision), create: Number(kv.create_revision), version: Number(kv.version) });
  }
  return { kvs, revision: Number(res.header.revision) };
}

/** Replays the history from revision 2 with a watch; returns [revision, key] per event in order. */
async function replay(client: EtcdGrpcClient, upTo: number, timeoutMs = 30_000): Promise<[number, string][]> {
  const events: [number, string][] = [];
  if (upTo < 2) return events;
  const stream = (client.watch as unknown as { Watch(): ClientDuplexStream<Msg, Msg> }).Watch();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replay did not reach revision ${upTo} in ${timeoutMs} ms (at ${events.at(-1)?.[0]})`)), timeoutMs);
      stream.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      stream.on('data', (m: Msg) => {
        if (m.canceled) {
          clearTimeout(timer);
          reject(new Error(`watch canceled: ${JSON.stringify(m)}`));
        }
        for (const ev of m.events as Msg[]) events.push([Number(ev.kv.mod_revision), (ev.kv.key as Buffer).toString()]);
        if ((events.at(-1)?.[0] ?? 0) >= upTo) {
          clearTimeout(timer);
          resolve();
        }
      });
      stream.write({ create_request: { key: Buffer.from([0]), range_end: Buffer.from([0]), start_revision: '2' } });
    });
  } finally {
    stream.cancel();
  }
  return events;
}

/** Checks the store against everything written so far; returns the current revision. */
async function verify(client: EtcdGrpcClient, writes: Write[]): Promise<number> {
  const { kvs, revision } = await readAll(client);
  // 1. every acknowledged write is there, at exactly its acknowledged revision
  const lost: string[] = [];
  for (const w of writes) {
    if (w.revision === undefined) continue;
    for (const k of w.keys) {
      const kv = kvs.get(k);
      if (!kv || kv.mod !== w.revision || kv.value !== w.value || kv.version !== 1) lost.push(`${k}@${w.revision}: ${kv ? `${kv.mod} ${kv.value}` : 'missing'}`);
    }
  }
  expect(lost.slice(0, 10), `${lost.length} acknowledged writes lost or changed`).toEqual([]);

  // 2. unacknowledged txns: both keys or neither, at one revision
  for (const w of writes) {
    if (w.revision !== undefined || w.keys.length !== 2) continue;
    const [a, b] = w.keys.map((k) => kvs.get(k));
    expect(a?.mod, `half-applied txn ${w.keys[0]}`).toBe(b?.mod);
  }

  // 3. revisions 2..current are each held by exactly one request
  const byRev = new Map<number, string[]>();
  for (const kv of kvs.values()) byRev.set(kv.mod, [...(byRev.get(kv.mod) ?? []), kv.key].sort());
  const problems: string[] = [];
  for (let rev = 2; rev <= revision; rev++) {
    const keys = byRev.get(rev);
    if (!keys) problems.push(`gap at ${rev}`);
    else if (!(keys.length === 1 || (keys.length === 2 && keys[0]!.endsWith('/a') && keys[1] === `${keys[0]!.slice(0, -2)}/b`))) {
      problems.push(`revision ${rev} holds ${keys.join(', ')}`);
    }
  }
  for (const rev of byRev.keys()) if (rev < 2 || rev > revision) problems.push(`revision ${rev} outside 2..${revision}`);
  expect(problems.slice(0, 10), `${problems.length} problems in the revision sequence`).toEqual([]);

  // 4. a watch from revision 2 replays the same history in order
  const events = await replay(client, revision);
  const expected = [...byRev.entries()].sort(([a], [b]) => a - b).flatMap(([rev, keys]) => keys.map((k): [number, string] => [rev, k]));
  expect(events.length, 'replayed events').toBe(expected.length);
  expect(events).toEqual(expected);
  return revision;
}

describe.skipIf(!available)(`${flavor}: kill -9 under concurrent writes`, () => {
  test(
    `${CYCLES} kill/restart cycles lose no acknowledged write and leave no gap or partial txn`,
    async () => {
      let server: EtcdServer = await startEtcd(flavor);
      const { dataDir } = server;
      const ports = { clientPort: Number(server.endpoint.split(':')[1]), metricsPort: Number(new URL(server.metricsUrl).port) };
      const writes: Write[] = [];
      const summary: string[] = [];
      try {
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const clients = Array.from({ length: CONNECTIONS }, () => connect(server.endpoint));
          const stop = { now: false };
          const cycleWrites: Write[][] = Array.from({ length: WRITERS }, () => []);
          const running = cycleWrites.map((out, w) => writer(clients[w % CONNECTIONS]!, cycle, w, stop, out));
          await sleep(1000 + Math.floor(Math.random() * 1000));
          await server.kill9();
          stop.now = true;
          await Promise.all(running);
          for (const c of clients) c.close();
          const flat = cycleWrites.flat();
          writes.push(...flat);
          const acked = flat.filter((w) => w.revision !== undefined).length;
          expect(acked, 'acknowledged writes in this cycle').toBeGreaterThan(50);

          server = await startEtcd(flavor, { dataDir, ...ports });
          const client = connect(server.endpoint);
          try {
            const revision = await verify(client, writes);
            summary.push(`cycle ${cycle}: ${acked} acked, ${flat.length - acked} in flight, revision ${revision}`);
          } finally {
            client.close();
          }
        }
      } finally {
        await server.stop();
      }
      console.log(`${flavor} crash test:\n  ${summary.join('\n  ')}`);
    },
    120_000,
  );
});
