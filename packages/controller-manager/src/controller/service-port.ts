// What the Endpoints and EndpointSlice controllers share about a Service and the pods behind it
// (podutil.FindPort and endpointutil.ShouldSetHostname upstream), so the two never disagree on
// which port a pod serves or which hostname it publishes.
import type { Pod, Service, ServicePort } from '@kubelite/api';

/**
 * A Service port's targetPort on one pod: a number as-is; a name looked up among the containers'
 * ports with the same name and protocol, then among restartable init containers (sidecars).
 * undefined when the pod has no such port, and that port is skipped for that pod.
 */
export function resolveTargetPort(sp: ServicePort, pod: Pod): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...pod.spec.containers, ...sidecars]) {
    const p = (c.ports ?? []).find((x) => x.name === tp && (x.protocol ?? 'TCP') === protocol);
    if (p) return p.containerPort;
  }
  return undefined;
}

/** A pod publishes spec.hostname only under the Service named by its spec.subdomain. */
export function podHostname(pod: Pod, svc: Service): string | undefined {
  const h = pod.spec.hostname;
  return h && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace ? h : undefined;
}
