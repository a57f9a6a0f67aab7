// Deployment conditions (A.11): the helpers upstream's deployment util uses, with its quirks —
// setting a condition with the same status and reason changes nothing; a changed reason with
// the same status keeps lastTransitionTime; the written condition moves to the end of the list.
import type { DeploymentCondition, DeploymentStatus } from '@kubelite/api';
import { rfc3339 } from '../../controller/pod-util.js';

export const PROGRESSING = 'Progressing';
export const AVAILABLE = 'Available';
export const REPLICA_FAILURE = 'ReplicaFailure';

export const Reasons = {
  NewRSAvailable: 'NewReplicaSetAvailable',
  NewRSCreated: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  RSUpdated: 'ReplicaSetUpdated',
  TimedOut: 'ProgressDeadlineExceeded',
  FailedRSCreate: 'ReplicaSetCreateError',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumAvailable: 'MinimumReplicasAvailable',
  MinimumUnavailable: 'MinimumReplicasUnavailable',
} as const;

export function newCondition(type: string, status: string, reason: string, message: string): DeploymentCondition {
  const now = rfc3339();
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(s: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const current = getCondition(s, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  s.conditions = (s.conditions ?? []).filter((x) => x.type !== type);
}
