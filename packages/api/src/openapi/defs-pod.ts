// core/v1 Pod: PodSpec, PodStatus, scheduling (affinity, tolerations, spread) and PodTemplate.
import {
  atomicList,
  bool,
  core,
  def,
  int32,
  int64,
  int64List,
  mapList,
  keyed,
  kind,
  listKind,
  meta,
  OBJECT_META_DOC,
  quantityMap,
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

const C = core;
const V1 = { group: '', version: 'v1' };

const podSpec = def(C('PodSpec'), 'PodSpec is a description of a pod.', {
  activeDeadlineSeconds: int64(
    'Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer.',
  ),
  affinity: ref(C('Affinity'), "If specified, the pod's scheduling constraints"),
  automountServiceAccountToken: bool('AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.'),
  containers: req(
    refList(
      C('Container'),
      'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
      keyed('name'),
    ),
  ),
  dnsConfig: ref(C('PodDNSConfig'), 'Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.'),
  dnsPolicy: str(
    "Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'.",
  ),
  enableServiceLinks: bool("EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true."),
  ephemeralContainers: refList(
    C('EphemeralContainer'),
    'List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging.',
    keyed('name'),
  ),
  hostAliases: refList(
    C('HostAlias'),
    "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.",
    keyed('ip'),
  ),
  hostIPC: bool("Use the host's ipc namespace. Optional: Default to false."),
  hostNetwork: bool("Host networking requested for this pod. Use the host's network namespace. If this option is set, the ports that will be used must be specified. Default to false."),
  hostPID: bool("Use the host's pid namespace. Optional: Default to false."),
  hostUsers: bool("Use the host's user namespace. Optional: Default to true."),
  hostname: str("Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value."),
  imagePullSecrets: refList(
    C('LocalObjectReference'),
    'ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod',
    keyed('name'),
  ),
  initContainers: refList(
    C('Container'),
    'List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
    keyed('name'),
  ),
  nodeName: str(
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.',
  ),
  nodeSelector: strMap(
    "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
  ),
  os: ref(C('PodOS'), 'Specifies the OS of the containers in the pod.'),
  overhead: quantityMap('Overhead represents the resource overhead associated with running a pod for a given RuntimeClass.'),
  preemptionPolicy: str('PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
  priority: int32('The priority value. Various system components use this field to find the priority of the pod. The higher the value, the higher the priority.'),
  priorityClassName: str(
    'If specified, indicates the pod\'s priority. "system-node-critical" and "system-cluster-critical" are two special keywords which indicate the highest priorities with the former being the highest priority.',
  ),
  readinessGates: refList(
    C('PodReadinessGate'),
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True"',
    atomicList,
  ),
  resourceClaims: refList(
    C('PodResourceClaim'),
    'ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start.',
    keyed('name', ['name'], 'merge,retainKeys'),
  ),
  resources: ref(C('ResourceRequirements'), 'Resources is the total amount of CPU and Memory resources required by all containers in the pod.'),
  restartPolicy: str(
    'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
  ),
  runtimeClassName: str(
    'RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod. If no RuntimeClass resource matches the named class, the pod will not be run.',
  ),
  schedulerName: str('If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.'),
  schedulingGates: refList(
    C('PodSchedulingGate'),
    'SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.',
    keyed('name'),
  ),
  securityContext: ref(
    C('PodSecurityContext'),
    'SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field.',
  ),
  serviceAccount: str('DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.'),
  serviceAccountName: str(
    'ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  ),
  setHostnameAsFQDN: bool("If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default)."),
  shareProcessNamespace: bool('Share a single process namespace between all of the containers in a pod. Optional: Default to false.'),
  subdomain: str('If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.'),
  terminationGracePeriodSeconds: int64(
    'Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). Defaults to 30 seconds.',
  ),
  tolerations: refList(C('Toleration'), "If specified, the pod's tolerations.", atomicList),
  topologySpreadConstraints: refList(
    C('TopologySpreadConstraint'),
    'TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints.',
    keyed('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
  ),
  volumes: refList(
    C('Volume'),
    'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes',
    keyed('name', ['name'], 'merge,retainKeys'),
  ),
});

const small: Definition[] = [
  def(C('HostAlias'), "HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.", {
    hostnames: strList('Hostnames for the above IP address.', atomicList),
    ip: req(str('IP address of the host file entry.')),
  }),
  def(C('LocalObjectReference'), 'LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.', {
    name: str('Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty.'),
  }, { atomic: true }),
  def(C('PodOS'), 'PodOS defines the OS parameters of a pod.', {
    name: req(str('Name is the name of the operating system. The currently supported values are linux and windows.')),
  }),
  def(C('PodReadinessGate'), 'PodReadinessGate contains the reference to a pod condition', {
    conditionType: req(str("ConditionType refers to a condition in the pod's condition list with matching type.")),
  }),
  def(C('PodSchedulingGate'), 'PodSchedulingGate is associated to a Pod to guard its scheduling.', {
    name: req(str('Name of the scheduling gate. Each scheduling gate must have a unique name field.')),
  }),
  def(C('PodResourceClaim'), 'PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.', {
    name: req(str('Name uniquely identifies this resource claim inside the pod. This must be a DNS_LABEL.')),
    resourceClaimName: str('ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.'),
    resourceClaimTemplateName: str('ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.'),
  }),
  def(C('PodDNSConfig'), 'PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.', {
    nameservers: strList('A list of DNS name server IP addresses. This will be appended to the base nameservers generated from DNSPolicy.', atomicList),
    options: refList(C('PodDNSConfigOption'), 'A list of DNS resolver options. This will be merged with the base options generated from DNSPolicy.', atomicList),
    searches: strList('A list of DNS search domains for host-name lookup. This will be appended to the base search paths generated from DNSPolicy.', atomicList),
  }),
  def(C('PodDNSConfigOption'), 'PodDNSConfigOption defines DNS resolver options of a pod.', {
    name: str('Name is this DNS resolver option\'s name. Required.'),
    value: str("Value is this DNS resolver option's value."),
  }),
  def(C('PodSecurityContext'), 'PodSecurityContext holds pod-level security attributes and common container settings.', {
    appArmorProfile: ref(C('AppArmorProfile'), 'appArmorProfile is the AppArmor options to use by the containers in this pod.'),
    fsGroup: int64('A special supplemental group that applies to all containers in a pod.'),
    fsGroupChangePolicy: str('fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod.'),
    runAsGroup: int64('The GID to run the entrypoint of the container process. Uses runtime default if unset.'),
    runAsNonRoot: bool('Indicates that the container must run as a non-root user.'),
    runAsUser: int64('The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified.'),
    seLinuxChangePolicy: str('seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod.'),
    seLinuxOptions: ref(C('SELinuxOptions'), 'The SELinux context to be applied to all containers.'),
    seccompProfile: ref(C('SeccompProfile'), 'The seccomp options to use by the containers in this pod.'),
    supplementalGroups: int64List('A list of groups applied to the first process run in each container, in addition to the container\'s primary GID and fsGroup (if specified).'),
    supplementalGroupsPolicy: str('Defines how supplemental groups of the first container processes are calculated. Valid values are "Merge" and "Strict".'),
    sysctls: refList(C('Sysctl'), 'Sysctls hold a list of namespaced sysctls used for the pod.', atomicList),
    windowsOptions: ref(C('WindowsSecurityContextOptions'), 'The Windows specific settings applied to all containers.'),
  }),
  def(C('Sysctl'), 'Sysctl defines a kernel parameter to be set', {
    name: req(str('Name of a property to set')),
    value: req(str('Value of a property to set')),
  }),
  def(C('Toleration'), 'The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.', {
    effect: str('Effect indicates the taint effect to match. Empty means match all taint effects. When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute.'),
    key: str('Key is the taint key that the toleration applies to. Empty means match all taint keys. If the key is empty, operator must be Exists; this combination means to match all values and all keys.'),
    operator: str("Operator represents a key's relationship to the value. Valid operators are Exists and Equal. Defaults to Equal."),
    tolerationSeconds: int64('TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint.'),
    value: str('Value is the taint value the toleration matches to. If the operator is Exists, the value should be empty, otherwise just a regular string.'),
  }),
  def(C('TopologySpreadConstraint'), 'TopologySpreadConstraint specifies how to spread matching pods among the given topology.', {
    labelSelector: ref(meta('LabelSelector'), 'LabelSelector is used to find matching pods. Pods that match this label selector are counted to determine the number of pods in their corresponding topology domain.'),
    matchLabelKeys: strList('MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated.', atomicList),
    maxSkew: req(int32('MaxSkew describes the degree to which pods may be unevenly distributed.')),
    minDomains: int32('MinDomains indicates a minimum number of eligible domains.'),
    nodeAffinityPolicy: str("NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew. Options are: Honor, Ignore."),
    nodeTaintsPolicy: str('NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew. Options are: Honor, Ignore.'),
    topologyKey: req(str('TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology.')),
    whenUnsatisfiable: req(str("WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint. DoNotSchedule (default) or ScheduleAnyway.")),
  }),
];


const affinity: Definition[] = [
  def(C('Affinity'), 'Affinity is a group of affinity scheduling rules.', {
    nodeAffinity: ref(C('NodeAffinity'), 'Describes node affinity scheduling rules for the pod.'),
    podAffinity: ref(C('PodAffinity'), 'Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).'),
    podAntiAffinity: ref(C('PodAntiAffinity'), 'Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).'),
  }),
  def(C('NodeAffinity'), 'Node affinity is a group of node affinity scheduling rules.', {
    preferredDuringSchedulingIgnoredDuringExecution: refList(C('PreferredSchedulingTerm'), 'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions.', atomicList),
    requiredDuringSchedulingIgnoredDuringExecution: ref(C('NodeSelector'), 'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.'),
  }),
  def(C('NodeSelector'), 'A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.', {
    nodeSelectorTerms: req(refList(C('NodeSelectorTerm'), 'Required. A list of node selector terms. The terms are ORed.', atomicList)),
  }, { atomic: true }),
  def(C('NodeSelectorTerm'), 'A null or empty node selector term matches no objects. The requirements of them are ANDed.', {
    matchExpressions: refList(C('NodeSelectorRequirement'), "A list of node selector requirements by node's labels.", atomicList),
    matchFields: refList(C('NodeSelectorRequirement'), "A list of node selector requirements by node's fields.", atomicList),
  }, { atomic: true }),
  def(C('NodeSelectorRequirement'), 'A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.', {
    key: req(str('The label key that the selector applies to.')),
    operator: req(str("Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.")),
    values: strList('An array of string values. If the operator is In or NotIn, the values array must be non-empty.', atomicList),
  }),
  def(C('PreferredSchedulingTerm'), "An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it's a no-op).", {
    preference: req(ref(C('NodeSelectorTerm'), 'A node selector term, associated with the corresponding weight.')),
    weight: req(int32('Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.')),
  }),
  ...(['PodAffinity', 'PodAntiAffinity'] as const).map((n) =>
    def(C(n), n === 'PodAffinity' ? 'Pod affinity is a group of inter pod affinity scheduling rules.' : 'Pod anti affinity is a group of inter pod anti affinity scheduling rules.', {
      preferredDuringSchedulingIgnoredDuringExecution: refList(C('WeightedPodAffinityTerm'), 'The scheduler will prefer to schedule pods to nodes that satisfy the expressions specified by this field, but it may choose a node that violates one or more of the expressions.', atomicList),
      requiredDuringSchedulingIgnoredDuringExecution: refList(C('PodAffinityTerm'), 'If the requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.', atomicList),
    }),
  ),
  def(C('PodAffinityTerm'), 'Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with.', {
    labelSelector: ref(meta('LabelSelector'), 'A label query over a set of resources, in this case pods.'),
    matchLabelKeys: strList('MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.', atomicList),
    mismatchLabelKeys: strList('MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.', atomicList),
    namespaceSelector: ref(meta('LabelSelector'), "A label query over the set of namespaces that the term applies to."),
    namespaces: strList('namespaces specifies a static list of namespace names that the term applies to.', atomicList),
    topologyKey: req(str('This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running.')),
  }),
  def(C('WeightedPodAffinityTerm'), 'The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s)', {
    podAffinityTerm: req(ref(C('PodAffinityTerm'), 'Required. A pod affinity term, associated with the corresponding weight.')),
    weight: req(int32('weight associated with matching the corresponding podAffinityTerm, in the range 1-100.')),
  }),
];

const podStatus = def(
  C('PodStatus'),
  'PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.',
  {
    conditions: refList(C('PodCondition'), 'Current service state of pod. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions', keyed('type')),
    containerStatuses: refList(C('ContainerStatus'), 'The list has one entry per container in the manifest. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-and-container-status', atomicList),
    ephemeralContainerStatuses: refList(C('ContainerStatus'), 'Statuses for any ephemeral containers that have run in this pod.', atomicList),
    hostIP: str('hostIP holds the IP address of the host to which the pod is assigned. Empty if the pod has not started yet.'),
    hostIPs: refList(C('HostIP'), 'hostIPs holds the IP addresses allocated to the host.', { ...smpKeyed('ip'), listType: 'atomic' }),
    initContainerStatuses: refList(C('ContainerStatus'), 'The list has one entry per init container in the manifest. The most recent successful init container will have ready = true, the most recently started container will have startTime set.', atomicList),
    message: str('A human readable message indicating details about why the pod is in this condition.'),
    nominatedNodeName: str('nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.'),
    phase: str("The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle. One of Pending, Running, Succeeded, Failed, Unknown."),
    podIP: str('podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
    podIPs: refList(C('PodIP'), 'podIPs holds the IP addresses allocated to the pod.', { ...smpKeyed('ip'), listType: 'atomic' }),
    qosClass: str('The Quality of Service (QOS) classification assigned to the pod based on resource requirements. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#quality-of-service-classes'),
    reason: str("A brief CamelCase message indicating details about why the pod is in this state. e.g. 'Evicted'"),
    resize: str('Status of resources resize desired for pod\'s containers. It is empty if no resources resize is pending.'),
    resourceClaimStatuses: refList(C('PodResourceClaimStatus'), 'Status of resource claims.', keyed('name', ['name'], 'merge,retainKeys')),
    startTime: time('RFC 3339 date and time at which the object was acknowledged by the Kubelet. This is before the Kubelet pulled the container image(s) for the pod.'),
  },
);

const statusParts: Definition[] = [
  def(C('PodCondition'), 'PodCondition contains details for the current condition of this pod.', {
    lastProbeTime: time('Last time we probed the condition.'),
    lastTransitionTime: time('Last time the condition transitioned from one status to another.'),
    message: str('Human-readable message indicating details about last transition.'),
    reason: str("Unique, one-word, CamelCase reason for the condition's last transition."),
    status: req(str('Status is the status of the condition. Can be True, False, Unknown.')),
    type: req(str('Type is the type of the condition.')),
  }),
  def(C('PodIP'), 'PodIP represents a single IP address allocated to the pod.', { ip: req(str('IP is the IP address assigned to the pod')) }),
  def(C('HostIP'), 'HostIP represents a single IP address allocated to the host.', { ip: req(str('IP is the IP address assigned to the host')) }),
  def(C('PodResourceClaimStatus'), 'PodResourceClaimStatus is stored in the PodStatus for each PodResourceClaim which references a ResourceClaimTemplate.', {
    name: req(str('Name uniquely identifies this resource claim inside the pod.')),
    resourceClaimName: str('ResourceClaimName is the name of the ResourceClaim that was generated for the Pod in the namespace of the Pod.'),
  }),
  def(C('ContainerStatus'), 'ContainerStatus contains details for the current status of this container.', {
    allocatedResources: quantityMap('AllocatedResources represents the compute resources allocated for this container by the node.'),
    allocatedResourcesStatus: refList(C('ResourceStatus'), 'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.', keyed('name')),
    containerID: str("ContainerID is the ID of the container in the format '<type>://<container_id>'."),
    image: req(str('Image is the name of container image that the container is running.')),
    imageID: req(str("ImageID is the image ID of the container's image.")),
    lastState: ref(C('ContainerState'), "LastTerminationState holds the last termination state of the container to help debug container crashes and restarts."),
    name: req(str('Name is a DNS_LABEL representing the unique name of the container.')),
    ready: req(bool('Ready specifies whether the container is currently passing its readiness check.')),
    resources: ref(C('ResourceRequirements'), 'Resources represents the compute resource requests and limits that have been successfully enacted on the running container after it has been started or has been successfully resized.'),
    restartCount: req(int32('RestartCount holds the number of times the container has been restarted.')),
    started: bool('Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe.'),
    state: ref(C('ContainerState'), "State holds details about the container's current condition."),
    stopSignal: str('StopSignal reports the effective stop signal for this container'),
    user: ref(C('ContainerUser'), 'User represents user identity information initially attached to the first process of the container'),
    volumeMounts: refList(C('VolumeMountStatus'), 'Status of volume mounts.', keyed('mountPath')),
  }),
  def(C('ResourceStatus'), 'ResourceStatus represents the status of a single resource allocated to a Pod.', {
    name: req(str('Name of the resource. Must be unique within the pod and in case of non-DRA resource, match one of the resources from the pod spec.')),
    resources: refList(C('ResourceHealth'), 'List of unique resources health.', mapList('resourceID')),
  }),
  def(C('ResourceHealth'), 'ResourceHealth represents the health of a resource.', {
    health: str('Health of the resource. can be one of: Healthy, Unhealthy, Unknown.'),
    resourceID: req(str('ResourceID is the unique identifier of the resource.')),
  }),
  def(C('ContainerUser'), 'ContainerUser represents user identity information', {
    linux: ref(C('LinuxContainerUser'), 'Linux holds user identity information initially attached to the first process of the containers in Linux.'),
  }),
  def(C('LinuxContainerUser'), 'LinuxContainerUser represents user identity information in Linux containers', {
    gid: req(int64('GID is the primary gid initially attached to the first process in the container')),
    supplementalGroups: int64List('SupplementalGroups are the supplemental groups initially attached to the first process in the container'),
    uid: req(int64('UID is the primary uid initially attached to the first process in the container')),
  }),
  def(C('VolumeMountStatus'), 'VolumeMountStatus shows status of volume mounts.', {
    mountPath: req(str('MountPath corresponds to the original VolumeMount.')),
    name: req(str('Name corresponds to the name of the original VolumeMount.')),
    readOnly: bool('ReadOnly corresponds to the original VolumeMount.'),
    recursiveReadOnly: str('RecursiveReadOnly must be set to Disabled, Enabled, or unspecified (for non-readonly mounts).'),
  }),
  def(C('ContainerState'), 'ContainerState holds a possible state of container. Only one of its members may be specified. If none of them is specified, the default one is ContainerStateWaiting.', {
    running: ref(C('ContainerStateRunning'), 'Details about a running container'),
    terminated: ref(C('ContainerStateTerminated'), 'Details about a terminated container'),
    waiting: ref(C('ContainerStateWaiting'), 'Details about a waiting container'),
  }),
  def(C('ContainerStateRunning'), 'ContainerStateRunning is a running state of a container.', {
    startedAt: time('Time at which the container was last (re-)started'),
  }),
  def(C('ContainerStateWaiting'), 'ContainerStateWaiting is a waiting state of a container.', {
    message: str('Message regarding why the container is not yet running.'),
    reason: str('(brief) reason the container is not yet running.'),
  }),
  def(C('ContainerStateTerminated'), 'ContainerStateTerminated is a terminated state of a container.', {
    containerID: str("Container's ID in the format '<type>://<container_id>'"),
    exitCode: req(int32('Exit status from the last termination of the container')),
    finishedAt: time('Time at which the container last terminated'),
    message: str('Message regarding the last termination of the container'),
    reason: str('(brief) reason from the last termination of the container'),
    signal: int32('Signal from the last termination of the container'),
    startedAt: time('Time at which previous execution of the container started'),
  }),
];


const POD = { ...V1, kind: 'Pod' };
const pod = kind(
  C('Pod'),
  POD,
  'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
  {
    spec: ref(C('PodSpec'), SPEC_DOC('pod')),
    status: ref(C('PodStatus'), STATUS_DOC('pod')),
  },
);

const podTemplateSpec = def(C('PodTemplateSpec'), 'PodTemplateSpec describes the data a pod should have when created from a template', {
  metadata: ref(meta('ObjectMeta'), OBJECT_META_DOC),
  spec: ref(C('PodSpec'), SPEC_DOC('pod')),
});

const binding = kind(
  C('Binding'),
  { ...V1, kind: 'Binding' },
  'Binding ties one object to another; for example, a pod is bound to a node by a scheduler.',
  { target: req(ref(C('ObjectReference'), 'The target object that you want to bind to the standard object.')) },
);

export const POD_DEFINITIONS: readonly Definition[] = [
  pod,
  listKind(C('Pod'), POD),
  podSpec,
  podStatus,
  podTemplateSpec,
  binding,
  ...small,
  ...affinity,
  ...statusParts,
];
