import type { Strategy } from '../../strategy.js';
import { cronJobStrategy } from './cronjobs.js';
import { daemonSetStrategy } from './daemonsets.js';
import { deploymentStrategy } from './deployments.js';
import { endpointSliceStrategy } from './endpointslices.js';
import { eventsV1Strategy } from './events.js';
import { horizontalPodAutoscalerStrategy } from './horizontalpodautoscalers.js';
import { jobStrategy } from './jobs.js';
import { leaseStrategy } from './leases.js';
import { podDisruptionBudgetStrategy } from './poddisruptionbudgets.js';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac.js';
import { replicaSetStrategy } from './replicasets.js';
import { statefulSetStrategy } from './statefulsets.js';

/** Strategies of the named groups (apps, batch, …), keyed `<group>/<resource>`. */
export const GROUP_STRATEGIES: Readonly<Record<string, Strategy>> = {
  'apps/deployments': deploymentStrategy,
  'apps/replicasets': replicaSetStrategy,
  'apps/daemonsets': daemonSetStrategy,
  'apps/statefulsets': statefulSetStrategy,
  'batch/jobs': jobStrategy,
  'batch/cronjobs': cronJobStrategy,
  'coordination.k8s.io/leases': leaseStrategy,
  'discovery.k8s.io/endpointslices': endpointSliceStrategy,
  'events.k8s.io/events': eventsV1Strategy,
  'policy/poddisruptionbudgets': podDisruptionBudgetStrategy,
  'autoscaling/horizontalpodautoscalers': horizontalPodAutoscalerStrategy,
  'rbac.authorization.k8s.io/roles': roleStrategy,
  'rbac.authorization.k8s.io/rolebindings': roleBindingStrategy,
  'rbac.authorization.k8s.io/clusterroles': clusterRoleStrategy,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingStrategy,
};
