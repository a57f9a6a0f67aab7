// The garbage collector (D): deletes objects whose owners are gone, orphans dependents of owners
// deleted with propagationPolicy Orphan, and deletes dependents first for Foreground deletion,
// removing the owner's `orphan` / `foregroundDeletion` finalizer when its work is done.
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS, RESOURCES, type KubeObject, type ResourceInfo } from '@kubelite/api';
import { unwrapTombstone, type DeletedFinalStateUnknown, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { Graph } from './graph.js';
import { attemptToDelete, orphanDependents, processDeletingDependents } from './operations.js';

/** Resources the collector watches: everything deletable and watchable except Events. */
export function collectedResources(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.resource !== 'events' && ['list', 'watch', 'delete'].every((v) => r.verbs.includes(v as never)));
}

const hasFinalizer = (o: KubeObject, f: string): boolean => (o.metadata.finalizers ?? []).includes(f);

export class GarbageCollector extends QueueController {
  readonly graph = new Graph();
  /** owners a live GET found missing, so dependents need not ask again */
  readonly absentOwners = new Set<string>();

  constructor(ctx: ControllerContext) {
    super('garbage-collector-controller', ctx);
    for (const info of collectedResources()) {
      const informer = ctx.informers.informerFor<KubeObject>(info);
      informer.addEventHandler({
        onAdd: (o) => this.observed(o, info, informer),
        onUpdate: (old, o) => this.observed(o, info, informer, old),
        onDelete: (o) => this.deleted(o),
      });
    }
  }

  get client(): ControllerContext['client'] {
    return this.ctx.client;
  }

  private observed(obj: KubeObject, info: ResourceInfo, informer: SharedIndexInformer<KubeObject>, old?: KubeObject): void {
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.graph.upsert(obj, info, informer);
    const uid = obj.metadata.uid ?? '';
    if (obj.metadata.deletionTimestamp && (hasFinalizer(obj, FINALIZER_ORPHAN_DEPENDENTS) || hasFinalizer(obj, FINALIZER_DELETE_DEPENDENTS))) {
      this.queue.add(uid);
      if (hasFinalizer(obj, FINALIZER_DELETE_DEPENDENTS)) for (const d of this.graph.dependentsOf(uid)) this.queue.add(d);
    }
    if (this.needsCheck(obj)) this.queue.add(uid);
  }

  /** A dependent whose owners are not all known and live (or one is deleting) needs a look. */
  private needsCheck(obj: KubeObject): boolean {
    return (obj.metadata.ownerReferences ?? []).some((r) => {
      const owner = this.graph.object(r.uid);
      return !owner || (owner.metadata.deletionTimestamp && hasFinalizer(owner, FINALIZER_DELETE_DEPENDENTS));
    });
  }

  private deleted(o: KubeObject | DeletedFinalStateUnknown<KubeObject>): void {
    const obj = unwrapTombstone(o);
    const uid = obj.metadata.uid ?? '';
    this.graph.remove(obj);
    for (const d of this.graph.dependentsOf(uid)) this.queue.add(d);
    // An owner waiting in foreground deletion may now be free of blocking dependents.
    for (const r of obj.metadata.ownerReferences ?? []) if (this.graph.has(r.uid)) this.queue.add(r.uid);
  }

  protected async sync(uid: string): Promise<void> {
    const obj = this.graph.object(uid);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, FINALIZER_ORPHAN_DEPENDENTS)) return orphanDependents(this, obj);
      if (hasFinalizer(obj, FINALIZER_DELETE_DEPENDENTS)) return processDeletingDependents(this, obj);
      return;
    }
    if ((obj.metadata.ownerReferences ?? []).length > 0) await attemptToDelete(this, obj);
  }

  enqueueUidAfter(uid: string, ms: number): void {
    this.queue.addAfter(uid, ms);
  }
}
