// Pods: defaults, status reset on create, the immutable spec on update, the scheduler's field
// selectors and `kubectl get pods` columns (pkg/registry/core/pod/strategy.go, printPod).
import {
  computePodQOS, setDefaultsPod, validatePodCreate, validatePodStatusUpdate, validatePodUpdate,
  type Pod, type PodCondition,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import { NONE, orNone } from '../../printers/core-format.js';
import { summarizePod } from '../../printers/core-pod.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

const SCHEDULING_GATED: PodCondition = {
  type: 'PodScheduled',
  status: 'False',
  reason: 'SchedulingGated',
  message: 'Scheduling is blocked due to non-empty scheduling gates',
};

function prepareForCreate(obj: KObject): void {
  const pod = typed<Pod>(obj);
  // QoS is computed from defaulted requests, and the registry defaults only after this hook.
  setDefaultsPod(pod);
  // A pod without a spec is left for validation to reject with "spec.containers: Required value".
  const spec = pod.spec ?? { containers: [] };
  pod.status = { phase: 'Pending', qosClass: computePodQOS(spec) };
  if ((spec.schedulingGates ?? []).length > 0) pod.status.conditions = [{ ...SCHEDULING_GATED }];
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return NONE;
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${passed}/${gates.length}`;
}

export const POD_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE_COLUMN,
    column('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', { wide: true }),
    column('Node', 'NodeName indicates in which node this pod is scheduled.', { wide: true }),
    column('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', { wide: true }),
    column('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', { wide: true }),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const pod = typed<Pod>(obj);
    const s = summarizePod(pod, now);
    return [
      pod.metadata.name ?? '', s.ready, s.status, s.restarts, translateTimestampSince(pod.metadata.creationTimestamp, now),
      orNone(pod.status?.podIPs?.[0]?.ip), orNone(pod.spec?.nodeName), orNone(pod.status?.nominatedNodeName), readinessGates(pod),
    ];
  },
};

function selectableFields(obj: KObject): Record<string, string> {
  const pod = typed<Pod>(obj);
  return {
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork === true),
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': pod.status?.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  };
}

export const podStrategy: Strategy = {
  defaults: (obj) => setDefaultsPod(typed<Pod>(obj)),
  prepareForCreate,
  // Also on update: ephemeral containers could only come from a subresource kubelite does not serve.
  validate: (obj) => validatePodCreate(typed<Pod>(obj)),
  validateUpdate: (obj, old) => validatePodUpdate(typed<Pod>(obj), typed<Pod>(old)),
  validateStatusUpdate: (obj, old) => validatePodStatusUpdate(typed<Pod>(obj), typed<Pod>(old)),
  selectableFields,
  table: POD_TABLE,
  // Pods carry no metadata.generation in 1.32 (observed-generation tracking came in 1.33).
  tracksGeneration: false,
};
