// What the status manager does to every status before comparing or sending it (upstream
// normalizeStatus): times at second precision, as metav1.Time serialises them, and termination
// messages capped so that a pod's statuses together stay within 12 KiB.
import type { ContainerState, ContainerStatus, PodStatus } from '@kubelite/api';

/** MaxPodTerminationMessageLogLength: the budget shared by every container of a pod. */
export const MAX_POD_TERMINATION_MESSAGE_BYTES = 12 * 1024;

/** RFC 3339 in UTC at whole seconds ("2024-05-01T10:00:00Z"); sub-second digits are dropped. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Drops fractional seconds from a timestamp already in text; null and absent pass through. */
export function truncateTimestamp<T extends string | null | undefined>(value: T): T {
  if (typeof value !== 'string') return value;
  return value.replace(/\.\d+(?=Z$|[+-]\d\d:\d\d$)/, '') as T;
}

// Cuts at a byte count like Go's string slicing, without leaving half a UTF-8 sequence behind.
function capBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '');
}

function normalizeState(state: ContainerState | undefined, maxMessageBytes: number): void {
  if (state?.running) state.running.startedAt = truncateTimestamp(state.running.startedAt);
  const t = state?.terminated;
  if (!t) return;
  t.startedAt = truncateTimestamp(t.startedAt);
  t.finishedAt = truncateTimestamp(t.finishedAt);
  if (t.message !== undefined) t.message = capBytes(t.message, maxMessageBytes);
}

/** Normalises `status` in place; `containerCount` counts regular and init containers of the spec. */
export function normalizeStatus(status: PodStatus, containerCount: number): PodStatus {
  const perContainer = Math.floor(MAX_POD_TERMINATION_MESSAGE_BYTES / Math.max(1, containerCount));
  status.startTime = truncateTimestamp(status.startTime);
  for (const c of status.conditions ?? []) {
    c.lastProbeTime = truncateTimestamp(c.lastProbeTime);
    c.lastTransitionTime = truncateTimestamp(c.lastTransitionTime);
  }
  const all: ContainerStatus[] = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  for (const cs of all) {
    normalizeState(cs.state, perContainer);
    normalizeState(cs.lastState, perContainer);
  }
  return status;
}
