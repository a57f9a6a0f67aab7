// Starts the real kube-apiserver binary over etcd-lite or the real etcd, with a CA, a client
// certificate, a token file and kubeconfigs for each — what a user's cluster has — so tests can
// drive it with the real kubectl, curl or the client library.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueClientCert, issueServingCert, writeKubeconfig } from '@kubelite/client';
import { repoRoot, requireTool, startEtcd, realEtcdAvailable, type EtcdFlavor, type EtcdServer } from './etcd-servers.js';
import { freePort } from './ports.js';

export const apiserverBin = join(repoRoot, 'packages/apiserver/dist/main.js');
export const ADMIN_TOKEN = 'kubelite-test-admin-token';

export interface ApiServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export interface TestCluster {
  etcd: EtcdServer;
  apiservers: ApiServerProcess[];
  /** The first apiserver's URL. */
  url: string;
  dir: string;
  caFile: string;
  /** Admin via client certificate (CN kubelite-admin, O system:masters). */
  certKubeconfig: string;
  /** Admin via bearer token from the token file. */
  tokenKubeconfig: string;
  /** Starts one more apiserver on the same store. */
  addApiServer(): Promise<ApiServerProcess>;
  stop(): Promise<void>;
}

export function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
}

export function etcdFlavorAvailable(flavor: EtcdFlavor): boolean {
  return flavor === 'etcd-lite' || requireTool('etcd', realEtcdAvailable());
}

async function waitReady(url: string, ca: string, proc: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const { request } = await import('node:https');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`kube-apiserver exited with ${proc.exitCode}:\n${output()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(`${url}/readyz`, { ca, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`kube-apiserver at ${url} not ready after ${timeoutMs} ms:\n${output()}`);
}

async function spawnApiServer(etcdUrl: string, dir: string, caFile: string, extraArgs: string[], execArgv: string[] = []): Promise<ApiServerProcess> {
  const port = await freePort();
  const args = [
    ...execArgv,
    apiserverBin,
    '--etcd-servers', etcdUrl,
    '--bind-address', '127.0.0.1',
    '--secure-port', String(port),
    '--tls-cert-file', join(dir, 'apiserver.crt'),
    '--tls-private-key-file', join(dir, 'apiserver.key'),
    '--client-ca-file', caFile,
    '--token-auth-file', join(dir, 'tokens.csv'),
    '--anonymous-auth', 'false',
    '--cert-dir', join(dir, 'certs'),
    ...extraArgs,
  ];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `https://127.0.0.1:${port}`;
  const output = (): string => out;
  await waitReady(url, (await import('node:fs')).readFileSync(caFile, 'utf8'), proc, output);
  return {
    url,
    port,
    process: proc,
    output,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `execArgv`: node options for the apiserver and etcd-lite processes, e.g. --cpu-prof (benchmarks). */
export async function startTestCluster(opts: { etcd?: EtcdFlavor; apiserverArgs?: string[]; execArgv?: string[] } = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-api-'));
  const ca = await createCa();
  const serving = await issueServingCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const admin = await issueClientCert(ca, { user: 'kubelite-admin', groups: ['system:masters'] });
  const caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, ca.cert);
  writeFileSync(join(dir, 'apiserver.crt'), serving.cert);
  writeFileSync(join(dir, 'apiserver.key'), serving.key, { mode: 0o600 });
  writeFileSync(join(dir, 'tokens.csv'), `${ADMIN_TOKEN},token-admin,uid-1,"system:masters"\n`);
  // The layout `pnpm start` uses (.kubelite/pki), so README commands run unchanged against it.
  mkdirSync(join(dir, 'pki'));
  writeFileSync(join(dir, 'pki', 'ca.crt'), ca.cert);
  writeFileSync(join(dir, 'pki', 'admin.crt'), admin.cert);
  writeFileSync(join(dir, 'pki', 'admin.key'), admin.key, { mode: 0o600 });
  const etcd = await startEtcd(opts.etcd ?? 'etcd-lite', opts.execArgv ? { execArgv: opts.execArgv } : {});
  const extra = opts.apiserverArgs ?? [];
  const apiservers: ApiServerProcess[] = [];
  try {
    apiservers.push(await spawnApiServer(etcd.clientUrl, dir, caFile, extra, opts.execArgv));
  } catch (err) {
    await etcd.stop();
    throw err;
  }
  const url = apiservers[0]?.url ?? '';
  const certKubeconfig = join(dir, 'admin.conf');
  const tokenKubeconfig = join(dir, 'token.conf');
  const common = { clusterName: 'kubelite', server: url, caData: Buffer.from(ca.cert) };
  writeKubeconfig(certKubeconfig, { ...common, userName: 'kubelite-admin', certData: Buffer.from(admin.cert), keyData: Buffer.from(admin.key) });
  writeKubeconfig(tokenKubeconfig, { ...common, userName: 'token-admin', token: ADMIN_TOKEN });
  return {
    etcd,
    apiservers,
    url,
    dir,
    caFile,
    certKubeconfig,
    tokenKubeconfig,
    addApiServer: async () => {
      const a = await spawnApiServer(etcd.clientUrl, dir, caFile, extra);
      apiservers.push(a);
      return a;
    },
    stop: async () => {
      for (const a of apiservers) await a.stop();
      await etcd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real kubectl against a kubeconfig, with a private discovery cache (see kubectl-wire G8). */
export function kubectl(kubeconfig: string, args: readonly string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): KubectlResult {
  const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(kubeconfig, '..', 'kubectl-cache'), ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    timeout: opts.timeoutMs ?? 30_000,
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
