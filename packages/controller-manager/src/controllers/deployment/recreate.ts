// rolloutRecreate (A.7): scale every old RS to zero, wait until none of their pods is left
// running, then create and scale up the new RS.
import type { Deployment, ReplicaSet } from '@kubelite/api';
import { isTerminal } from '../../controller/pod-util.js';
import type { DeploymentController } from './deployment-controller.js';
import { cleanupDeployment } from './history.js';
import { syncRolloutStatus } from './progress.js';
import { scaleReplicaSet } from './scale.js';
import { activeOf, deploymentComplete, replicasOf } from './util.js';

export async function rolloutRecreate(c: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  let { newRS, oldRSs } = await c.getAllReplicaSets(d, rsList, false);
  const all = (): ReplicaSet[] => [...oldRSs, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (const rs of activeOf(oldRSs)) {
    await scaleReplicaSet(c, rs, 0, d);
    scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(c, c.currentOf(all()), newRS, d);
  if (oldPodsRunning(c, oldRSs)) return syncRolloutStatus(c, all(), newRS, d);
  if (!newRS) ({ newRS, oldRSs } = await c.getAllReplicaSets(d, rsList, true));
  if (newRS && (newRS.spec.replicas ?? 0) !== replicasOf(d)) {
    newRS = await scaleReplicaSet(c, newRS, replicasOf(d), d);
    return syncRolloutStatus(c, all(), newRS, d);
  }
  if (d.status && deploymentComplete(d, d.status)) await cleanupDeployment(c, oldRSs, d);
  return syncRolloutStatus(c, all(), newRS, d);
}

/** Any old RS still reports replicas, or any of its pods is not finished (terminating counts). */
function oldPodsRunning(c: DeploymentController, oldRSs: ReplicaSet[]): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  return oldRSs.some((rs) => c.podsOf(rs).some((p) => !isTerminal(p)));
}
