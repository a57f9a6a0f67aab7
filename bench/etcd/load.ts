// A bounded closed-loop load generator and the statistics the bench prints.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export interface LoadOptions {
  /** operations kept in flight at once (each "worker" awaits its op before the next) */
  inFlight: number;
  /** hard cap on operations issued */
  maxOps: number;
  /** hard cap on wall time; no new op is issued after it */
  maxSeconds: number;
  /** the operation; `worker` is 0..inFlight-1, `seq` is a unique, increasing op number */
  op: (worker: number, seq: number) => Promise<void>;
}

export interface LoadResult {
  ops: number;
  seconds: number;
  opsPerSec: number;
  /** latency in milliseconds */
  p50: number;
  p99: number;
  max: number;
  /** CPU used by this (client) process over the phase, as a share of one core */
  clientCpu: number;
  /** CPU used by the server process over the phase, as a share of one core (NaN if unknown) */
  serverCpu: number;
  /** CPU used by everything else on the machine over the phase (cores; > ~0.1 means a disturbed phase) */
  otherCpu: number;
}

/** Runs `op` with `inFlight` concurrent workers until maxOps or maxSeconds, whichever comes first. */
export async function runLoad(opts: LoadOptions, serverPid?: number): Promise<LoadResult> {
  const latencies = new Float64Array(opts.maxOps);
  let issued = 0;
  let done = 0;
  const cpu0 = process.cpuUsage();
  const server0 = processCpuSeconds(serverPid);
  const machine0 = machineBusySeconds();
  const start = performance.now();
  const deadline = start + opts.maxSeconds * 1000;

  const worker = async (w: number): Promise<void> => {
    while (issued < opts.maxOps && performance.now() < deadline) {
      const seq = issued++;
      const t0 = performance.now();
      await opts.op(w, seq);
      latencies[done++] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: opts.inFlight }, (_, w) => worker(w)));

  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server1 = processCpuSeconds(serverPid);
  const machine1 = machineBusySeconds();
  const sorted = latencies.subarray(0, done).sort();
  return {
    ops: done,
    seconds,
    opsPerSec: done / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    clientCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    serverCpu: (server1 - server0) / seconds,
    otherCpu: Math.max(0, (machine1 - machine0 - (cpu.user + cpu.system) / 1e6 - (server1 - server0)) / seconds),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime+stime of a process in seconds from /proc (NaN where /proc is unavailable). */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Busy CPU time of the whole machine in seconds, from /proc/stat (NaN where unavailable). */
export function machineBusySeconds(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu; // skips idle, iowait
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** A pool of random 256-byte values (cheaper for the client than fresh random bytes per op). */
export function valuePool(size: number, count = 1024): Buffer[] {
  return Array.from({ length: count }, () => randomBytes(size));
}
