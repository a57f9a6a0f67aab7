// k8s.io.api.core.v1, all but the pod family: Namespace, ConfigMap, Secret, ServiceAccount,
// Service and ResourceQuota, with the reference types they share.
import { message, opaque } from '../schema.js';
import { CONDITION, OBJECT_META } from './meta.js';

export const LOCAL_OBJECT_REFERENCE = message('LocalObjectReference', [[1, 'name', 'string']]);

export const OBJECT_REFERENCE = message('ObjectReference', [
  [1, 'kind', 'string'],
  [2, 'namespace', 'string'],
  [3, 'name', 'string'],
  [4, 'uid', 'string'],
  [5, 'apiVersion', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'fieldPath', 'string'],
]);

export const NAMESPACE = message('Namespace', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', message('NamespaceSpec', [[1, 'finalizers', 'string', 'list']])],
  [
    3,
    'status',
    message('NamespaceStatus', [
      [1, 'phase', 'string'],
      [2, 'conditions', opaque('NamespaceCondition'), 'list'],
    ]),
  ],
]);

export const CONFIG_MAP = message('ConfigMap', [
  [1, 'metadata', OBJECT_META],
  [2, 'data', 'string', 'map'],
  // Raw bytes on the wire, base64 in JSON.
  [3, 'binaryData', 'bytes', 'map'],
  [4, 'immutable', 'bool', 'optional'],
]);

export const SECRET = message('Secret', [
  [1, 'metadata', OBJECT_META],
  // Raw bytes on the wire, base64 in JSON.
  [2, 'data', 'bytes', 'map'],
  [3, 'type', 'string'],
  [4, 'stringData', 'string', 'map'],
  [5, 'immutable', 'bool', 'optional'],
]);

export const SERVICE_ACCOUNT = message('ServiceAccount', [
  [1, 'metadata', OBJECT_META],
  [2, 'secrets', OBJECT_REFERENCE, 'list'],
  [3, 'imagePullSecrets', LOCAL_OBJECT_REFERENCE, 'list'],
  [4, 'automountServiceAccountToken', 'bool', 'optional'],
]);

const SERVICE_PORT = message('ServicePort', [
  [1, 'name', 'string'],
  [2, 'protocol', 'string'],
  [3, 'port', 'int32', 'required'],
  [4, 'targetPort', 'intOrString'],
  [5, 'nodePort', 'int32'],
  [6, 'appProtocol', 'string', 'optional'],
]);

const SESSION_AFFINITY_CONFIG = message('SessionAffinityConfig', [
  [1, 'clientIP', message('ClientIPConfig', [[1, 'timeoutSeconds', 'int32', 'optional']]), 'optional'],
]);

const SERVICE_SPEC = message('ServiceSpec', [
  [1, 'ports', SERVICE_PORT, 'list'],
  [2, 'selector', 'string', 'map'],
  [3, 'clusterIP', 'string'],
  [4, 'type', 'string'],
  [5, 'externalIPs', 'string', 'list'],
  [7, 'sessionAffinity', 'string'],
  [8, 'loadBalancerIP', 'string'],
  [9, 'loadBalancerSourceRanges', 'string', 'list'],
  [10, 'externalName', 'string'],
  [11, 'externalTrafficPolicy', 'string'],
  [12, 'healthCheckNodePort', 'int32'],
  [13, 'publishNotReadyAddresses', 'bool'],
  [14, 'sessionAffinityConfig', SESSION_AFFINITY_CONFIG, 'optional'],
  [17, 'ipFamilyPolicy', 'string', 'optional'],
  [18, 'clusterIPs', 'string', 'list'],
  [19, 'ipFamilies', 'string', 'list'],
  [20, 'allocateLoadBalancerNodePorts', 'bool', 'optional'],
  [21, 'loadBalancerClass', 'string', 'optional'],
  [22, 'internalTrafficPolicy', 'string', 'optional'],
  [23, 'trafficDistribution', 'string', 'optional'],
]);

export const SERVICE = message('Service', [
  [1, 'metadata', OBJECT_META],
  [2, 'spec', SERVICE_SPEC],
  [
    3,
    'status',
    message('ServiceStatus', [
      [1, 'loadBalancer', message('LoadBalancerStatus', [[1, 'ingress', opaque('LoadBalancerIngress'), 'list']])],
      [2, 'conditions', CONDITION, 'list'],
    ]),
  ],
]);

const SCOPE_SELECTOR = message('ScopeSelector', [
  [
    1,
    'matchExpressions',
    message('ScopedResourceSelectorRequirement', [
      [1, 'scopeName', 'string', 'required'],
      [2, 'operator', 'string', 'required'],
      [3, 'values', 'string', 'list'],
    ]),
    'list',
  ],
]);

export const RESOURCE_QUOTA = message('ResourceQuota', [
  [1, 'metadata', OBJECT_META],
  [
    2,
    'spec',
    message('ResourceQuotaSpec', [
      [1, 'hard', 'quantity', 'map'],
      [2, 'scopes', 'string', 'list'],
      [3, 'scopeSelector', SCOPE_SELECTOR, 'optional'],
    ]),
  ],
  [
    3,
    'status',
    message('ResourceQuotaStatus', [
      [1, 'hard', 'quantity', 'map'],
      [2, 'used', 'quantity', 'map'],
    ]),
  ],
]);
