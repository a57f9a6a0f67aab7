// Running klctl and the components from their sources, as a user would run the built bins: a
// temp dir of shims named like the bins (kubelet, kube-apiserver, …) that start src/main.ts
// through tsx, put first in PATH; klctl itself the same way.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PORTS, LISTENING_PORTS, probePort } from '@kubelite/cli';

export const repo = resolve(import.meta.dirname, '..', '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const tsconfig = join(repo, 'tsconfig.json');

const BINS: Record<string, string> = {
  kubelet: 'packages/kubelet/src/main.ts',
  'etcd-lite': 'packages/etcd-lite/src/main.ts',
  'kube-apiserver': 'packages/apiserver/src/main.ts',
  'kube-scheduler': 'packages/scheduler/src/main.ts',
  'kube-controller-manager': 'packages/controller-manager/src/main.ts',
  'kube-proxy': 'packages/proxy/src/main.ts',
};

/** A dir of shims running each component from src; put it first in PATH. */
export function sourceBinDir(parent: string): string {
  const dir = join(parent, 'bin');
  mkdirSync(dir, { recursive: true });
  for (const [name, main] of Object.entries(BINS)) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${join(repo, main)}" "$@"\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

/** The environment klctl runs with: tsx resolves @kubelite/* to src through the root tsconfig. */
export function klctlEnv(binDir?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: tsconfig };
  if (binDir) env.PATH = [binDir, process.env.PATH ?? ''].join(delimiter);
  // never inherit a cluster marker from the test runner's environment
  delete env.KUBELITE_CLUSTER_DIR;
  return env;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs klctl from src; bounded by timeoutMs (killed after, code null). */
export function klctl(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', tsx, join(repo, 'packages/cli/src/main.ts'), ...args], {
      env: opts.env ?? klctlEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A --port-offset whose every port is free, above the default ports (the highest is 10259) and
 * below 20000, where freePort's range starts; so also below the NodePort and ephemeral ranges.
 */
export async function freePortOffset(): Promise<number> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const offset = 7_900 + Math.floor(Math.random() * 1_800);
    const states = await Promise.all(LISTENING_PORTS.map(([key]) => probePort(DEFAULT_PORTS[key] + offset)));
    if (states.every((s) => s === 'free')) return offset;
  }
  throw new Error('no free port offset found in 30 attempts');
}

/** An HTTP server on a unix socket answering Docker's /_ping with OK, so preflight passes without Docker. */
export async function fakeDockerSocket(dir: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const socket = join(dir, 'docker.sock');
  const server: Server = createServer((req, res) => {
    res.writeHead(req.url === '/_ping' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(req.url === '/_ping' ? 'OK' : 'not found');
  });
  await new Promise<void>((ok) => server.listen(socket, ok));
  return { endpoint: `unix://${socket}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
