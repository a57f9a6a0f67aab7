// Patch metadata for the kinds kubelite serves, taken from the struct tags and list markers of
// k8s.io/api (core/v1, apps/v1, batch/v1, …). Only non-default paths appear. Two places where the
// upstream tags surprise: Node `spec.taints` and Pod `spec.tolerations` carry no patch strategy, so
// SMP replaces them whole; Node `status.addresses`, Pod `status.podIPs`/`hostIPs` and Job
// `status.conditions` merge by key in SMP but are atomic lists for server-side apply.
import {
  atomic,
  keyedList,
  mergedSet,
  smpOnlyKeyedList,
  struct,
  type GroupVersionKind,
  type Schema,
} from './schema.js';

const objectMeta = struct({
  finalizers: mergedSet(),
  // OwnerReference is `+structType=atomic`: an element is owned whole.
  ownerReferences: keyedList('uid', atomic),
});

const container = struct({
  ports: keyedList('containerPort', undefined, {
    listMapKeys: ['containerPort', 'protocol'],
    keyDefaults: { protocol: 'TCP' },
  }),
  env: keyedList('name'),
  volumeMounts: keyedList('mountPath'),
  volumeDevices: keyedList('devicePath'),
});

const podSpec = struct({
  volumes: keyedList('name', undefined, { patchStrategy: ['merge', 'retainKeys'] }),
  initContainers: keyedList('name', container),
  containers: keyedList('name', container),
  ephemeralContainers: keyedList('name', container),
  // LocalObjectReference is `+structType=atomic`.
  imagePullSecrets: keyedList('name', atomic),
  hostAliases: keyedList('ip'),
  topologySpreadConstraints: keyedList('topologyKey', undefined, {
    listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
  }),
  schedulingGates: keyedList('name'),
  resourceClaims: keyedList('name', undefined, { patchStrategy: ['merge', 'retainKeys'] }),
  nodeSelector: atomic,
});

const podStatus = struct({
  conditions: keyedList('type'),
  podIPs: smpOnlyKeyedList('ip'),
  hostIPs: smpOnlyKeyedList('ip'),
  resourceClaimStatuses: keyedList('name', undefined, { patchStrategy: ['merge', 'retainKeys'] }),
});

const podTemplateSpec = struct({ metadata: objectMeta, spec: podSpec });

// LabelSelector is `+structType=atomic` for SSA; SMP still merges matchLabels key by key.
const labelSelector = atomic;

const conditionsStatus = struct({ conditions: keyedList('type') });

const workload = (extraSpec: Record<string, Schema> = {}): Schema =>
  struct({
    metadata: objectMeta,
    spec: struct({ selector: labelSelector, template: podTemplateSpec, ...extraSpec }),
    status: conditionsStatus,
  });

const jobSpec = struct({ selector: labelSelector, template: podTemplateSpec });

const TABLE: Readonly<Record<string, Schema>> = {
  '/Pod': struct({ metadata: objectMeta, spec: podSpec, status: podStatus }),
  '/PodTemplate': struct({ metadata: objectMeta, template: podTemplateSpec }),
  '/ReplicationController': struct({
    metadata: objectMeta,
    spec: struct({ selector: atomic, template: podTemplateSpec }),
    status: conditionsStatus,
  }),
  '/Service': struct({
    metadata: objectMeta,
    spec: struct({
      ports: keyedList('port', undefined, { listMapKeys: ['port', 'protocol'], keyDefaults: { protocol: 'TCP' } }),
      selector: atomic,
    }),
    status: conditionsStatus,
  }),
  '/Node': struct({
    metadata: objectMeta,
    spec: struct({ podCIDRs: mergedSet() }),
    status: struct({ conditions: keyedList('type'), addresses: smpOnlyKeyedList('type') }),
  }),
  '/Namespace': struct({ metadata: objectMeta, status: conditionsStatus }),
  '/PersistentVolumeClaim': struct({ metadata: objectMeta, status: conditionsStatus }),
  '/ServiceAccount': struct({ metadata: objectMeta, secrets: smpOnlyKeyedList('name') }),
  'apps/Deployment': workload(),
  'apps/ReplicaSet': workload(),
  'apps/DaemonSet': workload(),
  'apps/StatefulSet': workload(),
  'batch/Job': struct({
    metadata: objectMeta,
    spec: jobSpec,
    status: struct({ conditions: smpOnlyKeyedList('type') }),
  }),
  'batch/CronJob': struct({
    metadata: objectMeta,
    spec: struct({ jobTemplate: struct({ metadata: objectMeta, spec: jobSpec }) }),
  }),
  'autoscaling/HorizontalPodAutoscaler': struct({ metadata: objectMeta, status: conditionsStatus }),
  'policy/PodDisruptionBudget': struct({ metadata: objectMeta, status: conditionsStatus }),
};

// Every object has ObjectMeta; kinds without an entry (ConfigMap, Secret, Event, Lease, Endpoints,
// EndpointSlice, custom resources, …) need nothing more.
const GENERIC = struct({ metadata: objectMeta });

/** The patch schema of a kind (the version does not change patch metadata between served versions). */
export function schemaFor(gvk: Pick<GroupVersionKind, 'group' | 'kind'>): Schema {
  return TABLE[`${gvk.group}/${gvk.kind}`] ?? GENERIC;
}
