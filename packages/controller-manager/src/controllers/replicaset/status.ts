// ReplicaSet status (calculateStatus): counts of active owned pods, fully labelled, ready and
// available ones, and the ReplicaFailure condition a failed create/delete leaves behind.
import type { Pod, ReplicaSet, ReplicaSetStatus, WorkloadCondition } from '@kubelite/api';
import { isPodAvailable, isPodReady, rfc3339 } from '../../controller/pod-util.js';

export function calculateStatus(rs: ReplicaSet, pods: readonly Pod[], manageErr: unknown, now = Date.now()): ReplicaSetStatus {
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  const minReady = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    const labels = p.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation,
  };
  const conditions = replicaFailure(rs, pods.length, manageErr);
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

function replicaFailure(rs: ReplicaSet, active: number, manageErr: unknown): WorkloadCondition[] {
  const existing = rs.status?.conditions ?? [];
  const failure = existing.find((c) => c.type === 'ReplicaFailure');
  const others = existing.filter((c) => c.type !== 'ReplicaFailure');
  if (manageErr && !failure) {
    const reason = active < (rs.spec.replicas ?? 1) ? 'FailedCreate' : 'FailedDelete';
    const message = manageErr instanceof Error ? manageErr.message : String(manageErr);
    return [...others, { type: 'ReplicaFailure', status: 'True', reason, message, lastTransitionTime: rfc3339() }];
  }
  return manageErr ? existing : others;
}

export function statusEqual(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  const x = a ?? {};
  return (
    (x.replicas ?? 0) === (b.replicas ?? 0) &&
    (x.fullyLabeledReplicas ?? 0) === (b.fullyLabeledReplicas ?? 0) &&
    (x.readyReplicas ?? 0) === (b.readyReplicas ?? 0) &&
    (x.availableReplicas ?? 0) === (b.availableReplicas ?? 0) &&
    x.observedGeneration === b.observedGeneration &&
    JSON.stringify(x.conditions ?? []) === JSON.stringify(b.conditions ?? [])
  );
}
