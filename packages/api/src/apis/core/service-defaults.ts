// Kubernetes 1.32 Service defaulting (SetDefaults_Service), plus the IP-family fields the
// service REST storage fills in once a cluster IP is known (single-stack cluster).
import type { Service, ServiceSpec } from './service-types.js';

/** Three hours: how long ClientIP affinity sticks by default. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** LoadBalancer and NodePort services, or ClusterIP ones with external IPs, are reachable from outside. */
export function externallyAccessible(spec: ServiceSpec): boolean {
  const type = spec.type ?? '';
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
}

function setDefaultsAffinity(spec: ServiceSpec): void {
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
}

/** ipFamilyPolicy/ipFamilies for a service that has (or is headless instead of) a cluster IP. */
export function setServiceIPFamilyDefaults(spec: ServiceSpec): void {
  if (spec.type === 'ExternalName' || !spec.clusterIP) return;
  if (!spec.clusterIPs || spec.clusterIPs.length === 0) spec.clusterIPs = [spec.clusterIP];
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
  if (!spec.ipFamilies || spec.ipFamilies.length === 0) {
    spec.ipFamilies = [spec.clusterIP.includes(':') ? 'IPv6' : 'IPv4'];
  }
}

export function setDefaultsService(svc: Service): void {
  const spec = (svc.spec ??= {});
  setDefaultsAffinity(spec);
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of spec.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type === 'LoadBalancer') {
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
  setServiceIPFamilyDefaults(spec);
}
