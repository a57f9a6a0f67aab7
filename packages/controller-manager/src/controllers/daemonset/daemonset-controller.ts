// The DaemonSet controller (E.3), reduced: one pod per eligible node, pinned by node affinity
// and left to the scheduler; pods on nodes that no longer qualify are deleted; a template change
// replaces pods node by node within maxUnavailable; status as `kubectl get ds` shows it.
import { labelSelectorAsSelector, scaledValue, type DaemonSet, type Node, type Pod } from '@kubelite/api';
import { isConflict, isNotFound, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { computeHash } from '../../controller/hash.js';
import { CONTROLLER_UID_INDEX, daemonSetInformer, nodeInformer, podInformer } from '../../controller/informers.js';
import { ControllerExpectations } from '../../controller/expectations.js';
import { PodControl, podFromTemplate } from '../../controller/pod-control.js';
import { controllerRef, isPodActive, isPodAvailable, isPodReady, newControllerRef } from '../../controller/pod-util.js';
import { pinToNode, shouldRunOn, withDaemonTolerations } from './placement.js';

const REVISION_HASH = 'controller-revision-hash';
const TEMPLATE_GENERATION = 'pod-template-generation';

export class DaemonSetController extends QueueController {
  private readonly dsInformer: SharedIndexInformer<DaemonSet>;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly dsClient: ResourceClient<DaemonSet>;
  private readonly podControl: PodControl;
  private readonly expectations = new ControllerExpectations();

  constructor(ctx: ControllerContext) {
    super('daemonset-controller', ctx);
    this.dsInformer = daemonSetInformer(ctx.informers);
    this.nodes = nodeInformer(ctx.informers);
    this.pods = podInformer(ctx.informers);
    this.dsClient = ctx.client.resource<DaemonSet>('apps', 'v1', 'daemonsets');
    this.podControl = new PodControl(ctx.client, ctx.recorder('daemonset-controller'));
    const all = (): void => this.dsInformer.getIndexer().list().forEach((ds) => this.enqueue(ds));
    this.dsInformer.addEventHandler({ onAdd: (d) => this.enqueue(d), onUpdate: (_o, d) => this.enqueue(d) });
    this.nodes.addEventHandler({ onAdd: all, onUpdate: (o, n) => o.metadata.resourceVersion !== n.metadata.resourceVersion && all(), onDelete: all });
    const podEvent = (p: Pod, added = false): void => {
      const ref = controllerRef(p);
      if (ref?.kind !== 'DaemonSet') return;
      const ds = this.dsInformer.getIndexer().getByKey(`${p.metadata.namespace}/${ref.name}`);
      if (!ds) return;
      if (added) this.expectations.creationObserved(key(ds));
      this.enqueue(ds);
    };
    const key = (ds: DaemonSet): string => `${ds.metadata.namespace ?? ''}/${ds.metadata.name ?? ''}`;
    this.pods.addEventHandler({ onAdd: (p) => podEvent(p, true), onUpdate: (_o, p) => podEvent(p), onDelete: (p) => podEvent('key' in p ? p.obj : p) });
  }

  protected async sync(key: string): Promise<void> {
    const ds = this.dsInformer.getIndexer().getByKey(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const selector = labelSelectorAsSelector(ds.spec.selector);
    const owned = this.pods.getIndexer().byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid ?? '').filter((p) => isPodActive(p) && selector.matches(p.metadata.labels));
    const byNode = new Map<string, Pod[]>();
    for (const p of owned) {
      const node = podNode(p);
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    const eligible = this.nodes.getIndexer().list().filter((n) => shouldRunOn(ds.spec.template, n));
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name ?? ''));
    const toCreate = eligible.filter((n) => !byNode.has(n.metadata.name ?? '')).map((n) => n.metadata.name ?? '');
    const toDelete = owned.filter((p) => !eligibleNames.has(podNode(p)));
    for (const pods of byNode.values()) toDelete.push(...pods.slice(1));
    toDelete.push(...this.rollingVictims(ds, eligible.length, owned, hash));
    if (this.expectations.satisfied(key)) {
      this.expectations.expectCreations(key, toCreate.length);
      await Promise.all(toDelete.map((p) => this.podControl.delete(ds, 'DaemonSet', p)));
      const results = await Promise.allSettled(toCreate.map((node) => this.createPod(ds, node, hash)));
      const failed = results.filter((r) => r.status === 'rejected').length;
      this.expectations.lowerCreations(key, failed);
    }
    await this.updateStatus(ds, eligible.length, owned, eligibleNames, hash);
  }

  /** Old-template pods to replace now: at most maxUnavailable nodes down at a time. */
  private rollingVictims(ds: DaemonSet, desired: number, owned: Pod[], hash: string): Pod[] {
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
    const maxUnavailable = Math.max(1, scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true));
    const min = ds.spec.minReadySeconds ?? 0;
    const unavailable = owned.filter((p) => !isPodAvailable(p, min)).length + Math.max(0, desired - owned.length);
    const old = owned.filter((p) => p.metadata.labels?.[REVISION_HASH] !== hash);
    const oldUnavailable = old.filter((p) => !isPodAvailable(p, min));
    const budget = Math.max(0, maxUnavailable - unavailable);
    return [...oldUnavailable, ...old.filter((p) => isPodAvailable(p, min)).slice(0, budget)];
  }

  private async createPod(ds: DaemonSet, node: string, hash: string): Promise<void> {
    const template = pinToNode(withDaemonTolerations(ds.spec.template), node);
    const pod = podFromTemplate(template, ds.metadata.namespace ?? '', `${ds.metadata.name ?? ''}-`, newControllerRef(ds, 'apps/v1', 'DaemonSet'));
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_HASH]: hash, [TEMPLATE_GENERATION]: String(ds.metadata.generation ?? 1) };
    await this.podControl.create(ds, 'DaemonSet', pod);
  }

  private async updateStatus(ds: DaemonSet, desired: number, owned: Pod[], eligible: Set<string>, hash: string): Promise<void> {
    const min = ds.spec.minReadySeconds ?? 0;
    const onEligible = owned.filter((p) => eligible.has(podNode(p)));
    const available = onEligible.filter((p) => isPodAvailable(p, min)).length;
    const status = {
      ...(ds.status ?? {}),
      desiredNumberScheduled: desired,
      currentNumberScheduled: onEligible.length,
      numberMisscheduled: owned.length - onEligible.length,
      numberReady: onEligible.filter(isPodReady).length,
      updatedNumberScheduled: onEligible.filter((p) => p.metadata.labels?.[REVISION_HASH] === hash).length,
      numberAvailable: available,
      numberUnavailable: Math.max(0, desired - available),
      observedGeneration: ds.metadata.generation,
    };
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    try {
      await this.dsClient.namespace(ds.metadata.namespace ?? '').updateStatus({ ...ds, metadata: { ...ds.metadata, resourceVersion: undefined }, status });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}

/** The node a DS pod is for: where it is bound, else the node its affinity pins it to. */
function podNode(p: Pod): string {
  if (p.spec.nodeName) return p.spec.nodeName;
  const term = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0];
  return term?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0] ?? '';
}
