// The kubelet's own annotations on every container (reference §1.4): what a restarted kubelet
// needs to kill a container properly when the pod is gone from the API (grace period, preStop)
// and to tell whether its definition changed (hash).
import type { Container, Pod } from '@kubelite/api';
import { containerHash } from './hash.js';

export const HASH = 'io.kubernetes.container.hash';
export const RESTART_COUNT = 'io.kubernetes.container.restartCount';
export const TERMINATION_MESSAGE_PATH = 'io.kubernetes.container.terminationMessagePath';
export const TERMINATION_MESSAGE_POLICY = 'io.kubernetes.container.terminationMessagePolicy';
export const TERMINATION_GRACE = 'io.kubernetes.pod.terminationGracePeriod';
export const PRE_STOP = 'io.kubernetes.container.preStopHandler';
export const PORTS = 'io.kubernetes.container.ports';
export const CONTAINER_TYPE = 'io.kubernetes.container.type';

export type ContainerType = 'container' | 'init';

export function containerAnnotations(pod: Pod, container: Container, restartCount: number, type: ContainerType): Record<string, string> {
  const a: Record<string, string> = {
    [HASH]: containerHash(container),
    [RESTART_COUNT]: String(restartCount),
    [TERMINATION_MESSAGE_PATH]: container.terminationMessagePath ?? '/dev/termination-log',
    [TERMINATION_MESSAGE_POLICY]: container.terminationMessagePolicy ?? 'File',
    [CONTAINER_TYPE]: type,
  };
  const grace = pod.spec?.terminationGracePeriodSeconds;
  if (grace !== undefined && grace !== null) a[TERMINATION_GRACE] = String(grace);
  if (container.lifecycle?.preStop) a[PRE_STOP] = JSON.stringify(container.lifecycle.preStop);
  if (container.ports?.length) a[PORTS] = JSON.stringify(container.ports);
  return a;
}
