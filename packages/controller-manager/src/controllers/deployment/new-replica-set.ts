// getNewReplicaSet (A.1–A.3): find the ReplicaSet whose template is the Deployment's, keep its
// annotations and revision current, or create it named `<deployment>-<pod-template-hash>` with
// the replicas the rollout allows. A name taken by a foreign or different RS is a hash collision:
// bump status.collisionCount and retry with a new hash.
import type { Deployment, ReplicaSet } from '@kubelite/api';
import { isAlreadyExists } from '@kubelite/client';
import { errText } from '../../controller/base-controller.js';
import { computeHash } from '../../controller/hash.js';
import { deepCopy, isControlledBy, newControllerRef } from '../../controller/pod-util.js';
import { POD_TEMPLATE_HASH, equalIgnoreHash } from '../../controller/semantic.js';
import { cmError } from '../../errors.js';
import { PROGRESSING, Reasons, getCondition, newCondition, setCondition } from './conditions.js';
import type { DeploymentController } from './deployment-controller.js';
import { hasProgressDeadline } from './progress.js';
import {
  REVISION,
  findNewReplicaSet,
  findOldReplicaSets,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  replicasOf,
  rsReplicas,
  setNewReplicaSetAnnotations,
  sumSpec,
} from './util.js';

/** NewRSNewReplicas: how many replicas the new RS may have now. */
export function newRSNewReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = sumSpec(all);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, replicasOf(d) - rsReplicas(newRS));
}

export async function getNewReplicaSet(c: DeploymentController, d: Deployment, rsList: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
  const existing = findNewReplicaSet(d, rsList);
  const oldRSs = findOldReplicaSets(rsList, existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return syncExisting(c, d, existing, newRevision);
  if (!create) return undefined;
  return createNew(c, d, oldRSs, newRevision);
}

async function syncExisting(c: DeploymentController, d: Deployment, existing: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
  const copy = deepCopy(existing);
  const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
  const minReady = d.spec.minReadySeconds ?? 0;
  if (annotationsChanged || (copy.spec.minReadySeconds ?? 0) !== minReady) {
    copy.spec.minReadySeconds = minReady;
    return c.rsClient.namespace(copy.metadata.namespace ?? '').update(copy);
  }
  await c.syncRevisionAnnotation(d, copy.metadata.annotations?.[REVISION]);
  if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
    const status = { ...(d.status ?? {}), conditions: [...(d.status?.conditions ?? [])] };
    setCondition(status, newCondition(PROGRESSING, 'True', Reasons.FoundNewRS, `Found new replica set "${copy.metadata.name ?? ''}"`));
    await c.writeStatus(d, status);
  }
  return existing;
}

function buildNewRS(d: Deployment, hash: string): ReplicaSet {
  const template = deepCopy(d.spec.template);
  template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const selector = deepCopy(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name ?? ''}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
      labels: template.metadata.labels,
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
}

async function createNew(c: DeploymentController, d: Deployment, oldRSs: ReplicaSet[], newRevision: number): Promise<ReplicaSet | undefined> {
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const newRS = buildNewRS(d, hash);
  newRS.spec.replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  const ns = d.metadata.namespace ?? '';
  let created: ReplicaSet;
  try {
    created = await c.rsClient.namespace(ns).create(newRS);
  } catch (err) {
    if (isAlreadyExists(err)) return adoptOrCollide(c, d, newRS);
    await reportCreateError(c, d, newRS, err);
    throw err;
  }
  if ((created.spec.replicas ?? 0) > 0) {
    c.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name ?? ''} to ${created.spec.replicas ?? 0}`, 'Deployment');
  }
  await c.syncRevisionAnnotation(d, created.metadata.annotations?.[REVISION]);
  if (hasProgressDeadline(d)) {
    const status = { ...(d.status ?? {}), conditions: [...(d.status?.conditions ?? [])] };
    setCondition(status, newCondition(PROGRESSING, 'True', Reasons.NewRSCreated, `Created new replica set "${created.metadata.name ?? ''}"`));
    await c.writeStatus(d, status);
  }
  return created;
}

async function adoptOrCollide(c: DeploymentController, d: Deployment, wanted: ReplicaSet): Promise<ReplicaSet> {
  const ns = d.metadata.namespace ?? '';
  const rs = await c.rsClient.namespace(ns).get(wanted.metadata.name ?? '');
  // Our own RS that the informer has not shown us yet: it is the new RS.
  if (isControlledBy(rs, d) && equalIgnoreHash(rs.spec.template, d.spec.template)) return rs;
  const status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
  await c.writeStatus(d, status);
  throw cmError('HASH_COLLISION', wanted.metadata.name ?? '');
}

async function reportCreateError(c: DeploymentController, d: Deployment, rs: ReplicaSet, err: unknown): Promise<void> {
  const msg = `Failed to create new replica set "${rs.metadata.name ?? ''}": ${errText(err)}`;
  c.recorder.event(d, 'Warning', Reasons.FailedRSCreate, msg, 'Deployment');
  if (!hasProgressDeadline(d)) return;
  const status = { ...(d.status ?? {}), conditions: [...(d.status?.conditions ?? [])] };
  setCondition(status, newCondition(PROGRESSING, 'False', Reasons.FailedRSCreate, msg));
  await c.writeStatus(d, status);
}
