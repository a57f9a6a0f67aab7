// Starts etcd-lite (the built binary) or the real etcd (Debian's etcd-server) on loopback ports
// with a temporary data dir, so the same suite can run against both.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './ports.js';

export type EtcdFlavor = 'etcd-lite' | 'etcd';

export interface EtcdServer {
  flavor: EtcdFlavor;
  /** host:port, as etcdctl's --endpoints takes it */
  endpoint: string;
  clientUrl: string;
  metricsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** everything the process wrote to stdout/stderr */
  output(): string;
  /** SIGTERM and wait; removes the data dir unless keepData */
  stop(opts?: { keepData?: boolean }): Promise<void>;
  /** SIGKILL and wait; keeps the data dir */
  kill9(): Promise<void>;
}

export const repoRoot = resolve(import.meta.dirname, '../..');
export const etcdLiteBin = join(repoRoot, 'packages/etcd-lite/dist/main.js');

export function realEtcdAvailable(): boolean {
  return spawnSync('etcd', ['--version']).status === 0;
}

export function etcdctlAvailable(): boolean {
  return spawnSync('etcdctl', ['version']).status === 0;
}

/** In CI a missing tool is a failure, never a silent skip. */
export function requireTool(name: string, available: boolean): boolean {
  if (!available && process.env.CI) throw new Error(`${name} is required under CI=true but is not installed`);
  return available;
}

export interface StartOptions {
  dataDir?: string;
  extraArgs?: string[];
  /** reuse ports (for a restart on the same data dir) */
  clientPort?: number;
  metricsPort?: number;
  /** node options for etcd-lite, e.g. --cpu-prof (benchmarks) */
  execArgv?: string[];
}

export async function startEtcd(flavor: EtcdFlavor, opts: StartOptions = {}): Promise<EtcdServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), `${flavor}-`));
  const clientPort = opts.clientPort ?? (await freePort());
  const metricsPort = opts.metricsPort ?? (await freePort());
  const clientUrl = `http://127.0.0.1:${clientPort}`;
  const metricsUrl = `http://127.0.0.1:${metricsPort}`;
  const common = [
    '--name', 'default',
    '--data-dir', dataDir,
    '--listen-client-urls', clientUrl,
    '--advertise-client-urls', clientUrl,
    '--listen-metrics-urls', metricsUrl,
  ];
  let cmd: string;
  let args: string[];
  if (flavor === 'etcd-lite') {
    if (!existsSync(etcdLiteBin)) throw new Error(`${etcdLiteBin} is missing: run pnpm build`);
    cmd = process.execPath;
    args = [...(opts.execArgv ?? []), etcdLiteBin, ...common, '--log-format', 'json', ...(opts.extraArgs ?? [])];
  } else {
    const peerUrl = `http://127.0.0.1:${await freePort()}`;
    cmd = 'etcd';
    args = [
      ...common,
      '--listen-peer-urls', peerUrl,
      '--initial-advertise-peer-urls', peerUrl,
      '--initial-cluster', `default=${peerUrl}`,
      '--log-level', 'error',
      ...(opts.extraArgs ?? []),
    ];
  }
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));

  const server: EtcdServer = {
    flavor,
    endpoint: `127.0.0.1:${clientPort}`,
    clientUrl,
    metricsUrl,
    dataDir,
    process: child,
    output: () => output,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };

  // Ready when /health answers; bounded to 30 s.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${flavor} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${metricsUrl}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${flavor} did not become healthy in 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return server;
}
