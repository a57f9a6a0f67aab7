// Where a service port's traffic may go, from the shared EndpointSlice informer
// (discovery.k8s.io/v1, tied to their Service by the kubernetes.io/service-name label). A
// service port maps to the slice port of the same name and protocol, which carries the resolved
// target port number; endpoints merge over all of a Service's slices.
import { ENDPOINTSLICE_SERVICE_NAME_LABEL, type EndpointSlice, type EndpointSliceEndpoint } from '@kubelite/api';
import type { SharedIndexInformer } from '@kubelite/client';
import { endpointId } from './load-balancer.js';

export interface ProxyEndpoint {
  host: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
}

const SERVICE_INDEX = 'proxy:service';

const serviceKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** Conditions as upstream reads them: ready unset means ready, serving unset means ready's value. */
function conditionsOf(ep: EndpointSliceEndpoint): Pick<ProxyEndpoint, 'ready' | 'serving' | 'terminating'> {
  const ready = ep.conditions?.ready !== false;
  const serving = ep.conditions?.serving ?? ready;
  return { ready, serving: serving !== false, terminating: ep.conditions?.terminating === true };
}

/**
 * The endpoints traffic goes to, as upstream's CategorizeEndpoints: ready ones; when there are
 * none, the serving-but-terminating ones (so connections drain during a rollout instead of
 * failing); with externalTrafficPolicy Local, only those on this node.
 */
export function usableEndpoints(all: readonly ProxyEndpoint[], localOnly: boolean, node: string): ProxyEndpoint[] {
  const candidates = localOnly ? all.filter((e) => e.nodeName === node) : all;
  const ready = candidates.filter((e) => e.ready);
  return ready.length > 0 ? ready : candidates.filter((e) => e.serving && e.terminating);
}

export class EndpointsTracker {
  constructor(
    private readonly informer: SharedIndexInformer<EndpointSlice>,
    onChange: () => void,
  ) {
    informer.addIndexers({
      [SERVICE_INDEX]: (s) => {
        const svc = s.metadata.labels?.[ENDPOINTSLICE_SERVICE_NAME_LABEL];
        return svc ? [serviceKey(s.metadata.namespace ?? '', svc)] : [];
      },
    });
    informer.addEventHandler({
      onAdd: () => onChange(),
      onUpdate: (o, n) => {
        if (o.metadata.resourceVersion !== n.metadata.resourceVersion) onChange();
      },
      onDelete: () => onChange(),
    });
  }

  hasSynced(): boolean {
    return this.informer.hasSynced();
  }

  /** All endpoints (any condition) of a Service's port, deduplicated by address and port. */
  endpointsFor(namespace: string, service: string, portName: string, protocol: string): ProxyEndpoint[] {
    const slices = this.informer
      .getIndexer()
      .byIndex(SERVICE_INDEX, serviceKey(namespace, service))
      .filter((s) => s.addressType === 'IPv4' || s.addressType === 'IPv6')
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const seen = new Map<string, ProxyEndpoint>();
    for (const slice of slices) {
      const sp = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
      if (!sp || typeof sp.port !== 'number') continue;
      for (const ep of slice.endpoints ?? []) {
        // The addresses of one endpoint are fungible; upstream uses the first.
        const host = ep.addresses[0];
        if (!host) continue;
        const e: ProxyEndpoint = { host, port: sp.port, ...conditionsOf(ep), ...(ep.nodeName ? { nodeName: ep.nodeName } : {}) };
        const id = endpointId(e);
        if (!seen.has(id)) seen.set(id, e);
      }
    }
    return [...seen.values()];
  }
}
