// The endpoints a Service should have, grouped by the ports they serve (the reconciler's
// "desired" side, upstream's podToEndpoint / getEndpointPorts / ShouldPodBeInEndpoints): pods
// whose named targetPorts resolve differently land in different groups, hence different slices.
import type { EndpointSliceEndpoint, EndpointSlicePort, Node, Pod, Service } from '@kubelite/api';
import { isPodReady } from '../../controller/pod-util.js';
import { podHostname, resolveTargetPort } from '../../controller/service-port.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface DesiredGroup {
  /** canonical key of the port set (portMapKey) */
  key: string;
  ports: EndpointSlicePort[];
  /** endpointKey → endpoint */
  endpoints: Map<string, EndpointSliceEndpoint>;
}

export interface DesiredState {
  groups: Map<string, DesiredGroup>;
  /** nodes pods referred to that the node informer does not know: retry later */
  missingNodes: string[];
}

/** Terminating pods stay (with terminating=true); pods without an IP and finished pods do not. */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  const phase = pod.status?.phase;
  const policy = pod.spec.restartPolicy ?? 'Always';
  // A pod that will never run again is not an endpoint; under Always it restarts in place.
  if (policy === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (policy === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

/** Ports sorted so the same set always hashes (and is stored) the same way. */
export function portMapKey(ports: readonly EndpointSlicePort[]): string {
  return JSON.stringify([...ports].map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port ?? 0, p.appProtocol ?? '']).sort());
}

function sortPorts(ports: EndpointSlicePort[]): EndpointSlicePort[] {
  return ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.port ?? 0) - (b.port ?? 0) || (a.protocol ?? '').localeCompare(b.protocol ?? ''));
}

/** An endpoint's identity (upstream hashEndpoint): its addresses, hostname and pod. */
export function endpointKey(ep: EndpointSliceEndpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

export function endpointPorts(svc: Service, pod: Pod): EndpointSlicePort[] {
  const out: EndpointSlicePort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = resolveTargetPort(sp, pod);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return sortPorts(out);
}

/** Only the pod's IPv4 addresses go into an IPv4 slice. */
function ipv4Addresses(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  const v4 = ips.find((ip) => !ip.includes(':'));
  return v4 ? [v4] : [];
}

export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service): EndpointSliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // For compatibility, ready is never true for a terminating pod unless the Service publishes
  // not-ready addresses; serving says whether it could still take traffic.
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: EndpointSliceEndpoint = {
    addresses: ipv4Addresses(pod),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  const hostname = podHostname(pod, svc);
  if (hostname) ep.hostname = hostname;
  return ep;
}

export function desiredEndpoints(svc: Service, pods: readonly Pod[], nodeByName: (name: string) => Node | undefined): DesiredState {
  const groups = new Map<string, DesiredGroup>();
  const missingNodes: string[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod)) continue;
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, ports, endpoints: new Map() }));
    const nodeName = pod.spec.nodeName;
    const node = nodeName ? nodeByName(nodeName) : undefined;
    if (nodeName && !node) {
      // Leave the pod out for now and retry, rather than publish it without its zone.
      missingNodes.push(nodeName);
      continue;
    }
    const ep = podToEndpoint(pod, node, svc);
    if (ep.addresses.length > 0) g.endpoints.set(endpointKey(ep), ep);
  }
  return { groups, missingNodes };
}
