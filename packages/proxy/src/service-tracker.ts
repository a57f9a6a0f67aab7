// The Services kube-proxy acts on, from the shared Service informer: every TCP port with a
// nodePort of a NodePort or LoadBalancer Service, with what forwarding needs to know about it.
// ClusterIP traffic itself is not proxied (that needs iptables/nftables rules), so Services
// without nodePorts are ignored here.
import { DEFAULT_CLIENT_IP_AFFINITY_SECONDS, type Service } from '@kubelite/api';
import type { SharedIndexInformer } from '@kubelite/client';

export interface NodePortServicePort {
  /** upstream's ServicePortName: `namespace/name:port` (`namespace/name` for an unnamed port) */
  id: string;
  namespace: string;
  name: string;
  /** the service port's name ('' when unnamed); endpoints are matched by it */
  portName: string;
  protocol: string;
  port: number;
  nodePort: number;
  /** 0 unless sessionAffinity is ClientIP */
  affinityTimeoutMs: number;
  /** externalTrafficPolicy: Local — only this node's endpoints */
  localOnly: boolean;
  service: Service;
}

export const servicePortId = (namespace: string, name: string, portName: string): string =>
  `${namespace}/${name}${portName ? `:${portName}` : ''}`;

/** Upstream's ShouldSkipService: headless and ExternalName Services get no proxying at all. */
function skipped(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip === '' || ip === 'None' || svc.spec?.type === 'ExternalName';
}

function affinityTimeoutMs(svc: Service): number {
  if (svc.spec?.sessionAffinity !== 'ClientIP') return 0;
  return (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_AFFINITY_SECONDS) * 1000;
}

/** The proxied ports of one Service (any protocol: the caller decides which it can serve). */
export function nodePortsOf(svc: Service): NodePortServicePort[] {
  const type = svc.spec?.type;
  if (skipped(svc) || (type !== 'NodePort' && type !== 'LoadBalancer')) return [];
  const namespace = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name ?? '';
  const out: NodePortServicePort[] = [];
  for (const p of svc.spec?.ports ?? []) {
    if (!p.nodePort) continue;
    const portName = p.name ?? '';
    out.push({
      id: servicePortId(namespace, name, portName),
      namespace,
      name,
      portName,
      protocol: p.protocol ?? 'TCP',
      port: p.port,
      nodePort: p.nodePort,
      affinityTimeoutMs: affinityTimeoutMs(svc),
      localOnly: svc.spec?.externalTrafficPolicy === 'Local',
      service: svc,
    });
  }
  return out;
}

export class ServiceTracker {
  constructor(
    private readonly informer: SharedIndexInformer<Service>,
    onChange: () => void,
  ) {
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

  /** Every proxied port of every Service in the cache. */
  nodePorts(): NodePortServicePort[] {
    return this.informer.getIndexer().list().flatMap(nodePortsOf);
  }
}
