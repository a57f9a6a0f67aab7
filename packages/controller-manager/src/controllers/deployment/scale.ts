// Scaling ReplicaSets for a Deployment: one RS (with its desired/max-replicas annotations and a
// ScalingReplicaSet event), and proportional scaling (A.6) when the Deployment is resized while a
// rollout is in flight or paused, so every RS keeps its share.
import type { Deployment, ReplicaSet } from '@kubelite/api';
import { deepCopy } from '../../controller/pod-util.js';
import type { DeploymentController } from './deployment-controller.js';
import {
  activeOf,
  byCreation,
  desiredAnnotation,
  isRollingUpdate,
  maxReplicasAnnotation,
  maxSurge,
  replicasOf,
  rsReplicas,
  setReplicasAnnotations,
  sumSpec,
} from './util.js';

/** Scales rs to n (writing annotations even if only they changed); returns the stored RS. */
export async function scaleReplicaSet(c: DeploymentController, rs: ReplicaSet, n: number, d: Deployment): Promise<ReplicaSet> {
  const copy = deepCopy(rs);
  const from = rsReplicas(rs);
  const sizeChanged = from !== n;
  const annChanged = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
  if (!sizeChanged && !annChanged) return rs;
  copy.spec.replicas = n;
  const updated = await c.rsClient.namespace(copy.metadata.namespace ?? '').update(copy);
  if (sizeChanged) {
    const op = n > from ? 'up' : 'down';
    c.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name ?? ''} to ${n} from ${from}`, 'Deployment');
  }
  return updated;
}

function saturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const want = replicasOf(d);
  return rsReplicas(rs) === want && desiredAnnotation(rs) === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** scale(): resize the RSes of a Deployment whose replicas changed (A.6). */
export async function scale(c: DeploymentController, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const active = activeOf([...(newRS ? [newRS] : []), ...oldRSs]);
  if (active.length <= 1) {
    const target = active[0] ?? newRS ?? [...oldRSs].sort(byCreation).at(-1);
    if (target && rsReplicas(target) !== replicasOf(d)) await scaleReplicaSet(c, target, replicasOf(d), d);
    else if (target) await scaleReplicaSet(c, target, rsReplicas(target), d);
    return;
  }
  if (saturated(d, newRS)) {
    for (const rs of activeOf(oldRSs)) await scaleReplicaSet(c, rs, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  await proportionalScale(c, d, active);
}

async function proportionalScale(c: DeploymentController, d: Deployment, active: ReplicaSet[]): Promise<void> {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sumSpec(active);
  const adding = toAdd > 0;
  // Largest first; ties newer-first when adding, older-first when removing.
  const sorted = [...active].sort((a, b) => {
    const diff = rsReplicas(b) - rsReplicas(a);
    if (diff !== 0) return diff;
    return adding ? byCreation(b, a) : byCreation(a, b);
  });
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  if (toAdd !== 0) {
    for (const rs of sorted) {
      const proportion = share(d, rs, toAdd, added);
      sizes.set(rs, rsReplicas(rs) + proportion);
      added += proportion;
    }
  }
  const first = sorted[0];
  if (first && toAdd !== added) sizes.set(first, Math.max(0, (sizes.get(first) ?? rsReplicas(first)) + toAdd - added));
  for (const rs of sorted) await scaleReplicaSet(c, rs, sizes.get(rs) ?? rsReplicas(rs), d);
}

/** getProportion: this RS's part of toAdd, bounded by what is still left to distribute. */
function share(d: Deployment, rs: ReplicaSet, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const allowed = replicasOf(d) + maxSurge(d);
  const max = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  const fraction = allowed === 0 || max === 0 ? -rsReplicas(rs) : Math.round((rsReplicas(rs) * allowed) / max) - rsReplicas(rs);
  return toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
}

/** isScalingEvent: an active RS was sized for a different spec.replicas. */
export function isScalingEvent(d: Deployment, all: ReplicaSet[]): boolean {
  return activeOf(all).some((rs) => {
    const desired = desiredAnnotation(rs);
    return desired !== undefined && desired !== replicasOf(d);
  });
}
