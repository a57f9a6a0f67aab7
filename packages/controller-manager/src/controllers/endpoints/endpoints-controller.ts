// The Endpoints controller (E.1): for every Service with a selector, an Endpoints object of the
// same name listing its pods' IPs and resolved ports, ready and not ready; Endpoints whose
// Service is gone are deleted.
import { labelSelectorFromSet, type Endpoints, type Pod, type Service } from '@kubelite/api';
import { isNotFound, unwrapTombstone, type DeletedFinalStateUnknown, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { endpointsInformer, podInformer, serviceInformer } from '../../controller/informers.js';
import { semanticEqual } from '../../controller/semantic.js';
import { buildSubsets } from './subsets.js';

const HEADLESS = 'service.kubernetes.io/headless';

export class EndpointsController extends QueueController {
  private readonly services: SharedIndexInformer<Service>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly endpoints: SharedIndexInformer<Endpoints>;
  private readonly epClient: ResourceClient<Endpoints>;

  constructor(ctx: ControllerContext) {
    super('endpoints-controller', ctx);
    this.services = serviceInformer(ctx.informers);
    this.pods = podInformer(ctx.informers);
    this.endpoints = endpointsInformer(ctx.informers);
    this.epClient = ctx.client.resource<Endpoints>('', 'v1', 'endpoints');
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(s), onUpdate: (_o, s) => this.enqueue(s), onDelete: (s) => this.enqueue(s) });
    this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (o, p) => {
        if (o.metadata.resourceVersion === p.metadata.resourceVersion) return;
        this.podChanged(p, o);
      },
      onDelete: (p) => this.podChanged(p),
    });
    this.endpoints.addEventHandler({ onDelete: (e) => this.enqueue(e) });
  }

  private podChanged(obj: Pod | DeletedFinalStateUnknown<Pod>, old?: Pod): void {
    const pod = unwrapTombstone(obj);
    for (const svc of this.services.getIndexer().byIndex('namespace', pod.metadata.namespace ?? '')) {
      const sel = svc.spec?.selector;
      if (!sel || Object.keys(sel).length === 0) continue;
      const s = labelSelectorFromSet(sel);
      if (s.matches(pod.metadata.labels) || (old && s.matches(old.metadata.labels))) this.enqueue(svc);
    }
  }

  protected async sync(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const client = this.epClient.namespace(ns);
    const svc = this.services.getIndexer().getByKey(key);
    if (!svc) {
      await client.delete(name).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
      return;
    }
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return;
    const selector = labelSelectorFromSet(sel);
    const pods = this.pods.getIndexer().byIndex('namespace', ns).filter((p) => selector.matches(p.metadata.labels));
    const subsets = buildSubsets(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS] = '';
    const current = this.endpoints.getIndexer().getByKey(key);
    if (current && semanticEqual(current.subsets ?? [], subsets) && semanticEqual(current.metadata.labels ?? {}, labels)) return;
    const body: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { ...(current?.metadata ?? { name, namespace: ns }), labels }, subsets };
    if (current) await client.update(body);
    else await client.create(body);
  }
}
