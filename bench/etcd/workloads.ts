// The five workloads, run in order against one server: sequential puts, 16 and 64 puts in flight,
// a 1,000-key range, and put→watch-event latency. Each measured phase follows a warm-up phase of
// the same shape; every loop is bounded by an op count and a time limit.
import { prefixEnd } from '../../test/support/keys.js';
import { Conn, type WatchResponse } from './client.js';
import { percentile, runLoad, valuePool, type LoadResult } from './load.js';

export interface Settings {
  /** time limit of each measured phase */
  seconds: number;
  /** time limit of each warm-up phase */
  warmupSeconds: number;
  /** op cap of each measured put phase (the time limit usually ends it first) */
  maxPutOps: number;
  /** op cap of the measured range phase */
  maxRangeOps: number;
  /** keys under the ranged prefix */
  rangeKeys: number;
  /** measured put→event samples, sent one at a time */
  watchPuts: number;
  /** time limit of the measured watch phase */
  watchSeconds: number;
  /** in-flight requests per gRPC connection (64 in flight → 64 / perConn connections) */
  perConn: number;
  valueBytes: number;
}

export interface WatchResult {
  samples: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ServerResults {
  seq: LoadResult;
  c16: LoadResult;
  c64: LoadResult;
  range: LoadResult;
  watch: WatchResult;
}

export type Log = (line: string) => void;

export async function runWorkloads(endpoint: string, serverPid: number | undefined, s: Settings, log: Log): Promise<ServerResults> {
  const maxConns = Math.ceil(64 / s.perConn);
  const conns = Array.from({ length: maxConns }, () => new Conn(endpoint));
  const watchConn = new Conn(endpoint);
  try {
    await Promise.all([...conns, watchConn].map((c) => c.ready()));
    const values = valuePool(s.valueBytes);
    let keySeq = 0;

    const putPhase = async (name: string, inFlight: number): Promise<LoadResult> => {
      const nConns = Math.ceil(inFlight / s.perConn);
      const run = (label: string, maxOps: number, maxSeconds: number): Promise<LoadResult> =>
        runLoad(
          {
            inFlight,
            maxOps,
            maxSeconds,
            op: async (w) => {
              const n = keySeq++;
              await conns[w % nConns]!.put(Buffer.from(`bench/${label}/${n}`), values[n % values.length]!);
            },
          },
          serverPid,
        );
      await run(`warm-${name}`, s.maxPutOps, s.warmupSeconds);
      const r = await run(name, s.maxPutOps, s.seconds);
      log(`  ${name.padEnd(6)} ${describe(r)} over ${nConns} connection(s)`);
      return r;
    };

    const seq = await putPhase('seq', 1);
    const c16 = await putPhase('c16', 16);
    const c64 = await putPhase('c64', 64);
    const range = await rangePhase(conns[0]!, serverPid, s, values, log);
    const watch = await watchPhase(conns[0]!, watchConn, s, values, log);
    return { seq, c16, c64, range, watch };
  } finally {
    for (const c of [...conns, watchConn]) c.close();
  }
}

async function rangePhase(conn: Conn, serverPid: number | undefined, s: Settings, values: Buffer[], log: Log): Promise<LoadResult> {
  const prefix = Buffer.from('range/');
  const end = prefixEnd(prefix);
  const width = String(s.rangeKeys - 1).length;
  // Seed the prefix (16 in flight; not measured).
  const seed = await runLoad({
    inFlight: 16,
    maxOps: s.rangeKeys,
    maxSeconds: 60,
    op: async (_w, n) => {
      await conn.put(Buffer.from(`range/${String(n).padStart(width, '0')}`), values[n % values.length]!);
    },
  });
  if (seed.ops !== s.rangeKeys) throw new Error(`seeded only ${seed.ops} of ${s.rangeKeys} keys`);

  // Check one reply in full; the measured ranges only count the KeyValues (see Conn.rangeCount).
  const full = await conn.range(prefix, end);
  const kvs = full.kvs ?? [];
  const last = `range/${String(s.rangeKeys - 1).padStart(width, '0')}`;
  if (kvs.length !== s.rangeKeys || kvs.at(-1)?.key.toString() !== last || kvs[0]?.value?.length !== s.valueBytes) {
    throw new Error(`range reply is wrong: ${kvs.length} keys, last ${kvs.at(-1)?.key.toString()}, expected ${s.rangeKeys} up to ${last}`);
  }

  const run = (maxOps: number, maxSeconds: number): Promise<LoadResult> =>
    runLoad(
      {
        inFlight: 1,
        maxOps,
        maxSeconds,
        op: async () => {
          const got = await conn.rangeCount(prefix, end);
          if (got !== s.rangeKeys) throw new Error(`range returned ${got} keys, expected ${s.rangeKeys}`);
        },
      },
      serverPid,
    );
  await run(s.maxRangeOps, s.warmupSeconds);
  const r = await run(s.maxRangeOps, s.seconds);
  log(`  range  ${describe(r)}`);
  return r;
}

/**
 * A watcher on the `watch/` prefix (its own connection); puts are sent one at a time on another
 * connection, and each sample is the time from issuing the put to receiving its event. The next put
 * is issued only once both the event and the put's reply have arrived.
 */
async function watchPhase(putConn: Conn, watchConn: Conn, s: Settings, values: Buffer[], log: Log): Promise<WatchResult> {
  const stream = watchConn.watchStream();
  const waiting = new Map<string, (receivedAt: number) => void>();
  let failure: Error | undefined;
  let onCreated: (() => void) | undefined;
  stream.onMessage((res: WatchResponse) => {
    const now = performance.now();
    if (res.created) onCreated?.();
    if (res.canceled) failure = new Error(`watch canceled: ${res.cancel_reason ?? ''}`);
    for (const ev of res.events ?? []) {
      const key = ev.kv?.key.toString() ?? '';
      waiting.get(key)?.(now);
      waiting.delete(key);
    }
  });
  stream.onError((err) => (failure = err));
  try {
    const prefix = Buffer.from('watch/');
    await withTimeout(
      new Promise<void>((resolve) => {
        onCreated = resolve;
        stream.send({ create_request: { key: prefix, range_end: prefixEnd(prefix) } });
      }),
      10_000,
      'watch was not created',
    );

    let n = 0;
    const sample = async (): Promise<number> => {
      const key = `watch/${n}`;
      const value = values[n++ % values.length]!;
      if (failure) throw failure;
      const t0 = performance.now();
      const event = new Promise<number>((resolve) => waiting.set(key, resolve));
      const [receivedAt] = await withTimeout(Promise.all([event, putConn.put(Buffer.from(key), value)]), 10_000, `no event for ${key}`);
      return receivedAt - t0;
    };
    const collect = async (maxSamples: number, maxSeconds: number): Promise<WatchResult> => {
      const latencies: number[] = [];
      const start = performance.now();
      const deadline = start + maxSeconds * 1000;
      while (latencies.length < maxSamples && performance.now() < deadline) latencies.push(await sample());
      latencies.sort((a, b) => a - b);
      return {
        samples: latencies.length,
        seconds: (performance.now() - start) / 1000,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        max: latencies.at(-1) ?? NaN,
      };
    };
    await collect(Math.max(20, Math.floor(s.watchPuts / 10)), s.warmupSeconds);
    const r = await collect(s.watchPuts, s.watchSeconds);
    log(`  watch  ${r.samples} put→event samples in ${r.seconds.toFixed(1)} s: p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}`);
    return r;
  } finally {
    stream.cancel();
  }
}

function withTimeout<T>(p: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const ms = (x: number): string => `${x.toFixed(2)} ms`;

function describe(r: LoadResult): string {
  const cpu = (x: number): string => (Number.isNaN(x) ? '?' : `${Math.round(x * 100)}%`);
  return (
    `${Math.round(r.opsPerSec).toString().padStart(6)} ops/s (${r.ops} ops in ${r.seconds.toFixed(1)} s)` +
    `  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  cpu client ${cpu(r.clientCpu)} server ${cpu(r.serverCpu)} other ${cpu(r.otherCpu)}`
  );
}
