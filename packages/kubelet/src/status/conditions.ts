// The kubelet's pod conditions (upstream status/generate.go, reference §4.2), in the order the
// kubelet writes them: PodReadyToStartContainers, Initialized, Ready, ContainersReady,
// PodScheduled. Conditions owned by others (DisruptionTarget, readiness gates) are kept in front.
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '@kubelite/api';
import { isSidecar } from './phase.js';

export const UNKNOWN_CONTAINER_STATUSES = 'UnknownContainerStatuses';
export const POD_COMPLETED = 'PodCompleted';
export const POD_FAILED = 'PodFailed';
export const CONTAINERS_NOT_READY = 'ContainersNotReady';
export const CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';
export const READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';

export const KUBELET_CONDITIONS: ReadonlySet<string> = new Set([
  'PodScheduled',
  'PodReadyToStartContainers',
  'Initialized',
  'ContainersReady',
  'Ready',
]);

type Generated = Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;

const ok = (type: string): Generated => ({ type, status: 'True' });

// Go prints a []string with %s as "[a b]".
const goList = (names: readonly string[]): string => `[${names.join(' ')}]`;

function notTrue(type: string, reason: string, parts: [string, readonly string[]][]): Generated | undefined {
  const message = parts
    .filter(([, names]) => names.length > 0)
    .map(([label, names]) => `containers with ${label} status: ${goList(names)}`)
    .join(', ');
  return message ? { type, status: 'False', reason, message } : undefined;
}

export function podReadyToStartContainers(sandboxChanged: boolean): Generated {
  return { type: 'PodReadyToStartContainers', status: sandboxChanged ? 'False' : 'True' };
}

export function initializedCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: string, podHasInitialized: boolean): Generated {
  const inits = pod.spec.initContainers ?? [];
  if (inits.length === 0) return ok('Initialized');
  if (statuses.length === 0) return { type: 'Initialized', status: 'False', reason: UNKNOWN_CONTAINER_STATUSES };
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: POD_COMPLETED };
  // Regular containers have run, so a restarting sidecar does not make the pod uninitialised again.
  if (podHasInitialized) return ok('Initialized');
  return (
    notTrue('Initialized', CONTAINERS_NOT_INITIALIZED, [
      ['unknown', unknown],
      ['incomplete', incomplete],
    ]) ?? ok('Initialized')
  );
}

function terminal(type: string, phase: string): Generated {
  return { type, status: 'False', reason: phase === 'Failed' ? POD_FAILED : POD_COMPLETED };
}

export function containersReadyCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: string): Generated {
  if (statuses.length === 0) return { type: 'ContainersReady', status: 'False', reason: UNKNOWN_CONTAINER_STATUSES };
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const unready: string[] = [];
  const counted = [...(pod.spec.initContainers ?? []).filter(isSidecar), ...pod.spec.containers];
  for (const c of counted) {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return terminal('ContainersReady', phase);
  // a failed pod's containers may still be stopping: never report them ready
  if (phase === 'Failed') return terminal('ContainersReady', phase);
  return (
    notTrue('ContainersReady', CONTAINERS_NOT_READY, [
      ['unknown', unknown],
      ['unready', unready],
    ]) ?? ok('ContainersReady')
  );
}

/** Ready: ContainersReady, then every readiness gate's condition must be True. */
export function readyCondition(pod: Pod, others: readonly PodCondition[], containersReady: Generated): Generated {
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const problems: string[] = [];
  for (const gate of pod.spec.readinessGates ?? []) {
    const c = others.find((o) => o.type === gate.conditionType);
    if (!c) problems.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') problems.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (problems.length > 0) return { type: 'Ready', status: 'False', reason: READINESS_GATES_NOT_READY, message: problems.join(', ') };
  return ok('Ready');
}

/** lastTransitionTime moves only when the status flips; the kubelet never probes, so lastProbeTime is null. */
export function withTransitionTime(c: Generated, old: PodStatus, now: string): PodCondition {
  const prev = old.conditions?.find((o) => o.type === c.type);
  const since = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
  const out: PodCondition = { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: since };
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out;
}

export interface ConditionsInput {
  pod: Pod;
  old: PodStatus;
  /** Init and regular statuses, with ready/started already set. */
  statuses: readonly ContainerStatus[];
  phase: string;
  sandboxChanged: boolean;
  podHasInitialized: boolean;
  now: string;
}

export function podConditions(input: ConditionsInput): PodCondition[] {
  const kept = (input.old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type)).map((c) => ({ ...c }));
  const ready = podReadyToStartContainers(input.sandboxChanged);
  const initialized = initializedCondition(input.pod, input.statuses, input.phase, input.podHasInitialized);
  const containersReady = containersReadyCondition(input.pod, input.statuses, input.phase);
  const podReady = readyCondition(input.pod, kept, containersReady);
  const generated = [ready, initialized, podReady, containersReady, ok('PodScheduled')];
  return [...kept, ...generated.map((c) => withTransitionTime(c, input.old, input.now))];
}
