// kubectl's reading of a Deployment's rollout (DeploymentStatusViewer): the same conditions and
// the same messages, so scripts that grep them keep working.
import type { Deployment } from '@kubelite/api';

export interface RolloutState {
  done: boolean;
  message: string;
  /** the rollout cannot finish (progress deadline exceeded) */
  failed?: boolean;
}

export function deploymentRollout(d: Deployment): RolloutState {
  const name = d.metadata.name ?? '';
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) {
    return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { done: false, failed: true, message: `deployment "${name}" exceeded its progress deadline` };
  }
  const want = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const replicas = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const waiting = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < want) return { done: false, message: `${waiting}${updated} out of ${want} new replicas have been updated...` };
  if (replicas > updated) return { done: false, message: `${waiting}${replicas - updated} old replicas are pending termination...` };
  if (available < updated) return { done: false, message: `${waiting}${available} of ${updated} updated replicas are available...` };
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}
