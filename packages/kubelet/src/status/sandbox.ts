// The sandbox half of a pod's status: whether its network is set up (PodReadyToStartContainers),
// which of the runtime's containers belong to the current sandbox, and the pod IPs.
import { isIP } from 'node:net';
import type { Pod, PodIP } from '@kubelite/api';
import type { ContainerStatus, SandboxStatus } from '../runtime/types.js';

/** Newest first by creation time, then by attempt (the order the runtime's pod status uses). */
export function newestFirst<T extends { createdAt: Date; attempt: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.attempt - a.attempt);
}

// Pods of the process runtime always share the host's network, whatever the spec says.
function wantsHostNetwork(pod: Pod): boolean {
  return pod.spec.hostNetwork === true || pod.spec.runtimeClassName === 'process';
}

/**
 * Upstream PodSandboxChanged: a new sandbox is needed when there is none, when more than one is
 * ready, when the newest is not ready, when its network mode differs from the spec's, or when a
 * pod-network sandbox has no IP. `sandboxes` must be newest first.
 */
export function podSandboxChanged(pod: Pod, sandboxes: readonly SandboxStatus[]): boolean {
  const newest = sandboxes[0];
  if (!newest) return true;
  if (sandboxes.filter((s) => s.state === 'ready').length > 1) return true;
  if (newest.state !== 'ready') return true;
  if (newest.hostNetwork !== wantsHostNetwork(pod)) return true;
  return !newest.hostNetwork && !newest.ip;
}

/**
 * Upstream HasAnyActiveRegularContainerStarted: a regular container exists in the current
 * sandbox, so every init container has already run (even if a sidecar is restarting now).
 */
export function hasActiveRegularContainer(pod: Pod, sandboxes: readonly SandboxStatus[], containers: readonly ContainerStatus[]): boolean {
  const current = sandboxes[0];
  if (!current) return false;
  const regular = new Set(pod.spec.containers.map((c) => c.name));
  return containers.some((c) => c.sandboxId === current.id && regular.has(c.name));
}

function familyOf(ip: string): number {
  return isIP(ip);
}

// The first node IP, plus the second when it is of the other family (dual-stack nodes).
function nodePodIPs(nodeIPs: readonly string[]): string[] {
  const [first, second] = nodeIPs;
  if (!first) return [];
  return second && familyOf(second) !== familyOf(first) ? [first, second] : [first];
}

/**
 * The pod IPs: the newest sandbox's IP while it is ready; the node's IPs for host-network pods.
 * When no sandbox is ready any more (the pod has stopped) the IPs last reported are kept, so a
 * finished pod does not lose its IP on the way to Succeeded (upstream #47806, #125404).
 */
export function podIPs(pod: Pod, sandboxes: readonly SandboxStatus[], nodeIPs: readonly string[], previous: readonly PodIP[] | undefined): PodIP[] {
  const newest = sandboxes[0];
  if (wantsHostNetwork(pod) || newest?.hostNetwork) return nodePodIPs(nodeIPs).map((ip) => ({ ip }));
  if (newest?.state === 'ready' && newest.ip) return [{ ip: newest.ip }];
  if (!sandboxes.some((s) => s.state === 'ready') && previous?.length) return previous.map((p) => ({ ip: p.ip }));
  return [];
}
