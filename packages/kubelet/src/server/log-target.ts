// Which container instance `GET /containerLogs` reads: the pod's status decides, with upstream's
// validateContainerLogStatus wording for every case that has no logs; the runtime's list of
// instances (newest first) maps the status's container ID to a runtime ID, and stands in when
// the status has not caught up with a container yet.
import type { ContainerStatus as ApiContainerStatus, Pod } from '@kubelite/api';
import type { ContainerRuntime, ContainerStatus } from '../runtime/types.js';
import { serverError } from './errors.js';
import type { KubeletPodProvider } from './types.js';

export interface LogTarget {
  runtime: ContainerRuntime;
  /** Raw runtime ID (no `docker://`). */
  containerId: string;
}

export function specHasContainer(pod: Pod, name: string): boolean {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])];
  return all.some((c) => c.name === name);
}

function statusOf(pod: Pod, name: string): ApiContainerStatus | undefined {
  const s = pod.status ?? {};
  const all = [...(s.containerStatuses ?? []), ...(s.initContainerStatuses ?? []), ...(s.ephemeralContainerStatuses ?? [])];
  return all.find((c) => c.name === name);
}

const WAITING_WORDS: Record<string, string> = {
  ErrImagePull: "image can't be pulled",
  ImagePullBackOff: 'trying and failing to pull image',
};

/** The container ID the status points at (`docker://…`), or throws upstream's "no logs" error. */
function statusContainerId(cs: ApiContainerStatus, container: string, pod: string, previous: boolean): string {
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) throw serverError('LOG_PREVIOUS_NOT_FOUND', container, pod);
    return last.containerID;
  }
  if (running) return cs.containerID ?? '';
  if (terminated) {
    // The next instance never started: its terminated state has no ID, the last one's logs do.
    const id = terminated.containerID || last?.containerID;
    if (!id) throw serverError('LOG_TERMINATED', container, pod);
    return id;
  }
  if (last) {
    if (!last.containerID) throw serverError('LOG_TERMINATED', container, pod);
    return last.containerID;
  }
  if (waiting) {
    const reason = waiting.reason ?? '';
    throw serverError('LOG_WAITING', container, pod, WAITING_WORDS[reason] ?? reason);
  }
  throw serverError('LOG_NO_LOGS_YET', container, pod);
}

const rawId = (id: string): string => id.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');

function pickInstance(instances: ContainerStatus[], wanted: string | undefined, previous: boolean): string | undefined {
  if (wanted) {
    const raw = rawId(wanted);
    return instances.find((c) => c.id === raw || c.id.startsWith(raw))?.id ?? (raw || undefined);
  }
  return instances[previous ? 1 : 0]?.id;
}

export async function resolveLogTarget(
  pods: KubeletPodProvider,
  namespace: string,
  podName: string,
  container: string,
  previous: boolean,
): Promise<LogTarget> {
  const pod = pods.getPod(namespace, podName);
  if (!pod) throw serverError('LOG_POD_NOT_FOUND', podName);
  if (!specHasContainer(pod, container)) throw serverError('LOG_CONTAINER_NOT_IN_SPEC', container, podName);
  const name = pod.metadata.name ?? podName;
  const cs = statusOf(pod, container);
  const wanted = cs ? statusContainerId(cs, container, name, previous) : undefined;
  const instances = (await pods.containers(pod)).filter((c) => c.name === container);
  const id = pickInstance(instances, wanted, previous);
  if (!id) throw previous && instances.length > 0 ? serverError('LOG_PREVIOUS_NOT_FOUND', container, name) : serverError('LOG_CONTAINER_NOT_AVAILABLE', container, name);
  return { runtime: pods.runtimeFor(pod), containerId: id };
}
