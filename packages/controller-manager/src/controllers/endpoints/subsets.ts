// Building an Endpoints object's subsets from a Service and its pods (E.1): ready addresses and
// not-ready ones, named target ports resolved per pod, and subsets "repacked" (grouped by port
// set, sorted) so the object is stable and only changes when something real does.
import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from '@kubelite/api';
import { isPodReady } from '../../controller/pod-util.js';
import { podHostname, resolveTargetPort } from '../../controller/service-port.js';

function addressOf(pod: Pod, svc: Service): EndpointAddress {
  const a: EndpointAddress = {
    ip: pod.status?.podIP ?? '',
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec.nodeName) a.nodeName = pod.spec.nodeName;
  const hostname = podHostname(pod, svc);
  if (hostname) a.hostname = hostname;
  return a;
}

/** Should this pod appear at all (terminal, IP-less and deleting pods do not)? */
export function includePod(pod: Pod, svc: Service): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed' || !pod.status?.podIP) return false;
  return !pod.metadata.deletionTimestamp || !!svc.spec?.publishNotReadyAddresses;
}

interface Group {
  ports: EndpointPort[];
  ready: EndpointAddress[];
  notReady: EndpointAddress[];
}

export function buildSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const groups = new Map<string, Group>();
  const ports = svc.spec?.ports ?? [];
  for (const pod of pods) {
    if (!includePod(pod, svc)) continue;
    const resolved: EndpointPort[] = [];
    for (const sp of ports) {
      const port = resolveTargetPort(sp, pod);
      if (port === undefined) continue;
      resolved.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    if (ports.length > 0 && resolved.length === 0) continue;
    resolved.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(resolved);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: resolved, ready: [], notReady: [] }));
    const ready = svc.spec?.publishNotReadyAddresses || isPodReady(pod);
    (ready ? g.ready : g.notReady).push(addressOf(pod, svc));
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress): number => a.ip.localeCompare(b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    }));
}
