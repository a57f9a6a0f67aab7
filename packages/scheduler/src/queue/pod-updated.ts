// isPodUpdated: did anything the scheduler reads change? Status (including the PodScheduled
// condition the scheduler itself writes), resourceVersion, generation and managedFields do not
// count — otherwise every status patch would retry the pod it reports on.
import type { Pod } from '@kubelite/api';

/** Written by the scheduler itself on unschedulable pods that asked for an explanation. */
const DECISION_ANNOTATION = 'scheduler.kubelite.io/decision';

function strip(pod: Pod): unknown {
  const { resourceVersion: _rv, generation: _g, managedFields: _mf, annotations, ...meta } = pod.metadata;
  const { [DECISION_ANNOTATION]: _d, ...rest } = annotations ?? {};
  return { metadata: { ...meta, annotations: rest }, spec: pod.spec };
}

export function isPodUpdated(oldPod: Pod, pod: Pod): boolean {
  return JSON.stringify(strip(oldPod)) !== JSON.stringify(strip(pod));
}
