// etcd-lite vs the real etcd, same workload, same client, one run: `pnpm build && pnpm bench:etcd`.
// The servers run one at a time (never competing for the cores); the client runs in this process.
// Each round runs every server once, alternating the order (etcd-lite first in even rounds), and
// the table shows the median per figure over the rounds.
// Flags: --quick, --only etcd|etcd-lite, --seconds N, --rounds N, --help (env: BENCH_QUICK=1, BENCH_ONLY=…).
import { spawnSync } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEtcd, etcdLiteBin, repoRoot, type EtcdFlavor, type EtcdServer } from '../../test/support/etcd-servers.js';
import { Conn } from './client.js';
import { percentile } from './load.js';
import { runWorkloads, type ServerResults, type Settings } from './workloads.js';

const FLAVORS: readonly EtcdFlavor[] = ['etcd', 'etcd-lite'];

interface Plan {
  settings: Settings;
  flavors: EtcdFlavor[];
  rounds: number;
  quick: boolean;
}

function parseSettings(): Plan {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
      only: { type: 'string', default: process.env.BENCH_ONLY },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: pnpm bench:etcd [--quick] [--only etcd|etcd-lite] [--seconds N] [--rounds N]');
    process.exit(0);
  }
  const only = values.only;
  if (only !== undefined && !FLAVORS.includes(only as EtcdFlavor)) {
    console.error(`--only must be one of ${FLAVORS.join(', ')}, got "${only}"`);
    process.exit(2);
  }
  const quick = values.quick ?? false;
  const seconds = values.seconds !== undefined ? Number(values.seconds) : quick ? 2 : 4;
  if (!(seconds > 0 && seconds <= 60)) {
    console.error(`--seconds must be in (0, 60], got "${values.seconds}"`);
    process.exit(2);
  }
  const rounds = values.rounds !== undefined ? Number(values.rounds) : quick ? 1 : 3;
  if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 10)) {
    console.error(`--rounds must be an integer in [1, 10], got "${values.rounds}"`);
    process.exit(2);
  }
  const settings: Settings = {
    seconds,
    warmupSeconds: quick ? 0.5 : 1.5,
    maxPutOps: 200_000,
    maxRangeOps: 20_000,
    rangeKeys: 1000,
    watchPuts: quick ? 300 : 2000,
    watchSeconds: quick ? 5 : 20,
    perConn: 16,
    valueBytes: 256,
  };
  const flavors = only !== undefined ? [only as EtcdFlavor] : [...FLAVORS];
  return { settings, flavors, rounds, quick };
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? '').trim() : 'not installed';
}

/** Median latency of a 256-byte write + fdatasync in the temp dir (where the data dirs live). */
function fsyncProbe(): number {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const buf = Buffer.alloc(256, 1);
  const samples: number[] = [];
  const deadline = performance.now() + 2000;
  try {
    for (let i = 0; i < 200 && performance.now() < deadline; i++) {
      const t0 = performance.now();
      writeSync(fd, buf);
      fdatasyncSync(fd);
      samples.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return percentile(samples.sort((a, b) => a - b), 0.5);
}

function printFacts({ settings: s, flavors, rounds, quick }: Plan): void {
  const cpus = os.cpus();
  const litePkg = JSON.parse(readFileSync(join(repoRoot, 'packages/etcd-lite/package.json'), 'utf8')) as { version: string };
  console.log('etcd benchmark: etcd-lite vs etcd');
  console.log(`  machine   ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`);
  console.log(`  node      ${process.version}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min)`);
  console.log(`  etcd      ${firstLine('etcd', ['--version'])}`);
  console.log(`  etcd-lite ${litePkg.version} (${etcdLiteBin})`);
  console.log(`  disk      write+fdatasync of 256 B in ${os.tmpdir()}: p50 ${fsyncProbe().toFixed(2)} ms`);
  console.log(`  settings  ${quick ? 'quick, ' : ''}measured phases ≤ ${s.seconds} s each after ≤ ${s.warmupSeconds} s warm-up, ` +
    `≤ ${s.maxPutOps} ops; ${s.valueBytes} B random values, distinct keys; ${s.perConn} in flight per connection; ` +
    `range ${s.rangeKeys} keys, ≤ ${s.maxRangeOps} ops; watch ${s.watchPuts} puts one at a time (≤ ${s.watchSeconds} s)`);
  console.log('  durability both servers at their defaults (etcd fsyncs its WAL before replying, batching concurrent puts)');
  console.log(`  servers   ${flavors.join(', ')} — one at a time, loopback only, fresh temp data dir each; ` +
    `${rounds} round(s), median per figure\n`);
}

let current: EtcdServer | undefined;

async function benchServer(flavor: EtcdFlavor, s: Settings, round: string): Promise<ServerResults> {
  const server = await startEtcd(flavor);
  current = server;
  try {
    const probe = new Conn(server.endpoint);
    const status = await probe.status().finally(() => probe.close());
    console.log(`${round}${flavor} on ${server.endpoint} (pid ${server.process.pid}, reports version ${status.version ?? '?'})`);
    return await runWorkloads(server.endpoint, server.process.pid, s, (line) => console.log(line));
  } catch (err) {
    const out = server.output().trim().split('\n').slice(-20).join('\n');
    if (out) console.error(`last output of ${flavor}:\n${out}`);
    throw err;
  } finally {
    await server.stop();
    current = undefined;
  }
}

interface Row {
  label: string;
  unit: 'ops/s' | 'ms';
  pick: (r: ServerResults) => number;
  /** target on etcd-lite/etcd: ≥ for ops/s, ≤ for ms */
  target?: number;
}

const ROWS: Row[] = [
  { label: 'put 256 B, sequential', unit: 'ops/s', pick: (r) => r.seq.opsPerSec, target: 0.8 },
  { label: 'put 256 B, 16 in flight', unit: 'ops/s', pick: (r) => r.c16.opsPerSec, target: 1.0 },
  { label: 'put 256 B, 64 in flight', unit: 'ops/s', pick: (r) => r.c64.opsPerSec, target: 1.0 },
  { label: 'range 1,000 keys', unit: 'ops/s', pick: (r) => r.range.opsPerSec },
  { label: 'range 1,000 keys p50', unit: 'ms', pick: (r) => r.range.p50 },
  { label: 'range 1,000 keys p99', unit: 'ms', pick: (r) => r.range.p99 },
  { label: 'put→watch event p50', unit: 'ms', pick: (r) => r.watch.p50 },
  { label: 'put→watch event p99', unit: 'ms', pick: (r) => r.watch.p99, target: 1.0 },
];

function fmt(x: number | undefined, unit: Row['unit']): string {
  if (x === undefined || Number.isNaN(x)) return '—';
  return unit === 'ops/s' ? Math.round(x).toString() : x.toFixed(2);
}

type Results = Record<EtcdFlavor, ServerResults[]>;

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

function printTable(results: Results): number {
  const header = ['workload', 'unit', 'etcd', 'etcd-lite', 'lite/etcd', 'target', 'result'];
  const lines: string[][] = [header];
  let misses = 0;
  for (const row of ROWS) {
    const e = median(results.etcd.map(row.pick));
    const l = median(results['etcd-lite'].map(row.pick));
    const ratio = e !== undefined && l !== undefined ? l / e : undefined;
    const higher = row.unit === 'ops/s';
    const target = row.target === undefined ? '—' : `${higher ? '≥' : '≤'} ${row.target.toFixed(1)}`;
    let result = '';
    if (row.target !== undefined && ratio !== undefined) {
      const shown = Number(ratio.toFixed(2)); // judge the ratio as printed, so "1.00" never reads MISS
      const pass = higher ? shown >= row.target : shown <= row.target;
      result = pass ? 'PASS' : 'MISS';
      if (!pass) misses++;
    }
    lines.push([row.label, row.unit, fmt(e, row.unit), fmt(l, row.unit), ratio === undefined ? '—' : ratio.toFixed(2), target, result]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((cells) => cells[i]!.length)));
  for (const [i, cells] of lines.entries()) {
    console.log(cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('\nlite/etcd: for ops/s, etcd-lite ÷ etcd throughput (≥ 1.0 means etcd-lite is as fast or faster);');
  console.log('           for ms, etcd-lite ÷ etcd latency (≤ 1.0 means etcd-lite is as fast or faster).');
  return misses;
}

async function main(): Promise<void> {
  const plan = parseSettings();
  process.on('SIGINT', () => {
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
  printFacts(plan);
  const { flavors, rounds, settings } = plan;
  const results: Results = { etcd: [], 'etcd-lite': [] };
  const started = performance.now();
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? flavors : [...flavors].reverse();
    for (const flavor of order) {
      results[flavor].push(await benchServer(flavor, settings, rounds > 1 ? `[round ${round}/${rounds}] ` : ''));
      console.log('');
    }
  }
  const misses = printTable(results);
  const others = [...results.etcd, ...results['etcd-lite']].flatMap((r) => [r.seq, r.c16, r.c64, r.range].map((p) => p.otherCpu));
  const maxOther = Math.max(...others.filter((x) => !Number.isNaN(x)));
  if (Number.isFinite(maxOther)) {
    // Kernel work on the servers' behalf (ext4 journal, loopback softirqs) counts here too: ~10-20%.
    const verdict = maxOther > 0.35 ? 'other work competed for the cores: treat the ratios with care' : 'no sign of competing work';
    console.log(`\nCPU used outside client and server during measured phases: up to ${Math.round(maxOther * 100)}% of a core (${verdict}).`);
  }
  const total = ((performance.now() - started) / 1000).toFixed(0);
  if (flavors.length === 2) console.log(`\n${misses === 0 ? 'all targets met' : `${misses} target(s) missed`} (run took ${total} s)`);
  else console.log(`\nonly ${flavors[0]} was run: no ratios (run took ${total} s)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
