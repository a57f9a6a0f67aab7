// core/v1 Container and what hangs off it: ports, env, mounts, resources, probes, lifecycle,
// security context.
import {
  atomicList,
  bool,
  core,
  def,
  int32,
  int64,
  intOrString,
  keyed,
  quantity,
  quantityMap,
  ref,
  refList,
  req,
  str,
  strList,
  type Definition,
  type Field,
} from './dsl.js';

const C = core;

/** The fields Container and EphemeralContainer share. */
function containerFields(ephemeral: boolean): Record<string, Field> {
  const fields: Record<string, Field> = {
    args: strList(
      "Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell",
      atomicList,
    ),
    command: strList(
      "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell",
      atomicList,
    ),
    env: refList(C('EnvVar'), 'List of environment variables to set in the container. Cannot be updated.', keyed('name')),
    envFrom: refList(
      C('EnvFromSource'),
      'List of sources to populate environment variables in the container. The keys defined within a source must be a C_IDENTIFIER. Cannot be updated.',
      atomicList,
    ),
    image: str(
      'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
    ),
    imagePullPolicy: str(
      'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images',
    ),
    lifecycle: ref(C('Lifecycle'), 'Actions that the management system should take in response to container lifecycle events. Cannot be updated.'),
    livenessProbe: ref(
      C('Probe'),
      'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
    ),
    name: req(
      str('Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.'),
    ),
    ports: refList(
      C('ContainerPort'),
      'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Cannot be updated.',
      keyed('containerPort', ['containerPort', 'protocol']),
    ),
    readinessProbe: ref(
      C('Probe'),
      'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
    ),
    resizePolicy: refList(C('ContainerResizePolicy'), 'Resources resize policy for the container.', atomicList),
    resources: ref(
      C('ResourceRequirements'),
      'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    ),
    restartPolicy: str(
      'RestartPolicy defines the restart behavior of individual containers in a pod. This field may only be set for init containers, and the only allowed value is "Always".',
    ),
    securityContext: ref(
      C('SecurityContext'),
      'SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ),
    startupProbe: ref(
      C('Probe'),
      'StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
    ),
    stdin: bool('Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.'),
    stdinOnce: bool(
      'Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. Default is false',
    ),
    terminationMessagePath: str(
      "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Defaults to /dev/termination-log. Cannot be updated.",
    ),
    terminationMessagePolicy: str(
      'Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. Defaults to File. Cannot be updated.',
    ),
    tty: bool("Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false."),
    volumeDevices: refList(C('VolumeDevice'), 'volumeDevices is the list of block devices to be used by the container.', keyed('devicePath')),
    volumeMounts: refList(C('VolumeMount'), "Pod volumes to mount into the container's filesystem. Cannot be updated.", keyed('mountPath')),
    workingDir: str("Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated."),
  };
  if (ephemeral) {
    fields.targetContainerName = str(
      'If set, the name of the container from PodSpec that this ephemeral container targets. The ephemeral container will be run in the namespaces (IPC, PID, etc) of this container.',
    );
  }
  return fields;
}

const container = def(C('Container'), 'A single application container that you want to run within a pod.', containerFields(false));
const ephemeralContainer = def(
  C('EphemeralContainer'),
  'An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging.',
  containerFields(true),
);

const containerPort = def(C('ContainerPort'), 'ContainerPort represents a network port in a single container.', {
  containerPort: req(int32("Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.")),
  hostIP: str('What host IP to bind the external port to.'),
  hostPort: int32('Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.'),
  name: str('If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.'),
  protocol: str('Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".'),
});

const envVar = def(C('EnvVar'), 'EnvVar represents an environment variable present in a Container.', {
  name: req(str('Name of the environment variable. Must be a C_IDENTIFIER.')),
  value: str(
    'Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Defaults to "".',
  ),
  valueFrom: ref(C('EnvVarSource'), "Source for the environment variable's value. Cannot be used if value is not empty."),
});

const envVarSource = def(C('EnvVarSource'), 'EnvVarSource represents a source for the value of an EnvVar.', {
  configMapKeyRef: ref(C('ConfigMapKeySelector'), 'Selects a key of a ConfigMap.'),
  fieldRef: ref(
    C('ObjectFieldSelector'),
    "Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.",
  ),
  resourceFieldRef: ref(
    C('ResourceFieldSelector'),
    'Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.',
  ),
  secretKeyRef: ref(C('SecretKeySelector'), "Selects a key of a secret in the pod's namespace"),
});

const LOCAL_NAME_DOC =
  'Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names';

const keySelector = (name: string, what: string): Definition =>
  def(
    C(name),
    `Selects a key from a ${what}.`,
    {
      key: req(str(`The key of the ${what.replace(/^a /, '')} to select from.  Must be a valid secret key.`)),
      name: str(LOCAL_NAME_DOC),
      optional: bool(`Specify whether the ${what.replace(/^a /, '')} or its key must be defined`),
    },
    { atomic: true },
  );

const envSource = (name: string, what: string): Definition =>
  def(
    C(name),
    `${name} selects a ${what} to populate the environment variables with.`,
    { name: str(LOCAL_NAME_DOC), optional: bool(`Specify whether the ${what} must be defined`) },
  );

const envFromSource = def(C('EnvFromSource'), 'EnvFromSource represents the source of a set of ConfigMaps or Secrets', {
  configMapRef: ref(C('ConfigMapEnvSource'), 'The ConfigMap to select from'),
  prefix: str('Optional text to prepend to the name of each environment variable. Must be a C_IDENTIFIER.'),
  secretRef: ref(C('SecretEnvSource'), 'The Secret to select from'),
});

const objectFieldSelector = def(
  C('ObjectFieldSelector'),
  'ObjectFieldSelector selects an APIVersioned field of an object.',
  {
    apiVersion: str('Version of the schema the FieldPath is written in terms of, defaults to "v1".'),
    fieldPath: req(str('Path of the field to select in the specified API version.')),
  },
  { atomic: true },
);

const resourceFieldSelector = def(
  C('ResourceFieldSelector'),
  'ResourceFieldSelector represents container resources (cpu, memory) and their output format',
  {
    containerName: str('Container name: required for volumes, optional for env vars'),
    divisor: quantity('Specifies the output format of the exposed resources, defaults to "1"'),
    resource: req(str('Required: resource to select')),
  },
  { atomic: true },
);

const volumeMount = def(C('VolumeMount'), 'VolumeMount describes a mounting of a Volume within a container.', {
  mountPath: req(str("Path within the container at which the volume should be mounted.  Must not contain ':'.")),
  mountPropagation: str('mountPropagation determines how mounts are propagated from the host to container and the other way around.'),
  name: req(str('This must match the Name of a Volume.')),
  readOnly: bool('Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.'),
  recursiveReadOnly: str('RecursiveReadOnly specifies whether read-only mounts should be handled recursively.'),
  subPath: str('Path within the volume from which the container\'s volume should be mounted. Defaults to "" (volume\'s root).'),
  subPathExpr: str("Expanded path within the volume from which the container's volume should be mounted."),
});

const volumeDevice = def(C('VolumeDevice'), 'volumeDevice describes a mapping of a raw block device within a container.', {
  devicePath: req(str('devicePath is the path inside of the container that the device will be mapped to.')),
  name: req(str('name must match the name of a persistentVolumeClaim in the pod')),
});

const resourceRequirements = def(C('ResourceRequirements'), 'ResourceRequirements describes the compute resource requirements.', {
  claims: refList(
    C('ResourceClaim'),
    'Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.',
    { listType: 'map', mapKeys: ['name'] },
  ),
  limits: quantityMap(
    'Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  ),
  requests: quantityMap(
    'Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  ),
});

const resourceClaim = def(C('ResourceClaim'), 'ResourceClaim references one entry in PodSpec.ResourceClaims.', {
  name: req(str('Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.')),
  request: str('Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.'),
});

const containerResizePolicy = def(C('ContainerResizePolicy'), 'ContainerResizePolicy represents resource resize policy for the container.', {
  resourceName: req(str('Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.')),
  restartPolicy: req(str('Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.')),
});

const handlerFields = {
  exec: ref(C('ExecAction'), 'Exec specifies a command to execute in the container.'),
  httpGet: ref(C('HTTPGetAction'), 'HTTPGet specifies an HTTP GET request to perform.'),
  tcpSocket: ref(C('TCPSocketAction'), 'TCPSocket specifies a connection to a TCP port.'),
};

const probe = def(
  C('Probe'),
  'Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.',
  {
    ...handlerFields,
    failureThreshold: int32('Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.'),
    grpc: ref(C('GRPCAction'), 'GRPC specifies a GRPC HealthCheckRequest.'),
    initialDelaySeconds: int32(
      'Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
    ),
    periodSeconds: int32('How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.'),
    successThreshold: int32(
      'Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.',
    ),
    terminationGracePeriodSeconds: int64(
      'Optional duration in seconds the pod needs to terminate gracefully upon probe failure. If this value is nil, the pod\'s terminationGracePeriodSeconds will be used.',
    ),
    timeoutSeconds: int32(
      'Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
    ),
  },
);

const execAction = def(C('ExecAction'), 'ExecAction describes a "run in container" action.', {
  command: strList(
    "Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell.",
    atomicList,
  ),
});

const httpGetAction = def(C('HTTPGetAction'), 'HTTPGetAction describes an action based on HTTP Get requests.', {
  host: str('Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.'),
  httpHeaders: refList(C('HTTPHeader'), 'Custom headers to set in the request. HTTP allows repeated headers.', atomicList),
  path: str('Path to access on the HTTP server.'),
  port: req(intOrString('Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.')),
  scheme: str('Scheme to use for connecting to the host. Defaults to HTTP.'),
});

const httpHeader = def(C('HTTPHeader'), 'HTTPHeader describes a custom header to be used in HTTP probes', {
  name: req(str('The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.')),
  value: req(str('The header field value')),
});

const tcpSocketAction = def(C('TCPSocketAction'), 'TCPSocketAction describes an action based on opening a socket', {
  host: str('Optional: Host name to connect to, defaults to the pod IP.'),
  port: req(intOrString('Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.')),
});

const grpcAction = def(C('GRPCAction'), 'GRPCAction specifies an action involving a GRPC service.', {
  port: req(int32('Port number of the gRPC service. Number must be in the range 1 to 65535.')),
  service: str('Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).'),
});

const lifecycle = def(
  C('Lifecycle'),
  'Lifecycle describes actions that the management system should take in response to container lifecycle events.',
  {
    postStart: ref(C('LifecycleHandler'), 'PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy.'),
    preStop: ref(C('LifecycleHandler'), 'PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc.'),
  },
);

const lifecycleHandler = def(C('LifecycleHandler'), 'LifecycleHandler defines a specific action that should be taken in a lifecycle hook.', {
  ...handlerFields,
  sleep: ref(C('SleepAction'), 'Sleep represents a duration that the container should sleep.'),
});

const sleepAction = def(C('SleepAction'), 'SleepAction describes a "sleep" action.', {
  seconds: req(int64('Seconds is the number of seconds to sleep.')),
});

const securityContext = def(
  C('SecurityContext'),
  'SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.',
  {
    allowPrivilegeEscalation: bool('AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process.'),
    appArmorProfile: ref(C('AppArmorProfile'), "appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile."),
    capabilities: ref(C('Capabilities'), 'The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime.'),
    privileged: bool('Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false.'),
    procMount: str('procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths.'),
    readOnlyRootFilesystem: bool('Whether this container has a read-only root filesystem. Default is false.'),
    runAsGroup: int64('The GID to run the entrypoint of the container process. Uses runtime default if unset.'),
    runAsNonRoot: bool('Indicates that the container must run as a non-root user.'),
    runAsUser: int64('The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified.'),
    seLinuxOptions: ref(C('SELinuxOptions'), 'The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.'),
    seccompProfile: ref(C('SeccompProfile'), "The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options."),
    windowsOptions: ref(C('WindowsSecurityContextOptions'), 'The Windows specific settings applied to all containers.'),
  },
);

const capabilities = def(C('Capabilities'), 'Adds and removes POSIX capabilities from running containers.', {
  add: strList('Added capabilities', atomicList),
  drop: strList('Removed capabilities', atomicList),
});

const seLinuxOptions = def(C('SELinuxOptions'), 'SELinuxOptions are the labels to be applied to the container', {
  level: str('Level is SELinux level label that applies to the container.'),
  role: str('Role is a SELinux role label that applies to the container.'),
  type: str('Type is a SELinux type label that applies to the container.'),
  user: str('User is a SELinux user label that applies to the container.'),
});

const seccompProfile = def(C('SeccompProfile'), "SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set.", {
  localhostProfile: str('localhostProfile indicates a profile defined in a file on the node should be used.'),
  type: req(str('type indicates which kind of seccomp profile will be applied. Valid options are: Localhost, RuntimeDefault, Unconfined.')),
});

const appArmorProfile = def(C('AppArmorProfile'), "AppArmorProfile defines a pod or container's AppArmor settings.", {
  localhostProfile: str('localhostProfile indicates a profile loaded on the node that should be used.'),
  type: req(str('type indicates which kind of AppArmor profile will be applied. Valid options are: Localhost, RuntimeDefault, Unconfined.')),
});

const windowsOptions = def(C('WindowsSecurityContextOptions'), 'WindowsSecurityContextOptions contain Windows-specific options and credentials.', {
  gmsaCredentialSpec: str('GMSACredentialSpec is where the GMSA admission webhook inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field.'),
  gmsaCredentialSpecName: str('GMSACredentialSpecName is the name of the GMSA credential spec to use.'),
  hostProcess: bool("HostProcess determines if a container should be run as a 'Host Process' container."),
  runAsUserName: str('The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified.'),
});

export const CONTAINER_DEFINITIONS: readonly Definition[] = [
  container,
  ephemeralContainer,
  containerPort,
  envVar,
  envVarSource,
  keySelector('ConfigMapKeySelector', 'a ConfigMap'),
  keySelector('SecretKeySelector', "a Secret"),
  envSource('ConfigMapEnvSource', 'ConfigMap'),
  envSource('SecretEnvSource', 'Secret'),
  envFromSource,
  objectFieldSelector,
  resourceFieldSelector,
  volumeMount,
  volumeDevice,
  resourceRequirements,
  resourceClaim,
  containerResizePolicy,
  probe,
  execAction,
  httpGetAction,
  httpHeader,
  tcpSocketAction,
  grpcAction,
  lifecycle,
  lifecycleHandler,
  sleepAction,
  securityContext,
  capabilities,
  seLinuxOptions,
  seccompProfile,
  appArmorProfile,
  windowsOptions,
];
