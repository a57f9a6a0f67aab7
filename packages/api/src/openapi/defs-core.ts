// core/v1 kinds other than Pod: Namespace, Node, Service, Endpoints, ConfigMap, Secret,
// ServiceAccount, Event, and the small shared references.
import {
  atomicList,
  bool,
  core,
  def,
  f,
  int32,
  keyed,
  kind,
  listKind,
  mergedSet,
  meta,
  microTime,
  open,
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
  T,
  time,
  type Definition,
} from './dsl.js';
import type { GroupVersionKind } from '../resources/types.js';

const C = core;
const gvk = (k: string): GroupVersionKind => ({ group: '', version: 'v1', kind: k });

/** A kind and its list. */
const withList = (d: Definition): Definition[] => [d, listKind(d.name, d.gvk?.[0] ?? gvk(''))];

const namespace = withList(
  kind(C('Namespace'), gvk('Namespace'), 'Namespace provides a scope for Names. Use of multiple namespaces is optional.', {
    spec: ref(C('NamespaceSpec'), SPEC_DOC('Namespace')),
    status: ref(C('NamespaceStatus'), STATUS_DOC('Namespace')),
  }),
);

const namespaceParts = [
  def(C('NamespaceSpec'), 'NamespaceSpec describes the attributes on a Namespace.', {
    finalizers: strList('Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/', atomicList),
  }),
  def(C('NamespaceStatus'), 'NamespaceStatus is information about the current status of a Namespace.', {
    conditions: refList(C('NamespaceCondition'), "Represents the latest available observations of a namespace's current state.", keyed('type')),
    phase: str('Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/'),
  }),
  def(C('NamespaceCondition'), 'NamespaceCondition contains details about state of namespace.', conditionFields('namespace')),
];

function conditionFields(what: string, probe = false): Record<string, ReturnType<typeof str>> {
  return {
    ...(probe ? { lastHeartbeatTime: time('Last time we got an update on a given condition.') } : {}),
    lastTransitionTime: time('Last time the condition transitioned from one status to another.'),
    message: str('Human readable message indicating details about last transition.'),
    reason: str("Unique, one-word, CamelCase reason for the condition's last transition."),
    status: req(str('Status of the condition, one of True, False, Unknown.')),
    type: req(str(`Type of ${what} condition.`)),
  };
}

const node = withList(
  kind(C('Node'), gvk('Node'), 'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).', {
    spec: ref(C('NodeSpec'), SPEC_DOC('node')),
    status: ref(C('NodeStatus'), STATUS_DOC('node')),
  }),
);

const nodeParts = [
  def(C('NodeSpec'), 'NodeSpec describes the attributes that a node is created with.', {
    configSource: open('Deprecated: Previously used to specify the source of the node\'s configuration for the DynamicKubeletConfig feature. This feature is removed.'),
    externalID: str('Deprecated. Not all kubelets will set this field. Remove field after 1.13.'),
    podCIDR: str('PodCIDR represents the pod IP range assigned to the node.'),
    podCIDRs: strList('podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node.', mergedSet),
    providerID: str('ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>'),
    taints: refList(C('Taint'), "If specified, the node's taints.", atomicList),
    unschedulable: bool('Unschedulable controls node schedulability of new pods. By default, node is schedulable. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration'),
  }),
  def(C('Taint'), 'The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.', {
    effect: req(str('Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.')),
    key: req(str('Required. The taint key to be applied to a node.')),
    timeAdded: time('TimeAdded represents the time at which the taint was added.'),
    value: str('The taint value corresponding to the taint key.'),
  }),
  def(C('NodeStatus'), 'NodeStatus is information about the current status of a node.', {
    addresses: refList(C('NodeAddress'), 'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses', { ...smpKeyed('type'), listType: 'atomic' }),
    allocatable: quantityMap('Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity.'),
    capacity: quantityMap('Capacity represents the total resources of a node. More info: https://kubernetes.io/docs/reference/node/node-status/#capacity'),
    conditions: refList(C('NodeCondition'), 'Conditions is an array of current observed node conditions. More info: https://kubernetes.io/docs/reference/node/node-status/#condition', keyed('type')),
    config: open('Status of the config assigned to the node via the dynamic Kubelet config feature.'),
    daemonEndpoints: ref(C('NodeDaemonEndpoints'), 'Endpoints of daemons running on the Node.'),
    features: open('Features describes the set of features implemented by the CRI implementation.'),
    images: refList(C('ContainerImage'), 'List of container images on this node', atomicList),
    nodeInfo: ref(C('NodeSystemInfo'), 'Set of ids/uuids to uniquely identify the node. More info: https://kubernetes.io/docs/reference/node/node-status/#info'),
    phase: str('NodePhase is the recently observed lifecycle phase of the node. The field is never populated, and now is deprecated.'),
    runtimeHandlers: refList(C('NodeRuntimeHandler'), 'The available runtime handlers.', atomicList),
    volumesAttached: open('List of volumes that are attached to the node.'),
    volumesInUse: strList('List of attachable volumes in use (mounted) by the node.', atomicList),
  }),
  def(C('NodeAddress'), "NodeAddress contains information for the node's address.", {
    address: req(str('The node address.')),
    type: req(str('Node address type, one of Hostname, ExternalIP or InternalIP.')),
  }),
  def(C('NodeCondition'), 'NodeCondition contains condition information for a node.', conditionFields('node', true)),
  def(C('NodeDaemonEndpoints'), 'NodeDaemonEndpoints lists ports opened by daemons running on the Node.', {
    kubeletEndpoint: ref(C('DaemonEndpoint'), 'Endpoint on which Kubelet is listening.'),
  }),
  def(C('DaemonEndpoint'), 'DaemonEndpoint contains information about a single Daemon endpoint.', {
    Port: req(int32('Port number of the given endpoint.')),
  }),
  def(C('ContainerImage'), 'Describe a container image', {
    names: strList('Names by which this image is known. e.g. ["kubernetes.example/hyperkube:v1.0.7", "cloud-vendor.registry.example/cloud-vendor/hyperkube:v1.0.7"]', atomicList),
    sizeBytes: f(T.int64, 'The size of the image in bytes.'),
  }),
  def(C('NodeRuntimeHandler'), 'NodeRuntimeHandler is a set of runtime handler information.', {
    features: open('Supported features.'),
    name: str('Runtime handler name. Empty for the default runtime handler.'),
  }),
  def(C('NodeSystemInfo'), 'NodeSystemInfo is a set of ids/uuids to uniquely identify the node.', {
    architecture: req(str('The Architecture reported by the node')),
    bootID: req(str('Boot ID reported by the node.')),
    containerRuntimeVersion: req(str('ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).')),
    kernelVersion: req(str("Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).")),
    kubeProxyVersion: req(str('Deprecated: KubeProxy Version reported by the node.')),
    kubeletVersion: req(str('Kubelet Version reported by the node.')),
    machineID: req(str('MachineID reported by the node. For unique machine identification in the cluster this field is preferred.')),
    operatingSystem: req(str('The Operating System reported by the node')),
    osImage: req(str('OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).')),
    swap: open('Swap Info reported by the node.'),
    systemUUID: req(str('SystemUUID reported by the node. For unique machine identification MachineID is preferred.')),
  }),
];

const service = withList(
  kind(C('Service'), gvk('Service'), 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.', {
    spec: ref(C('ServiceSpec'), SPEC_DOC('service')),
    status: ref(C('ServiceStatus'), STATUS_DOC('service')),
  }),
);

const serviceParts = [
  def(C('ServiceSpec'), 'ServiceSpec describes the attributes that a user creates on a service.', {
    allocateLoadBalancerNodePorts: bool('allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer.'),
    clusterIP: str('clusterIP is the IP address of the service and is usually assigned randomly. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
    clusterIPs: strList('ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.', atomicList),
    externalIPs: strList('externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.', atomicList),
    externalName: str('externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record).'),
    externalTrafficPolicy: str("externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's \"externally-facing\" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs)."),
    healthCheckNodePort: int32('healthCheckNodePort specifies the healthcheck nodePort for the service.'),
    internalTrafficPolicy: str('InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP.'),
    ipFamilies: strList('IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service.', atomicList),
    ipFamilyPolicy: str('IPFamilyPolicy represents the dual-stack-ness requested or required by this Service.'),
    loadBalancerClass: str('loadBalancerClass is the class of the load balancer implementation this Service belongs to.'),
    loadBalancerIP: str('Only applies to Service Type: LoadBalancer. This feature depends on whether the underlying cloud-provider supports specifying the loadBalancerIP when a load balancer is created.'),
    loadBalancerSourceRanges: strList('If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs.', atomicList),
    ports: refList(C('ServicePort'), 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies', keyed('port', ['port', 'protocol'])),
    publishNotReadyAddresses: bool("publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready."),
    selector: strMap('Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.'),
    sessionAffinity: str('Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None.'),
    sessionAffinityConfig: ref(C('SessionAffinityConfig'), 'sessionAffinityConfig contains the configurations of session affinity.'),
    trafficDistribution: str('TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints.'),
    type: str('type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
  }),
  def(C('ServicePort'), "ServicePort contains information on service's port.", {
    appProtocol: str('The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand.'),
    name: str('The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names.'),
    nodePort: int32('The port on each node on which this service is exposed when type is NodePort or LoadBalancer. Usually assigned by the system.'),
    port: req(int32('The port that will be exposed by this service.')),
    protocol: str('The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.'),
    targetPort: f(T.ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'), "Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME."),
  }),
  def(C('SessionAffinityConfig'), 'SessionAffinityConfig represents the configurations of session affinity.', {
    clientIP: ref(C('ClientIPConfig'), 'clientIP contains the configurations of Client IP based session affinity.'),
  }),
  def(C('ClientIPConfig'), 'ClientIPConfig represents the configurations of Client IP based session affinity.', {
    timeoutSeconds: int32('timeoutSeconds specifies the seconds of ClientIP type session sticky time. The value must be >0 && <=86400(for 1 day) if ServiceAffinity == "ClientIP". Default value is 10800(for 3 hours).'),
  }),
  def(C('ServiceStatus'), 'ServiceStatus represents the current status of a service.', {
    conditions: refList(meta('Condition'), 'Current service state', keyed('type')),
    loadBalancer: ref(C('LoadBalancerStatus'), 'LoadBalancer contains the current status of the load-balancer, if one is present.'),
  }),
  def(C('LoadBalancerStatus'), 'LoadBalancerStatus represents the status of a load-balancer.', {
    ingress: refList(C('LoadBalancerIngress'), 'Ingress is a list containing ingress points for the load-balancer.', atomicList),
  }),
  def(C('LoadBalancerIngress'), 'LoadBalancerIngress represents the status of a load-balancer ingress point.', {
    hostname: str('Hostname is set for load-balancer ingress points that are DNS based (typically AWS load-balancers)'),
    ip: str('IP is set for load-balancer ingress points that are IP based (typically GCE or OpenStack load-balancers)'),
    ipMode: str('IPMode specifies how the load-balancer IP behaves, and may only be specified when the ip field is specified.'),
    ports: refList(C('PortStatus'), 'Ports is a list of records of service ports If used, every port defined in the service should have an entry in it', atomicList),
  }),
  def(C('PortStatus'), 'PortStatus represents the error condition of a service port', {
    error: str('Error is to record the problem with the service port.'),
    port: req(int32('Port is the port number of the service port of which status is recorded here')),
    protocol: req(str('Protocol is the protocol of the service port of which status is recorded here')),
  }),
];

const endpoints = withList(
  kind(C('Endpoints'), gvk('Endpoints'), 'Endpoints is a collection of endpoints that implement the actual service.', {
    subsets: refList(C('EndpointSubset'), 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share.', atomicList),
  }),
);

const endpointParts = [
  def(C('EndpointSubset'), 'EndpointSubset is a group of addresses with a common set of ports.', {
    addresses: refList(C('EndpointAddress'), 'IP addresses which offer the related ports that are marked as ready.', atomicList),
    notReadyAddresses: refList(C('EndpointAddress'), 'IP addresses which offer the related ports but are not currently marked as ready because they have not yet finished starting, have recently failed a readiness check, or have recently failed a liveness check.', atomicList),
    ports: refList(C('EndpointPort'), 'Port numbers available on the related IP addresses.', atomicList),
  }),
  def(C('EndpointAddress'), 'EndpointAddress is a tuple that describes single IP address.', {
    hostname: str('The Hostname of this endpoint'),
    ip: req(str('The IP of this endpoint. May not be loopback (127.0.0.0/8 or ::1), link-local (169.254.0.0/16 or fe80::/10), or link-local multicast (224.0.0.0/24 or ff02::/16).')),
    nodeName: str('Optional: Node hosting this endpoint. This can be used to determine endpoints local to a node.'),
    targetRef: ref(C('ObjectReference'), 'Reference to object providing the endpoint.'),
  }, { atomic: true }),
  def(C('EndpointPort'), 'EndpointPort is a tuple that describes a single port.', {
    appProtocol: str('The application protocol for this port.'),
    name: str("The name of this port.  This must match the 'name' field in the corresponding ServicePort. Must be a DNS_LABEL. Optional only if one port is defined."),
    port: req(int32('The port number of the endpoint.')),
    protocol: str('The IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.'),
  }, { atomic: true }),
  def(C('ObjectReference'), 'ObjectReference contains enough information to let you inspect or modify the referred object.', {
    apiVersion: str('API version of the referent.'),
    fieldPath: str('If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].'),
    kind: str('Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds'),
    name: str('Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names'),
    namespace: str('Namespace of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'),
    resourceVersion: str('Specific resourceVersion to which this reference is made, if any.'),
    uid: str('UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids'),
  }, { atomic: true }),
];

const configMap = withList(
  kind(C('ConfigMap'), gvk('ConfigMap'), 'ConfigMap holds configuration data for pods to consume.', {
    binaryData: f(T.map(T.bytes), 'BinaryData contains the binary data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'.'),
    data: strMap("Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'."),
    immutable: bool('Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified).'),
  }),
);

const secret = withList(
  kind(C('Secret'), gvk('Secret'), 'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.', {
    data: f(T.map(T.bytes), "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string."),
    immutable: bool('Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified).'),
    stringData: strMap('stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience.'),
    type: str('Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
  }),
);

const serviceAccount = withList(
  kind(C('ServiceAccount'), gvk('ServiceAccount'), 'ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets', {
    automountServiceAccountToken: bool('AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted.'),
    imagePullSecrets: refList(C('LocalObjectReference'), 'ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount.', atomicList),
    secrets: refList(C('ObjectReference'), 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.', smpKeyed('name')),
  }),
);

const event = withList(
  kind(C('Event'), gvk('Event'), 'Event is a report of an event somewhere in the cluster.', {
    action: str('What action was taken/failed regarding to the Regarding object.'),
    count: int32('The number of times this event has occurred.'),
    eventTime: microTime('Time when this Event was first observed.'),
    firstTimestamp: time('The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
    involvedObject: req(ref(C('ObjectReference'), 'The object that this event is about.')),
    lastTimestamp: time('The time at which the most recent occurrence of this event was recorded.'),
    message: str('A human-readable description of the status of this operation.'),
    reason: str("This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    related: ref(C('ObjectReference'), 'Optional secondary object for more complex actions.'),
    reportingComponent: str('Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.'),
    reportingInstance: str('ID of the controller instance, e.g. `kubelet-xyzf`.'),
    series: ref(C('EventSeries'), 'Data about the Event series this event represents or nil if it\'s a singleton Event.'),
    source: ref(C('EventSource'), 'The component reporting this event. Should be a short machine understandable string.'),
    type: str('Type of this event (Normal, Warning), new types could be added in the future'),
  }),
);

const eventParts = [
  def(C('EventSeries'), 'EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.', {
    count: int32('Number of occurrences in this series up to the last heartbeat time'),
    lastObservedTime: microTime('Time of the last occurrence observed'),
  }),
  def(C('EventSource'), 'EventSource contains information for an event.', {
    component: str('Component from which the event is generated.'),
    host: str('Node name on which the event is generated.'),
  }),
];

export const CORE_DEFINITIONS: readonly Definition[] = [
  ...namespace,
  ...namespaceParts,
  ...node,
  ...nodeParts,
  ...service,
  ...serviceParts,
  ...endpoints,
  ...endpointParts,
  ...configMap,
  ...secret,
  ...serviceAccount,
  ...event,
  ...eventParts,
];

