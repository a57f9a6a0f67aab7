// Which pods a ReplicaSet deletes first when scaling down (B, "Deletion ranking"): unscheduled,
// then pending, not ready, cheaper, crowded, recently ready, restarted a lot and young pods go
// first. Times compare on a log2 scale (LogarithmicScaleDown) so pods of similar age tie and the
// UID decides, which spreads deletions instead of always taking the very newest.
import type { Pod } from '@kubelite/api';
import { isPodReady, podCondition } from '../../controller/pod-util.js';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPod {
  pod: Pod;
  /** active sibling pods of the same controller on the same node */
  rank: number;
}

function cost(p: Pod): number {
  const v = Number.parseInt(p.metadata.annotations?.[DELETION_COST] ?? '0', 10);
  return Number.isFinite(v) ? v : 0;
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** floor(log2(seconds since t)); a missing time counts as "now" (bucket 0). */
function logBucket(t: string | null | undefined, now: number): number {
  const at = t ? Date.parse(t) : NaN;
  if (!Number.isFinite(at)) return 0;
  const secs = Math.max(0, (now - at) / 1000);
  return secs < 1 ? 0 : Math.floor(Math.log2(secs)) + 1;
}

/** Negative when a should be deleted before b. */
export function compareForDeletion(a: RankedPod, b: RankedPod, now: number = Date.now()): number {
  const pa = a.pod;
  const pb = b.pod;
  const assigned = Number(!!pa.spec.nodeName) - Number(!!pb.spec.nodeName);
  if (assigned !== 0) return assigned;
  const phase = (PHASE_RANK[pa.status?.phase ?? 'Pending'] ?? 0) - (PHASE_RANK[pb.status?.phase ?? 'Pending'] ?? 0);
  if (phase !== 0) return phase;
  const ready = Number(isPodReady(pa)) - Number(isPodReady(pb));
  if (ready !== 0) return ready;
  const c = cost(pa) - cost(pb);
  if (c !== 0) return c;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (isPodReady(pa) && isPodReady(pb)) {
    const r = logBucket(podCondition(pa, 'Ready')?.lastTransitionTime, now) - logBucket(podCondition(pb, 'Ready')?.lastTransitionTime, now);
    if (r !== 0) return r;
  }
  const restarts = maxRestarts(pb) - maxRestarts(pa);
  if (restarts !== 0) return restarts;
  const age = logBucket(pa.metadata.creationTimestamp, now) - logBucket(pb.metadata.creationTimestamp, now);
  if (age !== 0) return age;
  const ua = pa.metadata.uid ?? '';
  const ub = pb.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** The `diff` pods to delete out of `filtered`, given every active pod of related controllers. */
export function podsToDelete(filtered: readonly Pod[], related: readonly Pod[], diff: number): Pod[] {
  if (diff >= filtered.length) return [...filtered];
  const perNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const now = Date.now();
  const ranked = filtered.map((pod) => ({ pod, rank: pod.spec.nodeName ? (perNode.get(pod.spec.nodeName) ?? 0) : 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
