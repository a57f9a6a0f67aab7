// k8s.io.api.core.v1.Container and everything it holds: ports, env, resources, mounts, probes,
// lifecycle hooks and the container security context. Nested types the reference has no table
// for (SELinux/seccomp/AppArmor/Windows options, SleepAction, VolumeDevice) are opaque.
import { message, opaque } from '../schema.js';
import { LOCAL_OBJECT_REFERENCE } from './core.js';

const CONTAINER_PORT = message('ContainerPort', [
  [1, 'name', 'string'],
  [2, 'hostPort', 'int32'],
  [3, 'containerPort', 'int32', 'required'],
  [4, 'protocol', 'string'],
  [5, 'hostIP', 'string'],
]);

const ENV_VAR_SOURCE = message('EnvVarSource', [
  [
    1,
    'fieldRef',
    message('ObjectFieldSelector', [
      [1, 'apiVersion', 'string'],
      [2, 'fieldPath', 'string', 'required'],
    ]),
    'optional',
  ],
  [
    2,
    'resourceFieldRef',
    message('ResourceFieldSelector', [
      [1, 'containerName', 'string'],
      [2, 'resource', 'string', 'required'],
      [3, 'divisor', 'quantity'],
    ]),
    'optional',
  ],
  [
    3,
    'configMapKeyRef',
    message('ConfigMapKeySelector', [
      [1, 'localObjectReference', LOCAL_OBJECT_REFERENCE, 'inline'],
      [2, 'key', 'string', 'required'],
      [3, 'optional', 'bool', 'optional'],
    ]),
    'optional',
  ],
  [
    4,
    'secretKeyRef',
    message('SecretKeySelector', [
      [1, 'localObjectReference', LOCAL_OBJECT_REFERENCE, 'inline'],
      [2, 'key', 'string', 'required'],
      [3, 'optional', 'bool', 'optional'],
    ]),
    'optional',
  ],
]);

const ENV_VAR = message('EnvVar', [
  [1, 'name', 'string', 'required'],
  [2, 'value', 'string'],
  [3, 'valueFrom', ENV_VAR_SOURCE, 'optional'],
]);

const envSource = (name: string) =>
  message(name, [
    [1, 'localObjectReference', LOCAL_OBJECT_REFERENCE, 'inline'],
    [2, 'optional', 'bool', 'optional'],
  ]);

const ENV_FROM_SOURCE = message('EnvFromSource', [
  [1, 'prefix', 'string'],
  [2, 'configMapRef', envSource('ConfigMapEnvSource'), 'optional'],
  [3, 'secretRef', envSource('SecretEnvSource'), 'optional'],
]);

export const RESOURCE_REQUIREMENTS = message('ResourceRequirements', [
  [1, 'limits', 'quantity', 'map'],
  [2, 'requests', 'quantity', 'map'],
  [
    3,
    'claims',
    message('ResourceClaim', [
      [1, 'name', 'string', 'required'],
      [2, 'request', 'string'],
    ]),
    'list',
  ],
]);

const VOLUME_MOUNT = message('VolumeMount', [
  [1, 'name', 'string', 'required'],
  [2, 'readOnly', 'bool'],
  [3, 'mountPath', 'string', 'required'],
  [4, 'subPath', 'string'],
  [5, 'mountPropagation', 'string', 'optional'],
  [6, 'subPathExpr', 'string'],
  [7, 'recursiveReadOnly', 'string', 'optional'],
]);

const EXEC_ACTION = message('ExecAction', [[1, 'command', 'string', 'list']]);

const HTTP_GET_ACTION = message('HTTPGetAction', [
  [1, 'path', 'string'],
  [2, 'port', 'intOrString'],
  [3, 'host', 'string'],
  [4, 'scheme', 'string'],
  [
    5,
    'httpHeaders',
    message('HTTPHeader', [
      [1, 'name', 'string', 'required'],
      [2, 'value', 'string', 'required'],
    ]),
    'list',
  ],
]);

const TCP_SOCKET_ACTION = message('TCPSocketAction', [
  [1, 'port', 'intOrString'],
  [2, 'host', 'string'],
]);

const PROBE_HANDLER = message('ProbeHandler', [
  [1, 'exec', EXEC_ACTION, 'optional'],
  [2, 'httpGet', HTTP_GET_ACTION, 'optional'],
  [3, 'tcpSocket', TCP_SOCKET_ACTION, 'optional'],
  [
    4,
    'grpc',
    message('GRPCAction', [
      [1, 'port', 'int32', 'required'],
      [2, 'service', 'string', 'nullable'],
    ]),
    'optional',
  ],
]);

const PROBE = message('Probe', [
  [1, 'handler', PROBE_HANDLER, 'inline'],
  [2, 'initialDelaySeconds', 'int32'],
  [3, 'timeoutSeconds', 'int32'],
  [4, 'periodSeconds', 'int32'],
  [5, 'successThreshold', 'int32'],
  [6, 'failureThreshold', 'int32'],
  [7, 'terminationGracePeriodSeconds', 'int64', 'optional'],
]);

const LIFECYCLE_HANDLER = message('LifecycleHandler', [
  [1, 'exec', EXEC_ACTION, 'optional'],
  [2, 'httpGet', HTTP_GET_ACTION, 'optional'],
  [3, 'tcpSocket', TCP_SOCKET_ACTION, 'optional'],
  [4, 'sleep', opaque('SleepAction'), 'optional'],
]);

const LIFECYCLE = message('Lifecycle', [
  [1, 'postStart', LIFECYCLE_HANDLER, 'optional'],
  [2, 'preStop', LIFECYCLE_HANDLER, 'optional'],
]);

export const SE_LINUX_OPTIONS = opaque('SELinuxOptions');
export const WINDOWS_OPTIONS = opaque('WindowsSecurityContextOptions');
export const SECCOMP_PROFILE = opaque('SeccompProfile');
export const APP_ARMOR_PROFILE = opaque('AppArmorProfile');

const SECURITY_CONTEXT = message('SecurityContext', [
  [
    1,
    'capabilities',
    message('Capabilities', [
      [1, 'add', 'string', 'list'],
      [2, 'drop', 'string', 'list'],
    ]),
    'optional',
  ],
  [2, 'privileged', 'bool', 'optional'],
  [3, 'seLinuxOptions', SE_LINUX_OPTIONS, 'optional'],
  [4, 'runAsUser', 'int64', 'optional'],
  [5, 'runAsNonRoot', 'bool', 'optional'],
  [6, 'readOnlyRootFilesystem', 'bool', 'optional'],
  [7, 'allowPrivilegeEscalation', 'bool', 'optional'],
  [8, 'runAsGroup', 'int64', 'optional'],
  [9, 'procMount', 'string', 'optional'],
  [10, 'windowsOptions', WINDOWS_OPTIONS, 'optional'],
  [11, 'seccompProfile', SECCOMP_PROFILE, 'optional'],
  [12, 'appArmorProfile', APP_ARMOR_PROFILE, 'optional'],
]);

export const CONTAINER = message('Container', [
  [1, 'name', 'string', 'required'],
  [2, 'image', 'string'],
  [3, 'command', 'string', 'list'],
  [4, 'args', 'string', 'list'],
  [5, 'workingDir', 'string'],
  [6, 'ports', CONTAINER_PORT, 'list'],
  [7, 'env', ENV_VAR, 'list'],
  [8, 'resources', RESOURCE_REQUIREMENTS],
  [9, 'volumeMounts', VOLUME_MOUNT, 'list'],
  [10, 'livenessProbe', PROBE, 'optional'],
  [11, 'readinessProbe', PROBE, 'optional'],
  [12, 'lifecycle', LIFECYCLE, 'optional'],
  [13, 'terminationMessagePath', 'string'],
  [14, 'imagePullPolicy', 'string'],
  [15, 'securityContext', SECURITY_CONTEXT, 'optional'],
  [16, 'stdin', 'bool'],
  [17, 'stdinOnce', 'bool'],
  [18, 'tty', 'bool'],
  [19, 'envFrom', ENV_FROM_SOURCE, 'list'],
  [20, 'terminationMessagePolicy', 'string'],
  [21, 'volumeDevices', opaque('VolumeDevice'), 'list'],
  [22, 'startupProbe', PROBE, 'optional'],
  [
    23,
    'resizePolicy',
    message('ContainerResizePolicy', [
      [1, 'resourceName', 'string', 'required'],
      [2, 'restartPolicy', 'string', 'required'],
    ]),
    'list',
  ],
  // Only for sidecar init containers (`Always`).
  [24, 'restartPolicy', 'string', 'optional'],
]);
