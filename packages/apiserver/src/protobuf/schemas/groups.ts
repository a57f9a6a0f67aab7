// The other groups' kinds kubectl's generators send as protobuf: rbac.authorization.k8s.io/v1,
// policy/v1, scheduling.k8s.io/v1, autoscaling/v1, authentication.k8s.io/v1 (TokenRequest) and
// networking.k8s.io/v1 (Ingress).
import { message, opaque } from '../schema.js';
import { CONDITION, DELETE_OPTIONS, LABEL_SELECTOR, OBJECT_META } from './meta.js';

// ---- rbac.authorization.k8s.io/v1 ----

const POLICY_RULE = message('PolicyRule', [
  [1, 'verbs', 'string', 'nullList'],
  [2, 'apiGroups', 'string', 'list'],
  [3, 'resources', 'string', 'list'],
  [4, 'resourceNames', 'string', 'list'],
  [5, 'nonResourceURLs', 'string', 'list'],
]);

export const ROLE = message('Role', [
  [1, 'metadata', OBJECT_META],
  [2, 'rules', POLICY_RULE, 'nullList'],
]);

export const CLUSTER_ROLE = message('ClusterRole', [
  [1, 'metadata', OBJECT_META],
  [2, 'rules', POLICY_RULE, 'nullList'],
  [3, 'aggregationRule', message('AggregationRule', [[1, 'clusterRoleSelectors', LABEL_SELECTOR, 'list']]), 'optional'],
]);

const SUBJECT = message('Subject', [
  [1, 'kind', 'string', 'required'],
  [2, 'apiGroup', 'string'],
  [3, 'name', 'string', 'required'],
  [4, 'namespace', 'string'],
]);

const ROLE_REF = message('RoleRef', [
  [1, 'apiGroup', 'string', 'required'],
  [2, 'kind', 'string', 'required'],
  [3, 'name', 'string', 'required'],
]);

const binding = (name: string) =>
  message(name, [
    [1, 'metadata', OBJECT_META],
    [2, 'subjects', SUBJECT, 'list'],
    [3, 'roleRef', ROLE_REF],
  ]);

export const ROLE_BINDING = binding('RoleBinding');
export const CLUSTER_ROLE_BINDING = binding('ClusterRoleBinding');

// ---- policy/v1 ----

export const POD_DISRUPTION_BUDGET = message('PodDisruptionBudget', [
  [1, 'metadata', OBJECT_META],
  [
    2,
    'spec',
    message('PodDisruptionBudgetSpec', [
      [1, 'minAvailable', 'intOrString', 'optional'],
      [2, 'selector', LABEL_SELECTOR, 'optional'],
      [3, 'maxUnavailable', 'intOrString', 'optional'],
      [4, 'unhealthyPodEvictionPolicy', 'string', 'optional'],
    ]),
  ],
  [
    3,
    'status',
    message('PodDisruptionBudgetStatus', [
      [1, 'observedGeneration', 'int64'],
      [2, 'disruptedPods', 'time', 'map'],
      [3, 'disruptionsAllowed', 'int32', 'required'],
      [4, 'currentHealthy', 'int32', 'required'],
      [5, 'desiredHealthy', 'int32', 'required'],
      [6, 'expectedPods', 'int32', 'required'],
      [7, 'conditions', CONDITION, 'list'],
    ]),
  ],
]);

export const EVICTION = message('Eviction', [
  [1, 'metadata', OBJECT_META],
  [2, 'deleteOptions', DELETE_OPTIONS, 'optional'],
]);

// ---- scheduling.k8s.io/v1 ----

export const PRIORITY_CLASS = message('PriorityClass', [
  [1, 'metadata', OBJECT_META],
  [2, 'value', 'int32', 'required'],
  [3, 'globalDefault', 'bool'],
  [4, 'description', 'string'],
  [5, 'preemptionPolicy', 'string', 'optional'],
]);

// ---- autoscaling/v1 (what `kubectl autoscale` 1.32 sends) ----

export const HORIZONTAL_POD_AUTOSCALER_V1 = message('HorizontalPodAutoscaler', [
  [1, 'metadata', OBJECT_META],
  [
    2,
    'spec',
    message('HorizontalPodAutoscalerSpec', [
      [
        1,
        'scaleTargetRef',
        message('CrossVersionObjectReference', [
          [1, 'kind', 'string', 'required'],
          [2, 'name', 'string', 'required'],
          [3, 'apiVersion', 'string'],
        ]),
      ],
      [2, 'minReplicas', 'int32', 'optional'],
      [3, 'maxReplicas', 'int32', 'required'],
      [4, 'targetCPUUtilizationPercentage', 'int32', 'optional'],
    ]),
  ],
  [
    3,
    'status',
    message('HorizontalPodAutoscalerStatus', [
      [1, 'observedGeneration', 'int64', 'optional'],
      [2, 'lastScaleTime', 'time', 'optional'],
      [3, 'currentReplicas', 'int32', 'required'],
      [4, 'desiredReplicas', 'int32', 'required'],
      [5, 'currentCPUUtilizationPercentage', 'int32', 'optional'],
    ]),
  ],
]);

// ---- authentication.k8s.io/v1 ----

export const TOKEN_REQUEST = message('TokenRequest', [
  [1, 'metadata', OBJECT_META],
  [
    2,
    'spec',
    message('TokenRequestSpec', [
      // No omitempty on these three: Go prints null when they are unset.
      [1, 'audiences', 'string', 'nullList'],
      [
        3,
        'boundObjectRef',
        message('BoundObjectReference', [
          [1, 'kind', 'string'],
          [2, 'apiVersion', 'string'],
          [3, 'name', 'string'],
          // The proto field is spelled `uID`; its JSON key is `uid`.
          [4, 'uid', 'string'],
        ]),
        'nullable',
      ],
      [4, 'expirationSeconds', 'int64', 'nullable'],
    ]),
  ],
  [
    3,
    'status',
    message('TokenRequestStatus', [
      [1, 'token', 'string', 'required'],
      [2, 'expirationTimestamp', 'time'],
    ]),
  ],
]);

// ---- networking.k8s.io/v1 ----

const INGRESS_BACKEND = message('IngressBackend', [
  [3, 'resource', opaque('TypedLocalObjectReference'), 'optional'],
  [
    4,
    'service',
    message('IngressServiceBackend', [
      [1, 'name', 'string', 'required'],
      [
        2,
        'port',
        message('ServiceBackendPort', [
          [1, 'name', 'string'],
          [2, 'number', 'int32'],
        ]),
      ],
    ]),
    'optional',
  ],
]);

const HTTP_INGRESS_PATH = message('HTTPIngressPath', [
  [1, 'path', 'string'],
  [2, 'backend', INGRESS_BACKEND],
  [3, 'pathType', 'string', 'optional'],
]);

const INGRESS_RULE = message('IngressRule', [
  [1, 'host', 'string'],
  // Nested in protobuf, inlined in JSON: `http` sits directly on the rule.
  [
    2,
    'ingressRuleValue',
    message('IngressRuleValue', [[1, 'http', message('HTTPIngressRuleValue', [[1, 'paths', HTTP_INGRESS_PATH, 'nullList']]), 'optional']]),
    'inline',
  ],
]);

export const INGRESS = message('Ingress', [
  [1, 'metadata', OBJECT_META],
  [
    2,
    'spec',
    message('IngressSpec', [
      [1, 'defaultBackend', INGRESS_BACKEND, 'optional'],
      [
        2,
        'tls',
        message('IngressTLS', [
          [1, 'hosts', 'string', 'list'],
          [2, 'secretName', 'string'],
        ]),
        'list',
      ],
      [3, 'rules', INGRESS_RULE, 'list'],
      [4, 'ingressClassName', 'string', 'optional'],
    ]),
  ],
  [3, 'status', message('IngressStatus', [[1, 'loadBalancer', opaque('IngressLoadBalancerStatus')]])],
]);
