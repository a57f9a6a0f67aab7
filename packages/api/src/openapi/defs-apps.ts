// apps/v1 workloads (Deployment, ReplicaSet, DaemonSet, StatefulSet) and autoscaling/v1 Scale.
import {
  api,
  atomicList,
  bool,
  core,
  def,
  int32,
  int64,
  intOrString,
  keyed,
  kind,
  listKind,
  meta,
  open,
  ref,
  refList,
  req,
  SPEC_DOC,
  STATUS_DOC,
  str,
  time,
  type Definition,
  type Field,
} from './dsl.js';
import type { GroupVersionKind } from '../resources/types.js';

const A = (n: string): string => api('apps', 'v1', n);
const gvk = (k: string): GroupVersionKind => ({ group: 'apps', version: 'v1', kind: k });

const SELECTOR_DOC =
  'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors';
const TEMPLATE_DOC = 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".';
const MIN_READY_DOC =
  'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)';
const HISTORY_DOC = 'The number of old history to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.';
const OBSERVED_DOC = 'The generation observed by the controller.';
const COLLISION_DOC = 'Count of hash collisions for the workload. The controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ControllerRevision.';

const workloadCondition = (name: string, what: string, lastUpdate: boolean): Definition =>
  def(A(name), `${name} describes the state of a ${what} at a certain point.`, {
    ...(lastUpdate ? { lastUpdateTime: time('The last time this condition was updated.') } : {}),
    lastTransitionTime: time('Last time the condition transitioned from one status to another.'),
    message: str('A human readable message indicating details about the transition.'),
    reason: str("The reason for the condition's last transition."),
    status: req(str('Status of the condition, one of True, False, Unknown.')),
    type: req(str(`Type of ${what} condition.`)),
  });

const conditions = (name: string, what: string): Field =>
  refList(A(name), `Represents the latest available observations of a ${what}'s current state.`, keyed('type'));

const withList = (d: Definition): Definition[] => [d, listKind(d.name, d.gvk?.[0] ?? gvk(''))];

const workloadKind = (k: string, doc: string): Definition[] =>
  withList(kind(A(k), gvk(k), doc, { spec: ref(A(`${k}Spec`), SPEC_DOC(k)), status: ref(A(`${k}Status`), STATUS_DOC(k)) }));

const deployment: Definition[] = [
  ...workloadKind('Deployment', 'Deployment enables declarative updates for Pods and ReplicaSets.'),
  def(A('DeploymentSpec'), 'DeploymentSpec is the specification of the desired behavior of the Deployment.', {
    minReadySeconds: int32(MIN_READY_DOC),
    paused: bool('Indicates that the deployment is paused.'),
    progressDeadlineSeconds: int32('The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.'),
    replicas: int32('Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'),
    revisionHistoryLimit: int32(HISTORY_DOC),
    selector: req(ref(meta('LabelSelector'), SELECTOR_DOC)),
    strategy: ref(A('DeploymentStrategy'), 'The deployment strategy to use to replace existing pods with new ones.'),
    template: req(ref(core('PodTemplateSpec'), TEMPLATE_DOC)),
  }),
  def(A('DeploymentStrategy'), 'DeploymentStrategy describes how to replace existing pods with new ones.', {
    rollingUpdate: ref(A('RollingUpdateDeployment'), 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.'),
    type: str('Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.'),
  }),
  def(A('RollingUpdateDeployment'), 'Spec to control the desired behavior of rolling update.', {
    maxSurge: intOrString('The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.'),
    maxUnavailable: intOrString('The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.'),
  }),
  def(A('DeploymentStatus'), 'DeploymentStatus is the most recently observed status of the Deployment.', {
    availableReplicas: int32('Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.'),
    collisionCount: int32(COLLISION_DOC),
    conditions: conditions('DeploymentCondition', 'deployment'),
    observedGeneration: int64(OBSERVED_DOC),
    readyReplicas: int32('Total number of non-terminating pods targeted by this Deployment with a Ready Condition.'),
    replicas: int32('Total number of non-terminating pods targeted by this deployment (their labels match the selector).'),
    terminatingReplicas: int32('Total number of terminating pods targeted by this deployment.'),
    unavailableReplicas: int32('Total number of unavailable pods targeted by this deployment.'),
    updatedReplicas: int32('Total number of non-terminating pods targeted by this deployment that have the desired template spec.'),
  }),
  workloadCondition('DeploymentCondition', 'deployment', true),
];

const replicaSet: Definition[] = [
  ...workloadKind('ReplicaSet', 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.'),
  def(A('ReplicaSetSpec'), 'ReplicaSetSpec is the specification of a ReplicaSet.', {
    minReadySeconds: int32(MIN_READY_DOC),
    replicas: int32('Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.'),
    selector: req(ref(meta('LabelSelector'), 'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set.')),
    template: ref(core('PodTemplateSpec'), 'Template is the object that describes the pod that will be created if insufficient replicas are detected.'),
  }),
  def(A('ReplicaSetStatus'), 'ReplicaSetStatus represents the current status of a ReplicaSet.', {
    availableReplicas: int32('The number of available non-terminating pods (ready for at least minReadySeconds) for this replica set.'),
    conditions: conditions('ReplicaSetCondition', 'replica set'),
    fullyLabeledReplicas: int32('The number of non-terminating pods that have labels matching the labels of the pod template of the replicaset.'),
    observedGeneration: int64('ObservedGeneration reflects the generation of the most recently observed ReplicaSet.'),
    readyReplicas: int32('The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.'),
    replicas: req(int32('Replicas is the most recently observed number of non-terminating pods.')),
    terminatingReplicas: int32('The number of terminating pods for this replica set.'),
  }),
  workloadCondition('ReplicaSetCondition', 'replica set', false),
];

const daemonSet: Definition[] = [
  ...workloadKind('DaemonSet', 'DaemonSet represents the configuration of a daemon set.'),
  def(A('DaemonSetSpec'), 'DaemonSetSpec is the specification of a daemon set.', {
    minReadySeconds: int32(MIN_READY_DOC),
    revisionHistoryLimit: int32(HISTORY_DOC),
    selector: req(ref(meta('LabelSelector'), 'A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template\'s labels.')),
    template: req(ref(core('PodTemplateSpec'), 'An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template\'s node selector (or on every node if no node selector is specified).')),
    updateStrategy: ref(A('DaemonSetUpdateStrategy'), 'An update strategy to replace existing DaemonSet pods with new pods.'),
  }),
  def(A('DaemonSetUpdateStrategy'), 'DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.', {
    rollingUpdate: ref(A('RollingUpdateDaemonSet'), 'Rolling update config params. Present only if type = "RollingUpdate".'),
    type: str('Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.'),
  }),
  def(A('RollingUpdateDaemonSet'), 'Spec to control the desired behavior of daemon set rolling update.', {
    maxSurge: intOrString('The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update.'),
    maxUnavailable: intOrString('The maximum number of DaemonSet pods that can be unavailable during the update.'),
  }),
  def(A('DaemonSetStatus'), 'DaemonSetStatus represents the current status of a daemon set.', {
    collisionCount: int32(COLLISION_DOC),
    conditions: conditions('DaemonSetCondition', 'DaemonSet'),
    currentNumberScheduled: req(int32('The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.')),
    desiredNumberScheduled: req(int32('The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).')),
    numberAvailable: int32('The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    numberMisscheduled: req(int32('The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod.')),
    numberReady: req(int32('numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.')),
    numberUnavailable: int32('The number of nodes that should be running the daemon pod and have none of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    observedGeneration: int64('The most recent generation observed by the daemon set controller.'),
    updatedNumberScheduled: int32('The total number of nodes that are running updated daemon pod'),
  }),
  workloadCondition('DaemonSetCondition', 'DaemonSet', false),
];

const statefulSet: Definition[] = [
  ...workloadKind('StatefulSet', 'StatefulSet represents a set of pods with consistent identities.'),
  def(A('StatefulSetSpec'), 'A StatefulSetSpec is the specification of a StatefulSet.', {
    minReadySeconds: int32(MIN_READY_DOC),
    ordinals: ref(A('StatefulSetOrdinals'), 'ordinals controls the numbering of replica indices in a StatefulSet.'),
    persistentVolumeClaimRetentionPolicy: ref(A('StatefulSetPersistentVolumeClaimRetentionPolicy'), 'persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates.'),
    podManagementPolicy: str('podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. The default policy is `OrderedReady`.'),
    replicas: int32('replicas is the desired number of replicas of the given Template. Defaults to 1.'),
    revisionHistoryLimit: int32('revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet\'s revision history. It defaults to 10.'),
    selector: req(ref(meta('LabelSelector'), "selector is a label query over pods that should match the replica count. It must match the pod template's labels.")),
    serviceName: str('serviceName is the name of the service that governs this StatefulSet. This service must exist before the StatefulSet, and is responsible for the network identity of the set.'),
    template: req(ref(core('PodTemplateSpec'), 'template is the object that describes the pod that will be created if insufficient replicas are detected.')),
    updateStrategy: ref(A('StatefulSetUpdateStrategy'), 'updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template.'),
    volumeClaimTemplates: refList(core('PersistentVolumeClaim'), 'volumeClaimTemplates is a list of claims that pods are allowed to reference.', atomicList),
  }),
  def(A('StatefulSetOrdinals'), 'StatefulSetOrdinals describes the policy used for replica ordinal assignment in this StatefulSet.', {
    start: int32('start is the number representing the first replica\'s index. Defaults to 0.'),
  }),
  def(A('StatefulSetPersistentVolumeClaimRetentionPolicy'), 'StatefulSetPersistentVolumeClaimRetentionPolicy describes the policy used for PVCs created from the StatefulSet VolumeClaimTemplates.', {
    whenDeleted: str('WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted. The default policy of `Retain` causes PVCs to not be affected by StatefulSet deletion.'),
    whenScaled: str('WhenScaled specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is scaled down. The default policy of `Retain` causes PVCs to not be affected by a scaledown.'),
  }),
  def(A('StatefulSetUpdateStrategy'), 'StatefulSetUpdateStrategy indicates the strategy that the StatefulSet controller will use to perform updates.', {
    rollingUpdate: ref(A('RollingUpdateStatefulSetStrategy'), 'RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType.'),
    type: str('Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate.'),
  }),
  def(A('RollingUpdateStatefulSetStrategy'), 'RollingUpdateStatefulSetStrategy is used to communicate parameter for RollingUpdateStatefulSetStrategyType.', {
    maxUnavailable: intOrString('The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%).'),
    partition: int32('Partition indicates the ordinal at which the StatefulSet should be partitioned for updates. Default value is 0.'),
  }),
  def(A('StatefulSetStatus'), 'StatefulSetStatus represents the current state of a StatefulSet.', {
    availableReplicas: int32('Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset.'),
    collisionCount: int32(COLLISION_DOC),
    conditions: conditions('StatefulSetCondition', 'statefulset'),
    currentReplicas: int32('currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision.'),
    currentRevision: str('currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).'),
    observedGeneration: int64("observedGeneration is the most recent generation observed for this StatefulSet. It corresponds to the StatefulSet's generation, which is updated on mutation by the API Server."),
    readyReplicas: int32('readyReplicas is the number of pods created for this StatefulSet with a Ready Condition.'),
    replicas: req(int32('replicas is the number of Pods created by the StatefulSet controller.')),
    updateRevision: str('updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)'),
    updatedReplicas: int32('updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision.'),
  }),
  workloadCondition('StatefulSetCondition', 'statefulset', false),
  // StatefulSet's volumeClaimTemplates are whole PersistentVolumeClaims; kubelite stores them as given.
  def(core('PersistentVolumeClaim'), "PersistentVolumeClaim is a user's request for and claim to a persistent volume", {
    apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
    kind: str('Kind is a string value representing the REST resource this object represents.'),
    metadata: ref(meta('ObjectMeta'), "Standard object's metadata."),
    spec: open('spec defines the desired characteristics of a volume requested by a pod author. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims'),
    status: open('status represents the current information/status of a persistent volume claim. Read-only.'),
  }),
];

const AS = (n: string): string => api('autoscaling', 'v1', n);
const scale: Definition[] = [
  kind(AS('Scale'), { group: 'autoscaling', version: 'v1', kind: 'Scale' }, 'Scale represents a scaling request for a resource.', {
    spec: ref(AS('ScaleSpec'), 'spec defines the behavior of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status.'),
    status: ref(AS('ScaleStatus'), 'status is the current status of the scale. Read-only.'),
  }),
  def(AS('ScaleSpec'), 'ScaleSpec describes the attributes of a scale subresource.', {
    replicas: int32('replicas is the desired number of instances for the scaled object.'),
  }),
  def(AS('ScaleStatus'), 'ScaleStatus represents the current status of a scale subresource.', {
    replicas: req(int32('replicas is the actual number of observed instances of the scaled object.')),
    selector: str('selector is the label query over pods that should match the replicas count. This is same as the label selector but in the string format to avoid introspection by clients.'),
  }),
];

export const APPS_DEFINITIONS: readonly Definition[] = [...deployment, ...replicaSet, ...daemonSet, ...statefulSet, ...scale];
