// What the service REST storage does around allocation on update (pkg/registry/core/service/
// storage: patchAllocatedValues, normalizeClusterIPs, dropTypeDependentFields), so that a client
// that omits allocated values (kubectl replace, an old client's PUT) keeps them instead of
// tripping the immutability checks.
import { externallyAccessible } from './service-defaults.js';
import type { ServiceSpec } from './service-types.js';

function needsClusterIP(s: ServiceSpec): boolean {
  return s.type !== 'ExternalName';
}

function needsNodePort(s: ServiceSpec): boolean {
  return s.type === 'NodePort' || s.type === 'LoadBalancer';
}

function needsHealthCheckNodePort(s: ServiceSpec): boolean {
  return s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
}

function usedNodePorts(s: ServiceSpec): Set<number> {
  return new Set((s.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join(',') === (b ?? []).join(',');
}

export function patchAllocatedValues(next: ServiceSpec, prev: ServiceSpec): void {
  if (needsClusterIP(prev) && needsClusterIP(next)) {
    if (!next.clusterIP) next.clusterIP = prev.clusterIP;
    if ((next.clusterIPs ?? []).length === 0 && (prev.clusterIPs ?? []).length > 0) next.clusterIPs = prev.clusterIPs;
    if ((next.ipFamilies ?? []).length === 0 && prev.ipFamilies) next.ipFamilies = prev.ipFamilies;
    if (!next.ipFamilyPolicy && prev.ipFamilyPolicy) next.ipFamilyPolicy = prev.ipFamilyPolicy;
  }
  if (needsNodePort(prev) && needsNodePort(next)) {
    const oldUsed = usedNodePorts(prev);
    const used = new Set([...usedNodePorts(next)].filter((n) => oldUsed.has(n)));
    // Matched by port name: the user may have changed anything else about the port.
    const byName = new Map((prev.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of next.ports ?? []) {
      const old = byName.get(p.name ?? '') ?? 0;
      if (!p.nodePort && !used.has(old) && old !== 0) p.nodePort = old;
    }
  }
  if (needsHealthCheckNodePort(prev) && needsHealthCheckNodePort(next) && !next.healthCheckNodePort) {
    next.healthCheckNodePort = prev.healthCheckNodePort;
  }
}

/** Keeps `clusterIP` and `clusterIPs[0]` in step for clients that only know the singular field. */
export function normalizeClusterIPs(next: ServiceSpec, prev: ServiceSpec | undefined): void {
  if (!prev) {
    if (next.clusterIP && (next.clusterIPs ?? []).length === 0) next.clusterIPs = [next.clusterIP];
    return;
  }
  if ((prev.clusterIPs ?? []).length > 0 && (next.clusterIPs ?? []).length === 0 && prev.clusterIP === next.clusterIP) {
    next.clusterIPs = prev.clusterIPs;
  }
  if ((prev.clusterIP ?? '') === (next.clusterIP ?? '') || !sameStrings(prev.clusterIPs, next.clusterIPs)) return;
  if (prev.clusterIP && !next.clusterIP) delete next.clusterIPs;
  else next.clusterIPs = [next.clusterIP ?? ''];
}

/** Fields that only make sense for the old type are dropped when the type changes, unless the user changed them. */
export function dropTypeDependentFields(next: ServiceSpec, prev: ServiceSpec): void {
  if (needsClusterIP(prev) && !needsClusterIP(next) && prev.clusterIP === next.clusterIP && sameStrings(prev.clusterIPs, next.clusterIPs)) {
    delete next.clusterIP;
    delete next.clusterIPs;
    delete next.ipFamilies;
    delete next.ipFamilyPolicy;
  }
  const samePorts = (next.ports ?? []).every((p) => (p.nodePort ?? 0) === 0 || usedNodePorts(prev).has(p.nodePort ?? 0));
  if (needsNodePort(prev) && !needsNodePort(next) && samePorts) for (const p of next.ports ?? []) delete p.nodePort;
  if (needsHealthCheckNodePort(prev) && !needsHealthCheckNodePort(next) && next.healthCheckNodePort === prev.healthCheckNodePort) {
    delete next.healthCheckNodePort;
  }
  if (!externallyAccessible(next) && prev.externalTrafficPolicy === next.externalTrafficPolicy) delete next.externalTrafficPolicy;
}
