// No over-commit under load: 2,000 pods with requests created as fast as the apiserver takes them
// onto 100 nodes whose capacity they exceed. Every node must end within allocatable (cpu, memory,
// pods) however the assume/confirm race plays out, and every pod that did not fit must be
// Pending with PodScheduled=False/Unschedulable naming the shortage.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Node, Pod } from '@kubelite/api';
import type { KubeClient } from '@kubelite/client';
import { podRequests } from '@kubelite/scheduler';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { adminClient, createNamespace, createNode, podObject, startScheduler, waitFor, type SchedulerProcess } from '../support/scheduler.js';

const NODES = 100;
const PODS = 2000;
const CPUS = ['100m', '250m', '500m'];

let cluster: TestCluster;
let sched: SchedulerProcess;
let client: KubeClient;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = adminClient(cluster);
  await createNamespace(client, 'load');
  await Promise.all(Array.from({ length: NODES }, (_, i) => createNode(client, `node-${i}`, { cpu: '4', memory: '8Gi', pods: 30 })));
  sched = await startScheduler(cluster);
}, 60_000);

afterAll(async () => {
  await sched?.stop();
  client?.close();
  await cluster?.stop();
});

async function createAll(pods: Pod[], concurrency: number): Promise<void> {
  const api = client.resource<Pod>('', 'v1', 'pods').namespace('load');
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pods.length) await api.create(pods[next++]!);
    }),
  );
}

it('2,000 pods onto 100 nodes: no node over its allocatable, the rest Pending as Unschedulable', async () => {
  const pods = Array.from({ length: PODS }, (_, i) => podObject(`p-${i}`, { cpu: CPUS[i % CPUS.length], memory: '256Mi' }));
  const t0 = Date.now();
  await createAll(pods, 32);
  const api = client.resource<Pod>('', 'v1', 'pods').namespace('load');
  const settled = await waitFor(
    'every pod bound or reported unschedulable',
    async () => {
      const items = (await api.list()).items;
      const decided = items.filter((p) => p.spec.nodeName || p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'));
      return decided.length === PODS ? items : undefined;
    },
    60_000,
    250,
  );
  const elapsed = Date.now() - t0;
  const nodes = (await client.resource<Node>('', 'v1', 'nodes').list()).items;
  const used = new Map<string, { cpu: number; mem: number; pods: number }>();
  for (const p of settled) {
    if (!p.spec.nodeName) continue;
    const r = podRequests(p);
    const u = used.get(p.spec.nodeName) ?? { cpu: 0, mem: 0, pods: 0 };
    used.set(p.spec.nodeName, { cpu: u.cpu + r.milliCPU, mem: u.mem + r.memory, pods: u.pods + 1 });
  }
  for (const n of nodes) {
    const u = used.get(n.metadata.name!) ?? { cpu: 0, mem: 0, pods: 0 };
    expect(u.cpu, `${n.metadata.name} cpu`).toBeLessThanOrEqual(4000);
    expect(u.mem, `${n.metadata.name} memory`).toBeLessThanOrEqual(8 * 1024 ** 3);
    expect(u.pods, `${n.metadata.name} pods`).toBeLessThanOrEqual(30);
  }
  const bound = settled.filter((p) => p.spec.nodeName);
  const pending = settled.filter((p) => !p.spec.nodeName);
  const totalCpu = [...used.values()].reduce((s, u) => s + u.cpu, 0);
  console.log(`${bound.length} bound, ${pending.length} pending in ${elapsed} ms; cluster cpu used ${totalCpu}/${NODES * 4000}m`);
  // Demand (~567 CPUs) far exceeds the 400 CPUs: the cluster ends nearly full and many pods wait.
  expect(pending.length).toBeGreaterThan(0);
  expect(totalCpu).toBeGreaterThan(NODES * 4000 * 0.95);
  for (const p of pending) {
    expect(p.status?.phase).toBe('Pending');
    const c = p.status!.conditions!.find((x) => x.type === 'PodScheduled')!;
    expect(c.reason).toBe('Unschedulable');
    expect(c.message).toMatch(/^0\/100 nodes are available: .*Insufficient cpu/);
  }
}, 90_000);
