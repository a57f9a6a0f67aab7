// The smaller groups: batch (Job, CronJob), autoscaling/v2, policy, coordination, discovery,
// events.k8s.io, rbac and authentication's TokenRequest. Deep, rarely hand-written parts (HPA
// metric specs, Job failure policies) are free-form objects: kept as given, never "unknown".
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
  microTime,
  open,
  openList,
  timeMap,
  ref,
  refList,
  req,
  smpKeyed,
  SPEC_DOC,
  STATUS_DOC,
  str,
  strList,
  strMap,
  time,
  type Definition,
} from './dsl.js';
import type { GroupVersionKind } from '../resources/types.js';

const withList = (d: Definition): Definition[] => [d, listKind(d.name, d.gvk?.[0] as GroupVersionKind)];
const specStatusKind = (name: (n: string) => string, g: GroupVersionKind, doc: string): Definition[] =>
  withList(kind(name(g.kind), g, doc, { spec: ref(name(`${g.kind}Spec`), SPEC_DOC(g.kind)), status: ref(name(`${g.kind}Status`), STATUS_DOC(g.kind)) }));

const B = (n: string): string => api('batch', 'v1', n);
const batchGvk = (k: string): GroupVersionKind => ({ group: 'batch', version: 'v1', kind: k });

const jobSpecFields = {
  activeDeadlineSeconds: int64('Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it; value must be positive integer.'),
  backoffLimit: int32('Specifies the number of retries before marking this job failed. Defaults to 6'),
  backoffLimitPerIndex: int32('Specifies the limit for the number of retries within an index before marking this index as failed.'),
  completionMode: str('completionMode specifies how Pod completions are tracked. It can be `NonIndexed` (default) or `Indexed`.'),
  completions: int32('Specifies the desired number of successfully finished pods the job should be run with. More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/'),
  managedBy: str('ManagedBy field indicates the controller that manages a Job.'),
  manualSelector: bool('manualSelector controls generation of pod labels and pod selectors. Leave `manualSelector` unset unless you are certain what you are doing.'),
  maxFailedIndexes: int32('Specifies the maximal number of failed indexes before marking the Job as failed, when backoffLimitPerIndex is set.'),
  parallelism: int32('Specifies the maximum desired number of pods the job should run at any given time. More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/'),
  podFailurePolicy: open('Specifies the policy of handling failed pods. In particular, it allows to specify the set of actions and conditions which need to be satisfied to take the associated action.'),
  podReplacementPolicy: str('podReplacementPolicy specifies when to create replacement Pods. Possible values are: TerminatingOrFailed, Failed.'),
  selector: ref(meta('LabelSelector'), 'A label query over pods that should match the pod count. Normally, the system sets this field for you.'),
  successPolicy: open('successPolicy specifies the policy when the Job can be declared as succeeded.'),
  suspend: bool('suspend specifies whether the Job controller should create Pods or not. Defaults to false.'),
  template: req(ref(core('PodTemplateSpec'), 'Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are "Never" or "OnFailure". More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/')),
  ttlSecondsAfterFinished: int32('ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed).'),
};

const batch: Definition[] = [
  ...specStatusKind(B, batchGvk('Job'), 'Job represents the configuration of a single job.'),
  def(B('JobSpec'), 'JobSpec describes how the job execution will look like.', jobSpecFields),
  def(B('JobStatus'), 'JobStatus represents the current state of a Job.', {
    active: int32('The number of pending and running pods which are not terminating (without a deletionTimestamp).'),
    completedIndexes: str('completedIndexes holds the completed indexes when .spec.completionMode = "Indexed" in a text format.'),
    completionTime: time('Represents time when the job was completed.'),
    conditions: refList(B('JobCondition'), "The latest available observations of an object's current state. More info: https://kubernetes.io/docs/concepts/workloads/controllers/jobs-run-to-completion/", { ...smpKeyed('type'), listType: 'atomic' }),
    failed: int32('The number of pods which reached phase Failed.'),
    failedIndexes: str('FailedIndexes holds the failed indexes when spec.backoffLimitPerIndex is set.'),
    ready: int32('The number of active pods which have a Ready condition and are not terminating (without a deletionTimestamp).'),
    startTime: time('Represents time when the job controller started processing a job.'),
    succeeded: int32('The number of pods which reached phase Succeeded.'),
    terminating: int32('The number of pods which are terminating (in phase Pending or Running and have a deletionTimestamp).'),
    uncountedTerminatedPods: ref(B('UncountedTerminatedPods'), 'uncountedTerminatedPods holds the UIDs of Pods that have terminated but the job controller hasn\'t yet accounted for in the status counters.'),
  }),
  def(B('UncountedTerminatedPods'), "UncountedTerminatedPods holds UIDs of Pods that have terminated but haven't been accounted in Job status counters.", {
    failed: strList('failed holds UIDs of failed Pods.', { listType: 'set' }),
    succeeded: strList('succeeded holds UIDs of succeeded Pods.', { listType: 'set' }),
  }),
  def(B('JobCondition'), "JobCondition describes current state of a job.", {
    lastProbeTime: time('Last time the condition was checked.'),
    lastTransitionTime: time('Last time the condition transit from one status to another.'),
    message: str('Human readable message indicating details about last transition.'),
    reason: str("(brief) reason for the condition's last transition."),
    status: req(str('Status of the condition, one of True, False, Unknown.')),
    type: req(str('Type of job condition, Complete or Failed.')),
  }),
  ...specStatusKind(B, batchGvk('CronJob'), 'CronJob represents the configuration of a single cron job.'),
  def(B('CronJobSpec'), 'CronJobSpec describes how the job execution will look like and when it will actually run.', {
    concurrencyPolicy: str('Specifies how to treat concurrent executions of a Job. Valid values are: "Allow" (default), "Forbid", "Replace".'),
    failedJobsHistoryLimit: int32('The number of failed finished jobs to retain. Value must be non-negative integer. Defaults to 1.'),
    jobTemplate: req(ref(B('JobTemplateSpec'), 'Specifies the job that will be created when executing a CronJob.')),
    schedule: req(str('The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.')),
    startingDeadlineSeconds: int64('Optional deadline in seconds for starting the job if it misses scheduled time for any reason.'),
    successfulJobsHistoryLimit: int32('The number of successful finished jobs to retain. Value must be non-negative integer. Defaults to 3.'),
    suspend: bool('This flag tells the controller to suspend subsequent executions, it does not apply to already started executions. Defaults to false.'),
    timeZone: str('The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
  }),
  def(B('JobTemplateSpec'), 'JobTemplateSpec describes the data a Job should have when created from a template', {
    metadata: ref(meta('ObjectMeta'), "Standard object's metadata of the jobs created from this template."),
    spec: ref(B('JobSpec'), 'Specification of the desired behavior of the job.'),
  }),
  def(B('CronJobStatus'), 'CronJobStatus represents the current state of a cron job.', {
    active: refList(core('ObjectReference'), 'A list of pointers to currently running jobs.', atomicList),
    lastScheduleTime: time('Information when was the last time the job was successfully scheduled.'),
    lastSuccessfulTime: time('Information when was the last time the job successfully completed.'),
  }),
];

const H = (n: string): string => api('autoscaling', 'v2', n);
const hpa: Definition[] = [
  ...specStatusKind(H, { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }, 'HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler, which automatically manages the replica count of any resource implementing the scale subresource based on the metrics specified.'),
  def(H('HorizontalPodAutoscalerSpec'), 'HorizontalPodAutoscalerSpec describes the desired functionality of the HorizontalPodAutoscaler.', {
    behavior: open('behavior configures the scaling behavior of the target in both Up and Down directions (scaleUp and scaleDown fields respectively).'),
    maxReplicas: req(int32('maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.')),
    metrics: openList('metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
    minReplicas: int32('minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down. It defaults to 1 pod.'),
    scaleTargetRef: req(ref(H('CrossVersionObjectReference'), 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.')),
  }),
  def(H('CrossVersionObjectReference'), 'CrossVersionObjectReference contains enough information to let you identify the referred resource.', {
    apiVersion: str('apiVersion is the API version of the referent'),
    kind: req(str('kind is the kind of the referent; More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds')),
    name: req(str('name is the name of the referent; More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names')),
  }),
  def(H('HorizontalPodAutoscalerStatus'), 'HorizontalPodAutoscalerStatus describes the current status of a horizontal pod autoscaler.', {
    conditions: refList(H('HorizontalPodAutoscalerCondition'), 'conditions is the set of conditions required for this autoscaler to scale its target, and indicates whether or not those conditions are met.', keyed('type')),
    currentMetrics: openList('currentMetrics is the last read state of the metrics used by this autoscaler.'),
    currentReplicas: int32('currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    desiredReplicas: req(int32('desiredReplicas is the desired number of replicas of pods managed by this autoscaler, as last calculated by the autoscaler.')),
    lastScaleTime: time('lastScaleTime is the last time the HorizontalPodAutoscaler scaled the number of pods, used by the autoscaler to control how often the number of pods is changed.'),
    observedGeneration: int64('observedGeneration is the most recent generation observed by this autoscaler.'),
  }),
  def(H('HorizontalPodAutoscalerCondition'), 'HorizontalPodAutoscalerCondition describes the state of a HorizontalPodAutoscaler at a certain point.', {
    lastTransitionTime: time('lastTransitionTime is the last time the condition transitioned from one status to another'),
    message: str('message is a human-readable explanation containing details about the transition'),
    reason: str("reason is the reason for the condition's last transition."),
    status: req(str('status is the status of the condition (True, False, Unknown)')),
    type: req(str('type describes the current condition')),
  }),
];


const P = (n: string): string => api('policy', 'v1', n);
const policy: Definition[] = [
  ...specStatusKind(P, { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' }, 'PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods'),
  def(P('PodDisruptionBudgetSpec'), 'PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.', {
    maxUnavailable: intOrString('An eviction is allowed if at most "maxUnavailable" pods selected by "selector" are unavailable after the eviction, i.e. even in absence of the evicted pod.'),
    minAvailable: intOrString('An eviction is allowed if at least "minAvailable" pods selected by "selector" will still be available after the eviction, i.e. even in the absence of the evicted pod.'),
    selector: ref(meta('LabelSelector'), 'Label query over pods whose evictions are managed by the disruption budget.'),
    unhealthyPodEvictionPolicy: str('UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction. Valid policies are IfHealthyBudget and AlwaysAllow.'),
  }),
  def(P('PodDisruptionBudgetStatus'), 'PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget. Status may trail the actual state of a system.', {
    conditions: refList(meta('Condition'), 'Conditions contain conditions for PDB. The disruption controller sets the DisruptionAllowed condition.', keyed('type')),
    currentHealthy: req(int32('current number of healthy pods')),
    desiredHealthy: req(int32('minimum desired number of healthy pods')),
    disruptedPods: timeMap('DisruptedPods contains information about pods whose eviction was processed by the API server eviction subresource handler but has not yet been observed by the PodDisruptionBudget controller.'),
    disruptionsAllowed: req(int32('Number of pod disruptions that are currently allowed.')),
    expectedPods: req(int32('total number of pods counted by this disruption budget')),
    observedGeneration: int64("Most recent generation observed when updating this PDB status. DisruptionsAllowed and other status information is valid only if observedGeneration equals to PDB's object generation."),
  }),
  kind(P('Eviction'), { group: 'policy', version: 'v1', kind: 'Eviction' }, 'Eviction evicts a pod from its node subject to certain policies and safety constraints.', {
    deleteOptions: ref(meta('DeleteOptions'), 'DeleteOptions may be provided'),
  }),
];


const L = (n: string): string => api('coordination', 'v1', n);
const lease: Definition[] = [
  ...withList(kind(L('Lease'), { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }, 'Lease defines a lease concept.', {
    spec: ref(L('LeaseSpec'), SPEC_DOC('Lease')),
  })),
  def(L('LeaseSpec'), 'LeaseSpec is a specification of a Lease.', {
    acquireTime: microTime('acquireTime is a time when the current lease was acquired.'),
    holderIdentity: str('holderIdentity contains the identity of the holder of a current lease.'),
    leaseDurationSeconds: int32('leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. This is measured against the time of last observed renewTime.'),
    leaseTransitions: int32('leaseTransitions is the number of transitions of a lease between holders.'),
    preferredHolder: str('PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up.'),
    renewTime: microTime('renewTime is a time when the current holder of a lease has last updated the lease.'),
    strategy: str('Strategy indicates the strategy for picking the leader for coordinated leader election.'),
  }),
];

const D = (n: string): string => api('discovery', 'v1', n);
const endpointSlice: Definition[] = [
  ...withList(kind(D('EndpointSlice'), { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' }, 'EndpointSlice represents a subset of the endpoints that implement a service.', {
    addressType: req(str('addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. Supported types are IPv4, IPv6 and FQDN.')),
    endpoints: req(refList(D('Endpoint'), 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.', atomicList)),
    ports: refList(D('EndpointPort'), 'ports specifies the list of network ports exposed by each endpoint in this slice.', atomicList),
  })),
  def(D('Endpoint'), 'Endpoint represents a single logical "backend" implementing a service.', {
    addresses: req(strList('addresses of this endpoint. The contents of this field are interpreted according to the corresponding EndpointSlice addressType field.', { listType: 'set' })),
    conditions: ref(D('EndpointConditions'), 'conditions contains information about the current status of the endpoint.'),
    deprecatedTopology: strMap('deprecatedTopology contains topology information part of the v1beta1 API. This field is deprecated, and will be removed when the v1beta1 API is removed (no sooner than kubernetes v1.24).'),
    hints: open('hints contains information associated with how an endpoint should be consumed.'),
    hostname: str('hostname of this endpoint. This field may be used by consumers of endpoints to distinguish endpoints from each other (e.g. in DNS names).'),
    nodeName: str('nodeName represents the name of the Node hosting this endpoint. This can be used to determine endpoints local to a Node.'),
    targetRef: ref(core('ObjectReference'), 'targetRef is a reference to a Kubernetes object that represents this endpoint.'),
    zone: str('zone is the name of the Zone this endpoint exists in.'),
  }),
  def(D('EndpointConditions'), 'EndpointConditions represents the current condition of an endpoint.', {
    ready: bool('ready indicates that this endpoint is ready to receive traffic, according to whatever system is managing the endpoint.'),
    serving: bool('serving indicates that this endpoint is able to receive traffic, according to whatever system is managing the endpoint.'),
    terminating: bool('terminating indicates that this endpoint is terminating.'),
  }),
  def(D('EndpointPort'), 'EndpointPort represents a Port used by an EndpointSlice', {
    appProtocol: str('The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand.'),
    name: str('name represents the name of this port. All ports in an EndpointSlice must have a unique name.'),
    port: int32('port represents the port number of the endpoint. If the EndpointSlice is derived from a Kubernetes service, this must be set to the service\'s target port.'),
    protocol: str('protocol represents the IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.'),
  }, { atomic: true }),
];

const E = (n: string): string => api('events', 'v1', n);
const eventsV1: Definition[] = [
  ...withList(kind(E('Event'), { group: 'events.k8s.io', version: 'v1', kind: 'Event' }, 'Event is a report of an event somewhere in the cluster. It generally denotes some state change in the system.', {
    action: str('action is what action was taken/failed regarding to the regarding object.'),
    deprecatedCount: int32('deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type.'),
    deprecatedFirstTimestamp: time('deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.'),
    deprecatedLastTimestamp: time('deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type.'),
    deprecatedSource: ref(core('EventSource'), 'deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type.'),
    eventTime: req(microTime('eventTime is the time when this Event was first observed. It is required.')),
    note: str('note is a human-readable description of the status of this operation. Maximal length of the note is 1kB, but libraries should be prepared to handle values up to 64kB.'),
    reason: str('reason is why the action was taken. It is human-readable. This field cannot be empty for new Events and it can have at most 128 characters.'),
    regarding: ref(core('ObjectReference'), 'regarding contains the object this Event is about.'),
    related: ref(core('ObjectReference'), 'related is the optional secondary object for more complex actions.'),
    reportingController: str('reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.'),
    reportingInstance: str('reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`.'),
    series: ref(E('EventSeries'), "series is data about the Event series this event represents or nil if it's a singleton Event."),
    type: str('type is the type of this event (Normal, Warning), new types could be added in the future.'),
  })),
  def(E('EventSeries'), 'EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.', {
    count: req(int32('count is the number of occurrences in this series up to the last heartbeat time.')),
    lastObservedTime: req(microTime('lastObservedTime is the time when last Event from the series was seen before last heartbeat.')),
  }),
];

const R = (n: string): string => api('rbac', 'v1', n);
const rbacGvk = (k: string): GroupVersionKind => ({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: k });
const RULES_DOC = 'Rules holds all the PolicyRules for this Role';
const rbac: Definition[] = [
  ...withList(kind(R('Role'), rbacGvk('Role'), 'Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.', {
    rules: refList(R('PolicyRule'), RULES_DOC, atomicList),
  })),
  ...withList(kind(R('ClusterRole'), rbacGvk('ClusterRole'), 'ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.', {
    aggregationRule: ref(R('AggregationRule'), 'AggregationRule is an optional field that describes how to build the Rules for this ClusterRole.'),
    rules: refList(R('PolicyRule'), 'Rules holds all the PolicyRules for this ClusterRole', atomicList),
  })),
  ...(['RoleBinding', 'ClusterRoleBinding'] as const).flatMap((k) =>
    withList(kind(R(k), rbacGvk(k), k === 'RoleBinding'
      ? 'RoleBinding references a role, but does not contain it.  It can reference a Role in the same namespace or a ClusterRole in the global namespace.'
      : 'ClusterRoleBinding references a ClusterRole, but not contain it.  It can reference a ClusterRole in the global namespace, and adds who information via Subject.', {
      roleRef: req(ref(R('RoleRef'), 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.')),
      subjects: refList(R('Subject'), 'Subjects holds references to the objects the role applies to.', atomicList),
    })),
  ),
  def(R('PolicyRule'), 'PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.', {
    apiGroups: strList('APIGroups is the name of the APIGroup that contains the resources.  If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed.', atomicList),
    nonResourceURLs: strList('NonResourceURLs is a set of partial urls that a user should have access to.  *s are allowed, but only as the full, final step in the path.', atomicList),
    resourceNames: strList('ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed.', atomicList),
    resources: strList("Resources is a list of resources this rule applies to. '*' represents all resources.", atomicList),
    verbs: req(strList("Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.", atomicList)),
  }),
  def(R('AggregationRule'), 'AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole', {
    clusterRoleSelectors: refList(meta('LabelSelector'), "ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules.", atomicList),
  }),
  def(R('RoleRef'), 'RoleRef contains information that points to the role being used', {
    apiGroup: req(str('APIGroup is the group for the resource being referenced')),
    kind: req(str('Kind is the type of resource being referenced')),
    name: req(str('Name is the name of resource being referenced')),
  }, { atomic: true }),
  def(R('Subject'), 'Subject contains a reference to the object or user identities a role binding applies to.', {
    apiGroup: str('APIGroup holds the API group of the referenced subject. Defaults to "" for ServiceAccount subjects. Defaults to "rbac.authorization.k8s.io" for User and Group subjects.'),
    kind: req(str('Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount".')),
    name: req(str('Name of the object being referenced.')),
    namespace: str('Namespace of the referenced object.  If the object kind is non-namespace, such as "User" or "Group", and this value is not empty the Validator will reject it.'),
  }, { atomic: true }),
];

const AU = (n: string): string => api('authentication', 'v1', n);
const tokenRequest: Definition[] = [
  kind(AU('TokenRequest'), { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, 'TokenRequest requests a token for a given service account.', {
    spec: req(ref(AU('TokenRequestSpec'), 'Spec holds information about the request being evaluated')),
    status: open('Status is filled in by the server and indicates whether the token can be authenticated.'),
  }),
  def(AU('TokenRequestSpec'), 'TokenRequestSpec contains client provided parameters of a token request.', {
    audiences: req(strList('Audiences are the intendend audiences of the token. A recipient of a token must identify themself with an identifier in the list of audiences of the token, and otherwise should reject the token.', atomicList)),
    boundObjectRef: open('BoundObjectRef is a reference to an object that the token will be bound to.'),
    expirationSeconds: int64('ExpirationSeconds is the requested duration of validity of the request.'),
  }),
];

export const GROUP_DEFINITIONS: readonly Definition[] = [...batch, ...hpa, ...policy, ...lease, ...endpointSlice, ...eventsV1, ...rbac, ...tokenRequest];
