// Where a pod's logs and streams live: which container (named, or the only one), which node,
// and the addresses of that node's kubelet in the configured preference order, with the port the
// kubelet reported in `status.daemonEndpoints`.
import type { Node, Pod } from '@kubelite/api';
import type { RequestContext } from '../../../registry/context.js';
import type { Registry } from '../../../registry/generic.js';
import { DEFAULT_KUBELET_PORT, type KubeletClientConfig } from './config.js';
import { KubeletProxyErrors } from './errors.js';

export interface KubeletAddress {
  host: string;
  port: number;
}

const names = (list: readonly { name: string }[] | undefined): string[] => (list ?? []).map((c) => c.name);

/** The container a request addresses: the one named (it must exist), else the pod's only one. */
export function resolveContainer(pod: Pod, requested: string | undefined): string {
  const name = pod.metadata.name ?? '';
  const containers = names(pod.spec.containers);
  if (!requested) {
    if (containers.length === 1) return containers[0] as string;
    if (containers.length === 0) throw KubeletProxyErrors.noContainers(name);
    throw KubeletProxyErrors.chooseContainer(name, containers, names(pod.spec.initContainers), names(pod.spec.ephemeralContainers));
  }
  const all = [...containers, ...names(pod.spec.initContainers), ...names(pod.spec.ephemeralContainers)];
  if (!all.includes(requested)) throw KubeletProxyErrors.invalidContainer(requested, name);
  return requested;
}

/**
 * The node's addresses of the preferred types, most preferred first. Upstream dials only the
 * first; the rest are fallbacks for when it cannot be reached (a Hostname that does not resolve).
 */
export function kubeletAddresses(node: Node, config: KubeletClientConfig): KubeletAddress[] {
  const known = node.status?.addresses ?? [];
  const reported = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0;
  const port = reported > 0 ? reported : DEFAULT_KUBELET_PORT;
  const hosts: string[] = [];
  for (const type of config.preferredAddressTypes) {
    for (const a of known) if (a.type === type && a.address && !hosts.includes(a.address)) hosts.push(a.address);
  }
  if (hosts.length === 0) throw KubeletProxyErrors.noPreferredAddress(known);
  return hosts.map((host) => ({ host, port }));
}

/** Loads the node a pod is bound to and its kubelet's addresses; undefined when not scheduled. */
export async function nodeAddressesFor(pod: Pod, nodes: Registry | undefined, ctx: RequestContext, config: KubeletClientConfig): Promise<KubeletAddress[] | undefined> {
  const nodeName = pod.spec.nodeName;
  if (!nodeName) return undefined;
  if (!nodes) throw new Error('the nodes resource is not served');
  const node = (await nodes.get({ ...ctx, namespace: '' }, nodeName)) as unknown as Node;
  return kubeletAddresses(node, config);
}
