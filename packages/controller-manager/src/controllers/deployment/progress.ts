// Status and progress (A.11): calculateStatus for every pass, syncRolloutStatus for the
// Progressing condition kubectl's `rollout status` reads, and the re-queue that makes a stuck
// rollout time out at lastUpdateTime + progressDeadlineSeconds.
import type { Deployment, DeploymentStatus, ReplicaSet } from '@kubelite/api';
import { AVAILABLE, PROGRESSING, REPLICA_FAILURE, Reasons, getCondition, newCondition, removeCondition, setCondition } from './conditions.js';
import type { DeploymentController } from './deployment-controller.js';
import { deploymentComplete, maxUnavailable, replicasOf, sumSpec, sumStatus } from './util.js';

const MAX_INT32 = 2147483647;

export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
}

export function calculateStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): DeploymentStatus {
  const available = sumStatus(all, 'availableReplicas');
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpec(all) - available),
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', Reasons.MinimumAvailable, 'Deployment has minimum availability.'));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', Reasons.MinimumUnavailable, 'Deployment does not have minimum availability.'));
  }
  return status;
}

function progressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

export function timedOut(d: Deployment, s: DeploymentStatus, now = Date.now()): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, PROGRESSING);
  if (!c || c.reason === Reasons.NewRSAvailable) return false;
  if (c.reason === Reasons.TimedOut) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return Number.isFinite(from) && from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now;
}

const rsMsg = (newRS: ReplicaSet | undefined, d: Deployment, rsText: string, dText: string): string =>
  newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" ${rsText}` : `Deployment "${d.metadata.name ?? ''}" ${dText}`;

function updateProgressing(d: Deployment, s: DeploymentStatus, newRS: ReplicaSet | undefined): void {
  const current = getCondition(s, PROGRESSING);
  const complete = s.replicas === s.updatedReplicas && current?.reason === Reasons.NewRSAvailable;
  if (!hasProgressDeadline(d) || complete) return;
  if (deploymentComplete(d, s)) {
    const msg = rsMsg(newRS, d, 'has successfully progressed.', 'has successfully progressed.');
    setCondition(s, newCondition(PROGRESSING, 'True', Reasons.NewRSAvailable, msg));
  } else if (progressing(d, s)) {
    const c = newCondition(PROGRESSING, 'True', Reasons.RSUpdated, rsMsg(newRS, d, 'is progressing.', 'is progressing.'));
    // Progress refreshes lastUpdateTime even though the reason does not change.
    if (current?.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
    removeCondition(s, PROGRESSING);
    setCondition(s, c);
  } else if (timedOut(d, s)) {
    const msg = rsMsg(newRS, d, 'has timed out progressing.', 'has timed out progressing.');
    setCondition(s, newCondition(PROGRESSING, 'False', Reasons.TimedOut, msg));
  }
}

function copyReplicaFailure(s: DeploymentStatus, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const from = [newRS, ...oldRSs].map((rs) => rs?.status?.conditions?.find((c) => c.type === REPLICA_FAILURE)).find((c) => c);
  if (!from) return removeCondition(s, REPLICA_FAILURE);
  const t = from.lastTransitionTime ?? undefined;
  setCondition(s, { type: REPLICA_FAILURE, status: from.status, reason: from.reason, message: from.message, lastUpdateTime: t, lastTransitionTime: t });
}

export async function syncRolloutStatus(c: DeploymentController, all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const s = calculateStatus(all, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(s, PROGRESSING);
  updateProgressing(d, s, newRS);
  copyReplicaFailure(s, newRS, all.filter((rs) => rs !== newRS));
  if (c.statusEqual(d.status, s)) {
    requeueStuck(c, d, s);
    return;
  }
  await c.writeStatus(d, s);
}

function requeueStuck(c: DeploymentController, d: Deployment, s: DeploymentStatus): void {
  const cond = getCondition(s, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond || deploymentComplete(d, s) || cond.reason === Reasons.TimedOut) return;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return;
  const after = from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - Date.now();
  if (after < 1000) c.queue.addRateLimited(c.keyFor(d));
  else c.enqueueAfter(d, after + 1000);
}
