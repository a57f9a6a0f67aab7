// The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods that
// match the selector, adopting orphans and releasing pods that stop matching, with expectations
// so that one shortfall is acted on once however slow the pod watch is, and status written
// through the status subresource.
import { labelSelectorAsSelector, type Pod, type ReplicaSet } from '@kubelite/api';
import { isConflict, isNotFound, unwrapTombstone, type DeletedFinalStateUnknown, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { claimObjects } from '../../controller/controller-ref.js';
import { ControllerExpectations } from '../../controller/expectations.js';
import { CONTROLLER_UID_INDEX, podInformer, replicaSetInformer } from '../../controller/informers.js';
import { PodControl } from '../../controller/pod-control.js';
import { controllerRef, isPodActive, isPodReady, keyOf } from '../../controller/pod-util.js';
import type { KubeObject } from '@kubelite/api';
import { manageReplicas } from './manage.js';
import { calculateStatus, statusEqual } from './status.js';

export const RS_KIND = 'ReplicaSet';
export const RS_API_VERSION = 'apps/v1';

export class ReplicaSetController extends QueueController {
  readonly expectations = new ControllerExpectations();
  readonly rsInformer: SharedIndexInformer<ReplicaSet>;
  readonly podInformer: SharedIndexInformer<Pod>;
  readonly rsClient: ResourceClient<ReplicaSet>;
  readonly podClient: ResourceClient<Pod>;
  readonly podControl: PodControl;

  constructor(ctx: ControllerContext) {
    super('replicaset-controller', ctx);
    this.rsInformer = replicaSetInformer(ctx.informers);
    this.podInformer = podInformer(ctx.informers);
    this.rsClient = ctx.client.resource<ReplicaSet>('apps', 'v1', 'replicasets');
    this.podClient = ctx.client.resource<Pod>('', 'v1', 'pods');
    this.podControl = new PodControl(ctx.client, ctx.recorder('replicaset-controller'));
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (_old, rs) => this.enqueue(rs),
      onDelete: (rs) => {
        this.expectations.delete(keyOf(unwrapTombstone(rs)));
        this.enqueue(rs);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.podAdded(p),
      onUpdate: (o, p) => this.podUpdated(o, p),
      onDelete: (p) => this.podDeleted(p),
    });
  }

  private ownerOf(pod: Pod): ReplicaSet | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== RS_KIND) return undefined;
    const rs = this.rsInformer.getIndexer().getByKey(`${pod.metadata.namespace}/${ref.name}`);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  /** Orphans wake every ReplicaSet that selects them, so one of them adopts. */
  private enqueueSelecting(pod: Pod): void {
    for (const rs of this.rsInformer.getIndexer().byIndex('namespace', pod.metadata.namespace ?? '')) {
      if (labelSelectorAsSelector(rs.spec.selector).matches(pod.metadata.labels)) this.enqueue(rs);
    }
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.podDeleted(pod);
    const rs = this.ownerOf(pod);
    if (rs) {
      this.expectations.creationObserved(keyOf(rs));
      return this.enqueue(rs);
    }
    if (!controllerRef(pod)) this.enqueueSelecting(pod);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) {
      // A graceful delete: the pod no longer counts, so the RS may act before it is gone.
      return this.podDeleted(pod);
    }
    const oldRef = controllerRef(old);
    const rs = this.ownerOf(pod);
    if (oldRef && oldRef.uid !== controllerRef(pod)?.uid) {
      const prev = this.rsInformer.getIndexer().getByKey(`${old.metadata.namespace}/${oldRef.name}`);
      if (prev) this.enqueue(prev);
    }
    if (rs) {
      this.enqueue(rs);
      const min = rs.spec.minReadySeconds ?? 0;
      if (min > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueueAfter(rs, (min + 1) * 1000);
      return;
    }
    if (!controllerRef(pod)) this.enqueueSelecting(pod);
  }

  private podDeleted(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = unwrapTombstone(obj);
    const rs = this.ownerOf(pod);
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.enqueue(rs);
  }

  protected async sync(key: string): Promise<void> {
    const rs = this.rsInformer.getIndexer().getByKey(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const pods = await this.claimPods(rs);
    let manageErr: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await manageReplicas(this, rs, pods);
      } catch (err) {
        manageErr = err;
      }
    }
    await this.updateStatus(rs, pods, manageErr);
    if (manageErr) throw manageErr;
  }

  private async claimPods(rs: ReplicaSet): Promise<Pod[]> {
    const ns = rs.metadata.namespace ?? '';
    const selector = labelSelectorAsSelector(rs.spec.selector);
    const indexer = this.podInformer.getIndexer();
    // Owned pods come from the index; only orphans need the selector scan.
    const owned = indexer.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid ?? '');
    const orphans = indexer.byIndex('namespace', ns).filter((p) => !controllerRef(p) && selector.matches(p.metadata.labels));
    const candidates = [...owned, ...orphans].filter(isPodActive);
    return claimObjects(candidates, {
      owner: rs,
      ownerApiVersion: RS_API_VERSION,
      ownerKind: RS_KIND,
      selector,
      client: this.podClient as unknown as ResourceClient<KubeObject>,
      fetchOwner: () => this.rsClient.namespace(ns).get(rs.metadata.name ?? ''),
    });
  }

  private async updateStatus(rs: ReplicaSet, pods: Pod[], manageErr: unknown): Promise<void> {
    const status = calculateStatus(rs, pods, manageErr);
    const min = rs.spec.minReadySeconds ?? 0;
    const want = rs.spec.replicas ?? 1;
    if (min > 0 && status.readyReplicas === want && status.availableReplicas !== want) this.enqueueAfter(rs, min * 1000);
    if (statusEqual(rs.status, status)) return;
    const ns = rs.metadata.namespace ?? '';
    try {
      await this.rsClient.namespace(ns).updateStatus({ ...rs, status });
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err)) throw err;
      const fresh = await this.rsClient.namespace(ns).get(rs.metadata.name ?? '');
      await this.rsClient.namespace(ns).updateStatus({ ...fresh, status: { ...status, observedGeneration: fresh.metadata.generation } });
    }
  }
}
