// Which message schema decodes which apiVersion/kind. Every kind kubectl 1.32's generators and
// `drain` send as protobuf is here, served by this apiserver or not: an unserved one still gets
// the plain 404 for its URL, and is ready the day its resource is added.
import type { MessageSchema } from './schema.js';
import { CONFIG_MAP, NAMESPACE, RESOURCE_QUOTA, SECRET, SERVICE, SERVICE_ACCOUNT } from './schemas/core.js';
import {
  CLUSTER_ROLE,
  CLUSTER_ROLE_BINDING,
  EVICTION,
  HORIZONTAL_POD_AUTOSCALER_V1,
  INGRESS,
  POD_DISRUPTION_BUDGET,
  PRIORITY_CLASS,
  ROLE,
  ROLE_BINDING,
  TOKEN_REQUEST,
} from './schemas/groups.js';
import { DELETE_OPTIONS } from './schemas/meta.js';
import { POD } from './schemas/pod.js';
import { CRON_JOB, DEPLOYMENT, JOB } from './schemas/workloads.js';

const RBAC = 'rbac.authorization.k8s.io/v1';

const KINDS: ReadonlyMap<string, MessageSchema> = new Map<string, MessageSchema>([
  ['v1/Namespace', NAMESPACE],
  ['v1/ConfigMap', CONFIG_MAP],
  ['v1/Secret', SECRET],
  ['v1/ServiceAccount', SERVICE_ACCOUNT],
  ['v1/Service', SERVICE],
  ['v1/ResourceQuota', RESOURCE_QUOTA],
  ['v1/Pod', POD],
  ['apps/v1/Deployment', DEPLOYMENT],
  ['batch/v1/Job', JOB],
  ['batch/v1/CronJob', CRON_JOB],
  ['autoscaling/v1/HorizontalPodAutoscaler', HORIZONTAL_POD_AUTOSCALER_V1],
  ['policy/v1/PodDisruptionBudget', POD_DISRUPTION_BUDGET],
  ['policy/v1/Eviction', EVICTION],
  [`${RBAC}/Role`, ROLE],
  [`${RBAC}/ClusterRole`, CLUSTER_ROLE],
  [`${RBAC}/RoleBinding`, ROLE_BINDING],
  [`${RBAC}/ClusterRoleBinding`, CLUSTER_ROLE_BINDING],
  ['scheduling.k8s.io/v1/PriorityClass', PRIORITY_CLASS],
  ['authentication.k8s.io/v1/TokenRequest', TOKEN_REQUEST],
  ['networking.k8s.io/v1/Ingress', INGRESS],
]);

/** The schema for an apiVersion/kind, if this server decodes it from protobuf. */
export function schemaFor(apiVersion: string, kind: string): MessageSchema | undefined {
  // Clients send DeleteOptions under their own group's version (`v1` from the core client),
  // and Kubernetes registers it in every group: accept it under any.
  if (kind === 'DeleteOptions') return DELETE_OPTIONS;
  return KINDS.get(`${apiVersion}/${kind}`);
}

/** `apiVersion/Kind` of every object kind decoded from protobuf (DeleteOptions aside). */
export const PROTOBUF_KINDS: readonly string[] = [...KINDS.keys()];
