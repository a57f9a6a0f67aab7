// revisionHistoryLimit (A.10): once a rollout is complete (or while paused), delete the oldest
// old ReplicaSets beyond the limit — never one that still has replicas or is not yet observed.
import type { Deployment, ReplicaSet } from '@kubelite/api';
import { isNotFound } from '@kubelite/client';
import type { DeploymentController } from './deployment-controller.js';
import { byCreation, revisionOf, rsReplicas } from './util.js';

const MAX_INT32 = 2147483647;

export async function cleanupDeployment(c: DeploymentController, oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
  const limit = d.spec.revisionHistoryLimit;
  if (limit === undefined || limit === null || limit === MAX_INT32) return;
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return;
  const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of sorted.slice(0, diff)) {
    const busy =
      (rs.status?.replicas ?? 0) !== 0 ||
      rsReplicas(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      !!rs.metadata.deletionTimestamp;
    if (busy) continue;
    try {
      await c.rsClient.namespace(rs.metadata.namespace ?? '').delete(rs.metadata.name ?? '', { preconditions: { uid: rs.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
