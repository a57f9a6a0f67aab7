// Service validation (ValidateService, ValidateServiceUpdate). Node-port ranges and cluster-IP
// ranges are the allocators' business, as upstream.
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import { isDNS1123Subdomain, validateLabels } from '../../validation.js';
import {
  child, duplicate, index, INVALID_IP_ERROR, isValidIP, isValidPortNum, messagesToErrors, validateDNS1123Label, validatePortNumOrName,
} from './field-helpers.js';
import { externallyAccessible } from './service-defaults.js';
import type { Service, ServicePort, ServiceSpec } from './service-types.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const KUBELET_PORT = 10250;
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

const isHeadless = (s: ServiceSpec): boolean => s.clusterIP === 'None';

function validatePort(sp: ServicePort, requireName: boolean, names: Set<string>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(child(p, 'name')));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, child(p, 'name')));
    if (names.has(sp.name)) errs.push(duplicate(child(p, 'name'), sp.name));
    else names.add(sp.name);
  }
  errs.push(...messagesToErrors(isValidPortNum(sp.port), child(p, 'port'), sp.port));
  if (!sp.protocol) errs.push(required(child(p, 'protocol')));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(child(p, 'protocol'), sp.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, child(p, 'targetPort')));
  return errs;
}

function validateTypeSpecific(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (s.type === 'LoadBalancer' || s.type === 'NodePort') {
    if (isHeadless(s)) errs.push(invalid('spec.clusterIP', s.clusterIP, `may not be set to 'None' for ${s.type} services`));
  }
  if (s.type === 'LoadBalancer') {
    (s.ports ?? []).forEach((port, i) => {
      if (port.port === KUBELET_PORT) {
        errs.push(invalid(index('spec.ports', i), port.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      }
    });
  }
  if (s.type === 'ExternalName') {
    if ((s.clusterIPs ?? []).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((s.ipFamilies ?? []).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    // A trailing dot marks the CNAME as fully qualified.
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname === '') errs.push(required('spec.externalName'));
    else errs.push(...messagesToErrors(isDNS1123Subdomain(cname), 'spec.externalName', cname));
  }
  return errs;
}

function validateAffinity(s: ServiceSpec): FieldError[] {
  const affinity = s.sessionAffinity ?? '';
  if (affinity === '') return [required('spec.sessionAffinity')];
  if (!AFFINITIES.includes(affinity)) return [notSupported('spec.sessionAffinity', affinity, AFFINITIES)];
  if (affinity === 'None') {
    return s.sessionAffinityConfig ? [forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None')] : [];
  }
  const timeout = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  const path = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
  if (timeout === undefined) return [required(path)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalid(path, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

function validateClusterIPs(s: ServiceSpec): FieldError[] {
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = s.clusterIPs ?? [];
  if (ips.length > 0 && ips[0] !== (s.clusterIP ?? '')) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      return;
    }
    if (!isValidIP(ip)) errs.push(invalid(index('spec.clusterIPs', i), ip, INVALID_IP_ERROR));
  });
  const policy = s.ipFamilyPolicy;
  if (policy && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    else if ((s.ipFamilies ?? []).indexOf(f) !== i) errs.push(duplicate(index('spec.ipFamilies', i), f));
  });
  return errs;
}

function validateTrafficPolicies(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = s.externalTrafficPolicy ?? '';
  if (!externallyAccessible(s)) {
    if (etp !== '') errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  const itp = s.internalTrafficPolicy;
  if (!itp && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type ?? '')) errs.push(required('spec.internalTrafficPolicy'));
  if (itp && !TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported('spec.internalTrafficPolicy', itp, TRAFFIC_POLICIES));
  return errs;
}

// (protocol, port) and (protocol, nodePort) pairs must be unique.
function validateDuplicatePorts(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const nodePorts = new Set<string>();
  const ports = new Set<string>();
  (s.ports ?? []).forEach((p, i) => {
    if (s.type === 'ClusterIP' && p.nodePort) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    if (p.nodePort) {
      const id = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(id)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), p.nodePort));
      nodePorts.add(id);
    }
    const id = `${p.protocol}/${p.port}`;
    if (ports.has(id)) errs.push(duplicate(index('spec.ports', i), { protocol: p.protocol, port: p.port }));
    ports.add(id);
  });
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  const errs: FieldError[] = [];
  if ((s.ports ?? []).length === 0 && !isHeadless(s) && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  errs.push(...validateTypeSpecific(s));
  const names = new Set<string>();
  (s.ports ?? []).forEach((p, i) => errs.push(...validatePort(p, (s.ports ?? []).length > 1, names, index('spec.ports', i))));
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  errs.push(...validateAffinity(s));
  errs.push(...validateClusterIPs(s));
  (s.externalIPs ?? []).forEach((ip, i) => {
    if (!isValidIP(ip)) errs.push(invalid(index('spec.externalIPs', i), ip, INVALID_IP_ERROR));
  });
  if (!s.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(s.type)) errs.push(notSupported('spec.type', s.type, SERVICE_TYPES));
  errs.push(...validateDuplicatePorts(s));
  errs.push(...validateTrafficPolicies(s));
  return errs;
}

/** The primary (and secondary) cluster IP never change, except to or from ExternalName. */
export function validateServiceUpdate(next: Service, prev: Service): FieldError[] {
  const n = next.spec ?? {};
  const p = prev.spec ?? {};
  if (n.type === 'ExternalName' || p.type === 'ExternalName') return [];
  if (isHeadless(n) && isHeadless(p)) return [];
  const errs: FieldError[] = [];
  const oldIPs = p.clusterIPs ?? [];
  const newIPs = n.clusterIPs ?? [];
  for (const i of [0, 1]) {
    if (oldIPs.length > i && (newIPs.length <= i ? i === 0 : newIPs[i] !== oldIPs[i])) {
      errs.push(invalid(index('spec.clusterIPs', i), newIPs, 'may not change once set'));
    }
  }
  const oldFamily = (p.ipFamilies ?? [])[0];
  const newFamily = (n.ipFamilies ?? [])[0];
  if (oldFamily && newFamily !== oldFamily) errs.push(invalid(index('spec.ipFamilies', 0), n.ipFamilies ?? [], 'may not change once set'));
  return errs;
}
