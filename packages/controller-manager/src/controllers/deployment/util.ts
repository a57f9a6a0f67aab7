// deployment/util: revisions and their annotations, maxSurge/maxUnavailable resolution, replica
// sums, and the new-vs-old ReplicaSet split kubectl also relies on (A.1, A.3, A.5).
import { scaledValue, type Deployment, type ReplicaSet } from '@kubelite/api';
import { equalIgnoreHash } from '../../controller/semantic.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const SKIP_COPY = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);
const HISTORY_LIMIT_CHARS = 2000;

export const replicasOf = (d: Deployment): number => d.spec.replicas ?? 1;
export const rsReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 0;

export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[REVISION];
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  return Math.max(0, ...rss.map(revisionOf));
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 means unavailable 1. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const desired = replicasOf(d);
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const desired = replicasOf(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}

export const sumSpec = (rss: readonly ReplicaSet[]): number => rss.reduce((n, rs) => n + rsReplicas(rs), 0);
export const sumStatus = (rss: readonly ReplicaSet[], f: 'replicas' | 'readyReplicas' | 'availableReplicas'): number =>
  rss.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);

export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** FindNewReplicaSet: the oldest RS whose template equals the Deployment's, ignoring the hash. */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

export function findOldReplicaSets(rss: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return rss.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

export const activeOf = (rss: readonly ReplicaSet[]): ReplicaSet[] => rss.filter((rs) => rsReplicas(rs) > 0);

/** Deployment annotations the new RS carries (everything but the controller's own ones). */
export function copyableAnnotations(d: Deployment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) out[k] = v;
  return out;
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations and raise the revision to
 * `newRevision` when it is larger, remembering the old number in revision-history. Returns
 * whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(copyableAnnotations(d))) {
    if (ann[k] !== v) {
      ann[k] = v;
      changed = true;
    }
  }
  const old = ann[REVISION];
  const oldNum = old === undefined ? NaN : Number.parseInt(old, 10);
  if (old === undefined || !(oldNum >= newRevision)) {
    ann[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined && exists) {
      const hist = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${old}` : old;
      ann[REVISION_HISTORY] = trimHistory(hist);
    }
  }
  if (!exists) {
    ann[DESIRED_REPLICAS] = String(replicasOf(d));
    ann[MAX_REPLICAS] = String(replicasOf(d) + maxSurge(d));
  }
  return changed;
}

function trimHistory(h: string): string {
  let out = h;
  while (out.length > HISTORY_LIMIT_CHARS && out.includes(',')) out = out.slice(out.indexOf(',') + 1);
  return out;
}

/** SetReplicasAnnotations; returns whether they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  const changed = ann[DESIRED_REPLICAS] !== String(desired) || ann[MAX_REPLICAS] !== String(max);
  ann[DESIRED_REPLICAS] = String(desired);
  ann[MAX_REPLICAS] = String(max);
  return changed;
}

export function desiredAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[DESIRED_REPLICAS];
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[MAX_REPLICAS];
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** DeploymentComplete: everything updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, status: NonNullable<Deployment['status']>): boolean {
  const r = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === r &&
    (status.replicas ?? 0) === r &&
    (status.availableReplicas ?? 0) === r &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}
