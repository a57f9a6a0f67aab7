// manageReplicas: one step toward spec.replicas. Creates the shortfall in slow-start batches or
// deletes the surplus by deletion ranking, at most BURST_REPLICAS per pass, recording
// expectations first so the informer events of this pass are not mistaken for new work.
import type { Pod, ReplicaSet } from '@kubelite/api';
import { BURST_REPLICAS, SLOW_START_INITIAL_BATCH, podFromTemplate, slowStartBatch } from '../../controller/pod-control.js';
import { isPodActive, keyOf, newControllerRef, controllerRef } from '../../controller/pod-util.js';
import { CONTROLLER_UID_INDEX } from '../../controller/informers.js';
import { podsToDelete } from './ranking.js';
import type { ReplicaSetController } from './replica-set-controller.js';
import { RS_API_VERSION, RS_KIND } from './replica-set-controller.js';

export async function manageReplicas(c: ReplicaSetController, rs: ReplicaSet, pods: Pod[]): Promise<void> {
  const diff = pods.length - (rs.spec.replicas ?? 1);
  const key = keyOf(rs);
  if (diff < 0) await createPods(c, rs, Math.min(-diff, BURST_REPLICAS), key);
  else if (diff > 0) await deletePods(c, rs, pods, Math.min(diff, BURST_REPLICAS), key);
}

async function createPods(c: ReplicaSetController, rs: ReplicaSet, n: number, key: string): Promise<void> {
  c.expectations.expectCreations(key, n);
  const ns = rs.metadata.namespace ?? '';
  const ref = newControllerRef(rs, RS_API_VERSION, RS_KIND);
  const { ok, err } = await slowStartBatch(n, SLOW_START_INITIAL_BATCH, async () => {
    await c.podControl.create(rs, RS_KIND, podFromTemplate(rs.spec.template, ns, `${rs.metadata.name ?? ''}-`, ref));
  });
  // Creations that failed or were never attempted will not show up in the informer.
  if (ok < n) c.expectations.lowerCreations(key, n - ok);
  if (err) throw err;
}

/** Active pods of every ReplicaSet controlled by the same owner (for co-location ranking). */
function relatedPods(c: ReplicaSetController, rs: ReplicaSet, own: Pod[]): Pod[] {
  const owner = controllerRef(rs);
  if (!owner) return own;
  const siblings = c.rsInformer.getIndexer().byIndex(CONTROLLER_UID_INDEX, owner.uid);
  const idx = c.podInformer.getIndexer();
  return siblings.flatMap((s) => idx.byIndex(CONTROLLER_UID_INDEX, s.metadata.uid ?? '')).filter(isPodActive);
}

async function deletePods(c: ReplicaSetController, rs: ReplicaSet, pods: Pod[], n: number, key: string): Promise<void> {
  const victims = podsToDelete(pods, relatedPods(c, rs, pods), n);
  c.expectations.expectDeletions(key, victims.map(keyOf));
  const results = await Promise.allSettled(victims.map((p) => c.podControl.delete(rs, RS_KIND, p)));
  results.forEach((r, i) => {
    // A failed delete will never be observed; stop waiting for it.
    if (r.status === 'rejected') c.expectations.deletionObserved(key, keyOf(victims[i]!));
  });
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
