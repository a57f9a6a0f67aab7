// The EndpointSlice controller (E.2, pkg/controller/endpointslice): for every Service with a
// selector, discovery.k8s.io/v1 EndpointSlices listing the selected pods (ready, serving and
// terminating), at most --max-endpoints-per-slice to a slice. Slices carry an ownerReference to
// their Service, so when the Service goes the garbage collector removes them; Services without
// a selector get their slices from someone else and are left alone.
import {
  ENDPOINTSLICE_SERVICE_NAME_LABEL,
  labelSelectorFromSet,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
} from '@kubelite/api';
import { isNotFound, unwrapTombstone, type DeletedFinalStateUnknown, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { endpointSliceInformer, nodeInformer, podInformer, serviceInformer } from '../../controller/informers.js';
import { cmError } from '../../errors.js';
import { desiredEndpoints } from './desired.js';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, reconcile, type ReconcileResult } from './reconciler.js';
import { EndpointSliceTracker } from './tracker.js';

/** Slice changes made by others are batched for this long before the Service is synced again. */
const SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;
const EVENT_SOURCE = 'endpoint-slice-controller';

const managedByUs = (s: EndpointSlice): boolean => s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME;
const hasSelector = (svc: Service): boolean => svc.spec?.selector !== undefined && svc.spec.selector !== null;

export class EndpointSliceController extends QueueController {
  private readonly services: SharedIndexInformer<Service>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly slices: SharedIndexInformer<EndpointSlice>;
  private readonly sliceClient: ResourceClient<EndpointSlice>;
  readonly tracker = new EndpointSliceTracker();

  constructor(ctx: ControllerContext) {
    super('endpointslice-controller', ctx);
    this.services = serviceInformer(ctx.informers);
    this.pods = podInformer(ctx.informers);
    this.nodes = nodeInformer(ctx.informers);
    this.slices = endpointSliceInformer(ctx.informers);
    this.sliceClient = ctx.client.resource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices');
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(s), onUpdate: (_o, s) => this.enqueue(s), onDelete: (s) => this.enqueue(s) });
    this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (o, p) => {
        if (o.metadata.resourceVersion !== p.metadata.resourceVersion) this.podChanged(p, o);
      },
      onDelete: (p) => this.podChanged(p),
    });
    this.slices.addEventHandler({
      onAdd: (s) => {
        if (managedByUs(s) && this.tracker.shouldSync(s)) this.queueServiceOf(s);
      },
      onUpdate: (o, s) => {
        // A slice someone else changed, or one that changed hands, needs its Service re-synced.
        if (managedByUs(o) !== managedByUs(s) || (managedByUs(s) && this.tracker.shouldSync(s))) this.queueServiceOf(s);
        const oldSvc = o.metadata.labels?.[ENDPOINTSLICE_SERVICE_NAME_LABEL];
        if (oldSvc !== s.metadata.labels?.[ENDPOINTSLICE_SERVICE_NAME_LABEL]) this.queueServiceOf(o);
      },
      onDelete: (obj) => {
        const s = unwrapTombstone(obj);
        if (managedByUs(s) && this.tracker.has(s) && !this.tracker.handleDeletion(s)) this.queueServiceOf(s);
      },
    });
  }

  private queueServiceOf(slice: EndpointSlice): void {
    const svc = slice.metadata.labels?.[ENDPOINTSLICE_SERVICE_NAME_LABEL];
    if (svc) this.queue.addAfter(`${slice.metadata.namespace ?? ''}/${svc}`, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
  }

  private podChanged(obj: Pod | DeletedFinalStateUnknown<Pod>, old?: Pod): void {
    const pod = unwrapTombstone(obj);
    for (const svc of this.services.getIndexer().byIndex('namespace', pod.metadata.namespace ?? '')) {
      if (!hasSelector(svc)) continue;
      const s = labelSelectorFromSet(svc.spec!.selector!);
      if (s.matches(pod.metadata.labels) || (old && s.matches(old.metadata.labels))) this.enqueue(svc);
    }
  }

  protected async sync(key: string): Promise<void> {
    const [ns = '', name = ''] = key.split('/');
    const svc = this.services.getIndexer().getByKey(key);
    if (!svc) {
      // The garbage collector deletes the slices through their ownerReference.
      this.tracker.deleteService(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    const selector = labelSelectorFromSet(svc.spec!.selector!);
    const pods = this.pods.getIndexer().byIndex('namespace', ns).filter((p) => selector.matches(p.metadata.labels));
    const existing = this.slices
      .getIndexer()
      .byIndex('namespace', ns)
      // Slices already being deleted would only get the controller stuck on them.
      .filter((s) => managedByUs(s) && s.metadata.labels?.[ENDPOINTSLICE_SERVICE_NAME_LABEL] === name && !s.metadata.deletionTimestamp);
    if (this.tracker.staleSlices(key, existing)) throw cmError('REQUEUE', `EndpointSlice informer cache for ${key} is out of date`);
    const nodes = this.nodes.getIndexer();
    const desired = desiredEndpoints(svc, pods, (n) => nodes.getByKey(n));
    const plan = reconcile(svc, desired.groups, existing, this.ctx.options.maxEndpointsPerSlice);
    try {
      await this.finalize(svc, plan);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.ctx.recorder(EVENT_SOURCE).event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${msg}`, 'Service');
      throw err;
    }
    if (desired.missingNodes.length > 0) throw cmError('REQUEUE', `nodes ${desired.missingNodes.join(', ')} of pods behind ${key} are not known yet`);
  }

  private async finalize(svc: Service, plan: ReconcileResult): Promise<void> {
    const client = this.sliceClient.namespace(svc.metadata.namespace ?? '');
    // New slices for a Service being deleted would race the garbage collector.
    if (!svc.metadata.deletionTimestamp) {
      for (const s of plan.create) this.tracker.update(await client.create(s));
    }
    for (const s of plan.update) this.tracker.update(await client.update(s));
    for (const s of plan.delete) {
      try {
        await client.delete(s.metadata.name ?? '');
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      this.tracker.expectDeletion(s);
    }
  }
}
