// dockershim's container names (reference §1.3). The name carries the attempt, so every restart
// is a new name and two instances never collide; the labels carry the rest.
import type { PodRef } from './types.js';

const PREFIX = 'k8s';
/** The container name dockershim gave sandboxes, in names and in `io.kubernetes.container.name`. */
export const SANDBOX_CONTAINER_NAME = 'POD';

export interface ParsedName {
  containerName: string;
  podName: string;
  namespace: string;
  uid: string;
  attempt: number;
}

export function sandboxName(pod: PodRef, attempt: number): string {
  return containerName(SANDBOX_CONTAINER_NAME, pod, attempt);
}

export function containerName(name: string, pod: PodRef, attempt: number): string {
  return [PREFIX, name, pod.name, pod.namespace, pod.uid, String(attempt)].join('_');
}

/** Parses `k8s_<c>_<pod>_<ns>_<uid>_<attempt>[_<random>]`; Docker's leading `/` is ignored. */
export function parseName(dockerName: string): ParsedName | undefined {
  const parts = dockerName.replace(/^\//, '').split('_');
  if (parts.length !== 6 && parts.length !== 7) return undefined;
  const [prefix, containerName, podName, namespace, uid, attemptText] = parts as [string, string, string, string, string, string];
  if (prefix !== PREFIX || !/^\d+$/.test(attemptText)) return undefined;
  return { containerName, podName, namespace, uid, attempt: Number(attemptText) };
}
