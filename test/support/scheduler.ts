// Starts the real kube-scheduler binary against a test cluster (127.0.0.1, a free secure port,
// a temporary KubeSchedulerConfiguration), plus the object builders and polling the scheduler
// tests share: nodes as API objects (no kubelet), pods with requests, "wait until" with a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod } from '@kubelite/api';
import { KubeClient, loadRestConfig } from '@kubelite/client';
import type { TestCluster } from './apiserver.js';
import { repoRoot } from './etcd-servers.js';
import { freePort } from './ports.js';

export const schedulerBin = join(repoRoot, 'packages/scheduler/dist/main.js');

export interface SchedulerProcess {
  port: number;
  process: ChildProcess;
  output(): string;
  metrics(): Promise<string>;
  /** SIGTERM and wait (SIGKILL after 10 s). */
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

export interface StartSchedulerOptions {
  /** KubeSchedulerConfiguration fields (kind/apiVersion are added) */
  config?: Record<string, unknown>;
  args?: string[];
  /** wait for /healthz (informers synced) before returning; default true */
  waitHealthy?: boolean;
  /** node options before the script, e.g. --cpu-prof */
  execArgv?: string[];
  /** --kubeconfig (default: the cluster's client-certificate kubeconfig) */
  kubeconfig?: string;
}

function get(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, rejectUnauthorized: false, timeout: 2000 }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startScheduler(cluster: TestCluster, opts: StartSchedulerOptions = {}): Promise<SchedulerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-sched-'));
  const configPath = join(dir, 'config.yaml');
  const config = { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', clientConnection: { qps: 2000, burst: 2000 }, ...opts.config };
  // JSON is YAML: the scheduler reads it with its YAML parser.
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const port = await freePort();
  const args = [...(opts.execArgv ?? []), schedulerBin, '--kubeconfig', opts.kubeconfig ?? cluster.certKubeconfig, '--config', configPath, '--bind-address', '127.0.0.1', '--secure-port', String(port), ...(opts.args ?? ['--leader-elect=false'])];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const sp: SchedulerProcess = {
    port,
    process: proc,
    output: () => out,
    metrics: async () => (await get(port, '/metrics')).text,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    kill9: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
  if (opts.waitHealthy === false) return sp;
  await waitFor(`kube-scheduler healthy\n${out}`, async () => {
    if (proc.exitCode !== null) throw new Error(`kube-scheduler exited with ${proc.exitCode}:\n${out}`);
    return (await get(port, '/healthz')).status === 200;
  }, 30_000);
  return sp;
}

/** Polls until check() is truthy; fails with `what` after timeoutMs. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
      if (e instanceof Error && e.message.startsWith('kube-scheduler exited')) throw e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export function adminClient(cluster: TestCluster): KubeClient {
  return new KubeClient(loadRestConfig({ kubeconfig: cluster.certKubeconfig }), { userAgent: 'scheduler-test', qps: -1 });
}

export interface NodeSpecInput {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never;
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extended?: Record<string, string>;
}

export function nodeObject(name: string, n: NodeSpecInput = {}): Node {
  const allocatable = { cpu: n.cpu ?? '4', memory: n.memory ?? '32Gi', pods: String(n.pods ?? 110), ...n.extended };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...n.labels } },
    spec: { ...(n.taints ? { taints: n.taints } : {}), ...(n.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: allocatable, allocatable, conditions: [{ type: 'Ready', status: 'True' }], ...(n.images ? { images: n.images } : {}) },
  };
}

/** Creates the node and writes its status (allocatable), as a kubelet registering would. */
export async function createNode(client: KubeClient, name: string, n: NodeSpecInput = {}): Promise<Node> {
  const nodes = client.resource<Node>('', 'v1', 'nodes');
  const obj = nodeObject(name, n);
  const created = await nodes.create(obj);
  return nodes.updateStatus({ ...created, status: obj.status });
}

export function podObject(name: string, spec: Partial<Pod['spec']> & { cpu?: string; memory?: string } = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  const { cpu, memory, ...rest } = spec;
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...meta },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests } }], ...rest },
  };
}

export async function getPod(client: KubeClient, ns: string, name: string): Promise<Pod> {
  return client.resource<Pod>('', 'v1', 'pods').namespace(ns).get(name);
}

export async function waitBound(client: KubeClient, ns: string, name: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(`pod ${ns}/${name} bound`, async () => (await getPod(client, ns, name)).spec.nodeName, timeoutMs);
}

export async function createNamespace(client: KubeClient, name: string, labels?: Record<string, string>): Promise<void> {
  await client.resource('', 'v1', 'namespaces').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } });
}
