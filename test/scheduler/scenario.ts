// A scenario: its own namespace and nodes on a shared cluster and scheduler, removed afterwards
// (pods deleted at once, nodes deleted) so the next scenario starts from an empty cluster.
import type { Node, Pod } from '@kubelite/api';
import type { KubeClient } from '@kubelite/client';
import { createNamespace, createNode, getPod, podObject, waitBound, waitFor, type NodeSpecInput } from '../support/scheduler.js';

let counter = 0;

export interface Scenario {
  ns: string;
  node(name: string): string;
  pod(name: string, spec?: Parameters<typeof podObject>[1], meta?: Parameters<typeof podObject>[2]): Promise<Pod>;
  bound(name: string, timeoutMs?: number): Promise<string>;
  get(name: string): Promise<Pod>;
  cleanup(): Promise<void>;
}

export async function scenario(client: KubeClient, nodes: Record<string, NodeSpecInput>): Promise<Scenario> {
  const id = ++counter;
  const ns = `s${id}`;
  await createNamespace(client, ns);
  const nodeName = (n: string): string => `s${id}-${n}`;
  for (const [n, spec] of Object.entries(nodes)) await createNode(client, nodeName(n), spec);
  const pods = client.resource<Pod>('', 'v1', 'pods').namespace(ns);
  const strip = (node: string): string => node.replace(`s${id}-`, '');
  return {
    ns,
    node: nodeName,
    pod: (name, spec, meta) => pods.create(podObject(name, spec, meta)),
    bound: async (name, timeoutMs) => strip(await waitBound(client, ns, name, timeoutMs)),
    get: (name) => getPod(client, ns, name),
    cleanup: async () => {
      for (const p of (await pods.list()).items) await pods.delete(p.metadata.name!, { gracePeriodSeconds: 0 }).catch(() => undefined);
      const nodeClient = client.resource<Node>('', 'v1', 'nodes');
      for (const n of Object.keys(nodes)) await nodeClient.delete(nodeName(n)).catch(() => undefined);
      await waitFor('scenario pods gone', async () => (await pods.list()).items.length === 0, 10_000);
    },
  };
}
