// The ServiceAccount controller (E.6): every namespace that is not terminating has a `default`
// ServiceAccount; deleting it brings it back.
import type { Namespace } from '@kubelite/api';
import { isAlreadyExists, unwrapTombstone, type KubeClient, type SharedIndexInformer } from '@kubelite/client';
import type { KubeObject } from '@kubelite/api';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { namespaceInformer } from '../../controller/informers.js';

const DEFAULT_SA = 'default';

export class ServiceAccountController extends QueueController {
  private readonly namespaces: SharedIndexInformer<Namespace>;
  private readonly serviceAccounts: SharedIndexInformer<KubeObject>;
  private readonly client: KubeClient;

  constructor(ctx: ControllerContext) {
    super('serviceaccount-controller', ctx);
    this.client = ctx.client;
    this.namespaces = namespaceInformer(ctx.informers);
    this.serviceAccounts = ctx.informers.forResource<KubeObject>('', 'v1', 'serviceaccounts');
    this.namespaces.addEventHandler({ onAdd: (n) => this.enqueue(n), onUpdate: (_o, n) => this.enqueue(n) });
    this.serviceAccounts.addEventHandler({
      onDelete: (o) => {
        const sa = unwrapTombstone(o);
        if (sa.metadata.name === DEFAULT_SA) this.queue.add(sa.metadata.namespace ?? '');
      },
    });
  }

  protected async sync(ns: string): Promise<void> {
    const namespace = this.namespaces.getIndexer().getByKey(ns);
    if (!namespace || namespace.metadata.deletionTimestamp || namespace.status?.phase === 'Terminating') return;
    if (this.serviceAccounts.getIndexer().getByKey(`${ns}/${DEFAULT_SA}`)) return;
    try {
      await this.client.resource<KubeObject>('', 'v1', 'serviceaccounts').namespace(ns).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SA, namespace: ns } });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
}
