// The prober's vocabulary, shared by the handlers, the workers and the manager.

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** A worker's verdict for one container instance; startup begins as 'unknown'. */
export type ProbeResult = 'success' | 'failure' | 'unknown';

/** What one handler run found. 'warning' counts as success but is worth an event (upstream probe.Warning). */
export interface HandlerOutcome {
  result: 'success' | 'warning' | 'failure';
  /** The text users see in the Unhealthy / ProbeWarning event. */
  output: string;
}

/** What a worker reads each tick. */
export interface ProbeTargetView {
  podIP?: string;
  /** The current (newest) instance of the container, if any. */
  container?: { id: string; state: 'created' | 'running' | 'exited' | 'unknown'; startedAt?: Date };
  /** The pod has a deletionTimestamp. */
  deleting: boolean;
}

/** `User-Agent` of every probe, as a 1.32 kubelet sends it. */
export const PROBE_USER_AGENT = 'kube-probe/1.32';

/** How much of a response body or a command's output a probe keeps (upstream 10 KiB). */
export const MAX_PROBE_OUTPUT_BYTES = 10 * 1024;

/** Capitalised for events: "Liveness probe failed: …". */
export function kindTitle(kind: ProbeKind): string {
  return kind[0]!.toUpperCase() + kind.slice(1);
}
