// The READY, STATUS and RESTARTS cells of `kubectl get pods`, computed as kube-apiserver 1.32's
// printPod does: a status that names the most interesting container reason, not just the phase.
import type { Container, ContainerStatus, Pod, PodCondition } from '@kubelite/api';
import { translateTimestampSince } from './age.js';
import { isZeroTime } from './core-format.js';

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

function conditionTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function laterOf(a: string | undefined, b: string | null | undefined): string | undefined {
  if (isZeroTime(b)) return a;
  if (!a) return b ?? undefined;
  return Date.parse(b ?? '') > Date.parse(a) ? (b ?? undefined) : a;
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

interface Tally {
  reason: string;
  restarts: number;
  lastRestart: string | undefined;
  ready: number;
}

// Walks init containers in order; returns whether initialization is still under way.
function walkInitContainers(pod: Pod, t: Tally, sidecarTally: Tally): boolean {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const total = (pod.spec?.initContainers ?? []).length;
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [i, s] of statuses.entries()) {
    t.restarts += s.restartCount ?? 0;
    t.lastRestart = laterOf(t.lastRestart, s.lastState?.terminated?.finishedAt);
    const sidecar = isSidecar(specs.get(s.name));
    if (sidecar) {
      sidecarTally.restarts += s.restartCount ?? 0;
      sidecarTally.lastRestart = laterOf(sidecarTally.lastRestart, s.lastState?.terminated?.finishedAt);
    }
    const term = s.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar && s.started === true) {
      if (s.ready) t.ready++;
      continue;
    }
    const waiting = s.state?.waiting?.reason ?? '';
    if (term) t.reason = terminatedReason('Init:', term);
    else if (waiting !== '' && waiting !== 'PodInitializing') t.reason = `Init:${waiting}`;
    else t.reason = `Init:${i}/${total}`;
    return true;
  }
  return false;
}

// Walks regular containers from last to first, so the first container's reason wins.
function walkContainers(statuses: readonly ContainerStatus[], t: Tally): boolean {
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i];
    if (!s) continue;
    t.restarts += s.restartCount ?? 0;
    t.lastRestart = laterOf(t.lastRestart, s.lastState?.terminated?.finishedAt);
    const state = s.state ?? {};
    if (state.waiting?.reason) t.reason = state.waiting.reason;
    else if (state.terminated) t.reason = terminatedReason('', state.terminated);
    else if (s.ready && state.running) {
      hasRunning = true;
      t.ready++;
    }
  }
  return hasRunning;
}

function baseReason(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || '';
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

export function summarizePod(pod: Pod, now: Date): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const total = (spec.containers ?? []).length + (spec.initContainers ?? []).filter(isSidecar).length;
  const t: Tally = { reason: baseReason(pod), restarts: 0, lastRestart: undefined, ready: 0 };
  const sidecars: Tally = { reason: '', restarts: 0, lastRestart: undefined, ready: 0 };
  const initializing = walkInitContainers(pod, t, sidecars);
  if (!initializing || conditionTrue(pod.status?.conditions, 'Initialized')) {
    t.restarts = sidecars.restarts;
    t.lastRestart = sidecars.lastRestart;
    const hasRunning = walkContainers(pod.status?.containerStatuses ?? [], t);
    if (t.reason === 'Completed' && hasRunning) t.reason = conditionTrue(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
  const phase = pod.status?.phase ?? '';
  if (pod.metadata.deletionTimestamp && pod.status?.reason === 'NodeLost') t.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') t.reason = 'Terminating';
  const restarts = t.restarts !== 0 && t.lastRestart ? `${t.restarts} (${translateTimestampSince(t.lastRestart, now)} ago)` : String(t.restarts);
  return { ready: `${t.ready}/${total}`, status: t.reason, restarts };
}
