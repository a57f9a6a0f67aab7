// containerStatuses / initContainerStatuses from the runtime's instances (upstream
// convertToAPIContainerStatuses, reference §3.2, §3.3, §4.3): the newest instance gives `state`,
// the one before it `lastState`; a container that failed to start, or is backing off, shows the
// reason from the reason cache; a container the API saw running that the runtime lost shows
// ContainerStatusUnknown instead of silently going back to waiting.
import type { Container, ContainerState, ContainerStatus as ApiContainerStatus, Pod } from '@kubelite/api';
import { shouldRestart } from '../kuberuntime/pod-actions.js';
import type { ContainerStatus } from '../runtime/types.js';
import { rfc3339 } from './normalize.js';

export const CONTAINER_CREATING = 'ContainerCreating';
export const POD_INITIALIZING = 'PodInitializing';
export const CONTAINER_STATUS_UNKNOWN = 'ContainerStatusUnknown';
const UNKNOWN_EXIT_CODE = 137;
const LOST_WHEN_TERMINATED = 'The container could not be located when the pod was terminated';
// Upstream's wording, two spaces included.
const LOST_WHEN_DELETED = 'The container could not be located when the pod was deleted.  The container used to be Running';

export type ReasonCache = ReadonlyMap<string, { reason: string; message: string }>;

export interface ConvertInput {
  pod: Pod;
  /** The spec containers of one kind: regular or init. */
  specs: readonly Container[];
  /** Every instance of the pod's containers, newest first. */
  instances: readonly ContainerStatus[];
  /** The statuses of this kind the API (or the status manager) has now. */
  previous: readonly ApiContainerStatus[] | undefined;
  runtimeName: string;
  reasonCache: ReasonCache;
  isInit: boolean;
}

const timeOrNull = (d: Date | undefined): string | null => (d ? rfc3339(d) : null);

/** One runtime instance as the API shows it. */
export function apiState(cs: ContainerStatus, containerID: string, old: ApiContainerStatus | undefined): { state: ContainerState; restartCount: number } {
  switch (cs.state) {
    case 'running':
      return { state: { running: { startedAt: timeOrNull(cs.startedAt) } }, restartCount: cs.attempt };
    case 'created':
      // created but never started: "waiting to be running"; a start error shows via the reason cache
      return { state: { waiting: {} }, restartCount: cs.attempt };
    case 'exited': {
      const terminated = {
        exitCode: cs.exitCode ?? 0,
        ...(cs.reason ? { reason: cs.reason } : {}),
        ...(cs.message ? { message: cs.message } : {}),
        startedAt: timeOrNull(cs.startedAt),
        finishedAt: timeOrNull(cs.finishedAt),
        containerID,
      };
      return { state: { terminated }, restartCount: cs.attempt };
    }
    default:
      if (old?.state?.running) {
        // It ran and is gone: "ran and failed" is not "never ran", so a run-once pod does not run twice.
        const terminated = { exitCode: UNKNOWN_EXIT_CODE, reason: CONTAINER_STATUS_UNKNOWN, message: LOST_WHEN_TERMINATED };
        return { state: { terminated }, restartCount: old.restartCount + 1 };
      }
      return { state: { waiting: {} }, restartCount: cs.attempt };
  }
}

function defaultStatus(spec: Container, hasInit: boolean, old: ApiContainerStatus | undefined): ApiContainerStatus {
  if (old?.state?.terminated) return structuredClone(old);
  const status: ApiContainerStatus = {
    name: spec.name,
    state: { waiting: { reason: hasInit ? POD_INITIALIZING : CONTAINER_CREATING } },
    ready: false,
    restartCount: old?.restartCount ?? 0,
    image: spec.image ?? '',
    imageID: '',
  };
  if (old?.lastState && Object.keys(old.lastState).length > 0) status.lastState = structuredClone(old.lastState);
  return status;
}

// The API said running and the runtime has no instance at all: record that it ended, so the pod
// does not fall back to Pending as if the container had never started.
function markLost(pod: Pod, status: ApiContainerStatus, old: ApiContainerStatus | undefined, hasInit: boolean): void {
  if (!old?.state?.running || old.state.terminated) return;
  const waiting = status.state?.waiting?.reason;
  if (waiting !== (hasInit ? POD_INITIALIZING : CONTAINER_CREATING)) return;
  if (status.lastState?.terminated) return;
  status.lastState = { terminated: { exitCode: UNKNOWN_EXIT_CODE, reason: CONTAINER_STATUS_UNKNOWN, message: LOST_WHEN_DELETED } };
  if (!pod.metadata.deletionTimestamp) status.restartCount += 1;
}

function fromInstance(cs: ContainerStatus, runtimeName: string, old: ApiContainerStatus | undefined): ApiContainerStatus {
  const containerID = `${runtimeName}://${cs.id}`;
  const { state, restartCount } = apiState(cs, containerID, old);
  return { name: cs.name, state, ready: false, restartCount, image: cs.image, imageID: cs.imageRef, containerID };
}

// A container that will be (re)started shows why it is not running yet: the last start failure
// or CrashLoopBackOff from the reason cache; what it ended with moves to lastState.
function applyStartFailure(input: ConvertInput, spec: Container, status: ApiContainerStatus): void {
  const newest = input.instances.find((c) => c.name === spec.name);
  if (input.isInit && newest?.state === 'exited' && newest.exitCode === 0) return;
  const restart = newest ? shouldRestart(input.pod, newest) : !input.pod.metadata.deletionTimestamp;
  if (!restart) return;
  const cached = input.reasonCache.get(spec.name);
  if (!cached) return;
  if (status.state?.terminated) status.lastState = status.state;
  status.state = { waiting: { reason: cached.reason, message: cached.message } };
}

/** The API statuses of `specs`: init containers in spec order, regular ones sorted by name. */
export function convertContainerStatuses(input: ConvertInput): ApiContainerStatus[] {
  const hasInit = (input.pod.spec.initContainers?.length ?? 0) > 0;
  const olds = new Map((input.previous ?? []).map((s) => [s.name, s]));
  const statuses = new Map<string, ApiContainerStatus>();
  for (const spec of input.specs) statuses.set(spec.name, defaultStatus(spec, hasInit, olds.get(spec.name)));

  const present = new Set(input.instances.map((c) => c.name));
  for (const spec of input.specs) {
    if (!present.has(spec.name)) markLost(input.pod, statuses.get(spec.name)!, olds.get(spec.name), hasInit);
  }

  const seen = new Map<string, number>();
  for (const cs of input.instances) {
    const current = statuses.get(cs.name);
    const count = seen.get(cs.name) ?? 0;
    if (!current || count >= 2) continue;
    const converted = fromInstance(cs, input.runtimeName, olds.get(cs.name));
    if (count === 0) statuses.set(cs.name, converted);
    else current.lastState = converted.state;
    seen.set(cs.name, count + 1);
  }

  for (const spec of input.specs) applyStartFailure(input, spec, statuses.get(spec.name)!);

  const ordered = input.specs.map((s) => statuses.get(s.name)!);
  return input.isInit ? ordered : ordered.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
