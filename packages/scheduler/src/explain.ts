// The decision explanation a user can ask for: annotate a pod with
// `scheduler.kubelite.io/explain: "true"` and the scheduler evaluates every node for it (no
// percentageOfNodesToScore cut-off) and writes `scheduler.kubelite.io/decision`: each node's
// Filter verdict (the rejecting plugin and reasons) and, for nodes that passed, each Score
// plugin's weighted score and the total. Bound pods get it through the Binding's annotations
// (no extra write); unschedulable pods through a metadata patch.
import type { Pod } from '@kubelite/api';

export const EXPLAIN_ANNOTATION = 'scheduler.kubelite.io/explain';
export const DECISION_ANNOTATION = 'scheduler.kubelite.io/decision';
/** Bounds the annotation on big clusters: the best-scored and then the rejected nodes. */
export const MAX_EXPLAINED_NODES = 100;

export interface NodeVerdict {
  filter: string;
  scores?: Record<string, number>;
  total?: number;
}

export interface Decision {
  profile: string;
  result: string;
  message?: string;
  nodes: Record<string, NodeVerdict>;
  /** nodes left out of `nodes` to respect MAX_EXPLAINED_NODES */
  omitted?: number;
}

export const wantsExplanation = (pod: Pod): boolean => pod.metadata.annotations?.[EXPLAIN_ANNOTATION] === 'true';

export function renderDecision(profile: string, result: string, verdicts: ReadonlyMap<string, NodeVerdict>, message?: string): string {
  const sorted = [...verdicts].sort(([an, a], [bn, b]) => (b.total ?? -1) - (a.total ?? -1) || (an < bn ? -1 : 1));
  const kept = sorted.slice(0, MAX_EXPLAINED_NODES);
  const d: Decision = { profile, result, nodes: Object.fromEntries(kept) };
  if (message) d.message = message;
  if (sorted.length > kept.length) d.omitted = sorted.length - kept.length;
  return JSON.stringify(d);
}
