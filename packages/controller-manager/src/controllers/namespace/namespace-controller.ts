// The namespace controller (E.5): a namespace being deleted has all its content deleted; while
// content remains its conditions say what; once nothing is left the `kubernetes` finalizer is
// removed and the API server deletes the namespace itself.
import { FINALIZER_KUBERNETES, RESOURCES, type KubeObject, type Namespace, type ResourceInfo } from '@kubelite/api';
import { isConflict, isNotFound, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController, errText } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { namespaceInformer } from '../../controller/informers.js';
import { deletionConditions, mergeConditions, type DeletionReport } from './conditions.js';

/** How soon to look again while content is still going away. */
const RECHECK_MS = 1000;

function deletableResources(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.namespaced && r.verbs.includes('list') && (r.verbs.includes('deletecollection') || r.verbs.includes('delete')));
}

export class NamespaceController extends QueueController {
  private readonly namespaces: SharedIndexInformer<Namespace>;
  private readonly nsClient: ResourceClient<Namespace>;

  constructor(ctx: ControllerContext) {
    super('namespace-controller', ctx);
    this.namespaces = namespaceInformer(ctx.informers);
    this.nsClient = ctx.client.resource<Namespace>('', 'v1', 'namespaces');
    this.namespaces.addEventHandler({ onAdd: (n) => this.enqueue(n), onUpdate: (_o, n) => this.enqueue(n) });
  }

  protected async sync(name: string): Promise<void> {
    const ns = this.namespaces.getIndexer().getByKey(name);
    if (!ns?.metadata.deletionTimestamp || !(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const report = await this.deleteAllContent(name);
    await this.writeConditions(ns, report);
    if (report.remaining.size > 0 || report.failures.length > 0) {
      this.queue.addAfter(name, RECHECK_MS);
      return;
    }
    await this.finalize(name);
  }

  private async deleteAllContent(ns: string): Promise<DeletionReport> {
    const report: DeletionReport = { remaining: new Map(), finalizers: new Map(), failures: [] };
    await Promise.all(deletableResources().map((info) => this.deleteResource(ns, info, report)));
    return report;
  }

  private async deleteResource(ns: string, info: ResourceInfo, report: DeletionReport): Promise<void> {
    const rc = this.ctx.client.forResource<KubeObject>(info).namespace(ns);
    const gr = `${info.resource}.${info.group}`;
    try {
      let items = (await rc.list()).items;
      if (items.some((i) => !i.metadata.deletionTimestamp)) {
        if (info.verbs.includes('deletecollection')) await rc.deleteCollection();
        else await Promise.all(items.map((i) => rc.delete(i.metadata.name ?? '').catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)))));
        items = (await rc.list()).items;
      }
      if (items.length > 0) report.remaining.set(gr, items.length);
      for (const i of items) for (const f of i.metadata.finalizers ?? []) report.finalizers.set(f, (report.finalizers.get(f) ?? 0) + 1);
    } catch (err) {
      report.failures.push(`${gr}: ${errText(err)}`);
    }
  }

  private async writeConditions(ns: Namespace, report: DeletionReport): Promise<void> {
    const conditions = mergeConditions(ns.status?.conditions ?? [], deletionConditions(report));
    if (JSON.stringify(conditions) === JSON.stringify(ns.status?.conditions ?? [])) return;
    try {
      await this.nsClient.updateStatus({ ...ns, metadata: { ...ns.metadata, resourceVersion: undefined }, status: { ...ns.status, conditions } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /** Drops the `kubernetes` finalizer (kubelite serves no namespaces/finalize: a plain update). */
  private async finalize(name: string): Promise<void> {
    try {
      const fresh = await this.nsClient.get(name);
      const finalizers = (fresh.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
      await this.nsClient.update({ ...fresh, spec: { ...fresh.spec, finalizers } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
