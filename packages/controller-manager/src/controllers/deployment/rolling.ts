// rolloutRolling (A.5): one pass scales the new RS up within maxSurge, or the old RSes down
// within maxUnavailable — unhealthy old replicas first, then as many as availability allows —
// and otherwise records progress. Each pass changes one thing and ends, so a crash between
// passes leaves nothing half-done.
import type { Deployment, ReplicaSet } from '@kubelite/api';
import type { DeploymentController } from './deployment-controller.js';
import { cleanupDeployment } from './history.js';
import { syncRolloutStatus } from './progress.js';
import { scaleReplicaSet } from './scale.js';
import { activeOf, byCreation, deploymentComplete, maxSurge, maxUnavailable, replicasOf, rsReplicas, sumSpec, sumStatus } from './util.js';

export async function rolloutRolling(c: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await c.getAllReplicaSets(d, rsList, true);
  let all = [...oldRSs, ...(newRS ? [newRS] : [])];
  if (newRS && (await reconcileNewReplicaSet(c, all, newRS, d))) return syncRolloutStatus(c, all, newRS, d);
  if (newRS && (await reconcileOldReplicaSets(c, all, activeOf(oldRSs), newRS, d))) {
    all = [...c.currentOf(oldRSs), newRS];
    return syncRolloutStatus(c, all, newRS, d);
  }
  if (d.status && deploymentComplete(d, d.status)) await cleanupDeployment(c, oldRSs, d);
  return syncRolloutStatus(c, all, newRS, d);
}

/**
 * The pods an RS may currently have: its spec, or more while pods of a scale-down are still
 * active. Counting those keeps the new RS from surging before the old pods are really gone.
 */
function podsHeld(rs: ReplicaSet): number {
  return Math.max(rsReplicas(rs), rs.status?.replicas ?? 0);
}

async function reconcileNewReplicaSet(c: DeploymentController, all: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  const want = replicasOf(d);
  const have = rsReplicas(newRS);
  if (have === want) return false;
  if (have > want) {
    await scaleReplicaSet(c, newRS, want, d);
    return true;
  }
  const maxTotal = want + maxSurge(d);
  const current = all.reduce((n, rs) => n + (rs === newRS ? rsReplicas(rs) : podsHeld(rs)), 0);
  if (current >= maxTotal) return false;
  await scaleReplicaSet(c, newRS, have + Math.min(maxTotal - current, want - have), d);
  return true;
}

async function reconcileOldReplicaSets(c: DeploymentController, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  if (sumSpec(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { rss, count: cleaned } = await cleanupUnhealthyReplicas(c, oldRSs, d, maxScaledDown);
  const scaled = await scaleDownForRollingUpdate(c, [...rss, newRS], rss, d);
  return cleaned + scaled > 0;
}

async function cleanupUnhealthyReplicas(c: DeploymentController, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): Promise<{ rss: ReplicaSet[]; count: number }> {
  const rss = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < rss.length && total < maxCleanup; i++) {
    const rs = rss[i]!;
    const available = rs.status?.availableReplicas ?? 0;
    if (rsReplicas(rs) === 0 || rsReplicas(rs) === available) continue;
    const down = Math.min(maxCleanup - total, rsReplicas(rs) - available);
    rss[i] = await scaleReplicaSet(c, rs, rsReplicas(rs) - down, d);
    total += down;
  }
  return { rss, count: total };
}

async function scaleDownForRollingUpdate(c: DeploymentController, all: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumStatus(all, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (rsReplicas(rs) === 0) continue;
    const down = Math.min(rsReplicas(rs), budget - total);
    await scaleReplicaSet(c, rs, rsReplicas(rs) - down, d);
    total += down;
  }
  return total;
}
