// The Deployment controller (pkg/controller/deployment): owns ReplicaSets and drives rollouts.
// sync(key) is syncDeployment (A.4): claim RSes, then status-only for a deleted Deployment,
// scaling for a paused one or a replicas change, else a RollingUpdate or Recreate pass.
import { labelSelectorAsSelector, type Deployment, type DeploymentStatus, type KubeObject, type Pod, type ReplicaSet } from '@kubelite/api';
import { isNotFound, unwrapTombstone, type DeletedFinalStateUnknown, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { claimObjects } from '../../controller/controller-ref.js';
import type { EventRecorder } from '@kubelite/client';
import { CONTROLLER_UID_INDEX, deploymentInformer, podInformer, replicaSetInformer } from '../../controller/informers.js';
import { controllerRef, keyOf } from '../../controller/pod-util.js';
import { semanticEqual } from '../../controller/semantic.js';
import { PROGRESSING, Reasons, getCondition, newCondition, setCondition } from './conditions.js';
import { cleanupDeployment } from './history.js';
import { getNewReplicaSet } from './new-replica-set.js';
import { calculateStatus, hasProgressDeadline } from './progress.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { isScalingEvent, scale } from './scale.js';
import { REVISION, findOldReplicaSets } from './util.js';

export class DeploymentController extends QueueController {
  readonly dInformer: SharedIndexInformer<Deployment>;
  readonly rsInformer: SharedIndexInformer<ReplicaSet>;
  readonly podInformer: SharedIndexInformer<Pod>;
  readonly dClient: ResourceClient<Deployment>;
  readonly rsClient: ResourceClient<ReplicaSet>;
  readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super('deployment-controller', ctx);
    this.dInformer = deploymentInformer(ctx.informers);
    this.rsInformer = replicaSetInformer(ctx.informers);
    this.podInformer = podInformer(ctx.informers);
    this.dClient = ctx.client.resource<Deployment>('apps', 'v1', 'deployments');
    this.rsClient = ctx.client.resource<ReplicaSet>('apps', 'v1', 'replicasets');
    this.recorder = ctx.recorder('deployment-controller');
    this.dInformer.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_o, d) => this.enqueue(d),
      onDelete: (d) => this.enqueue(d),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.rsChanged(rs),
      onUpdate: (old, rs) => {
        const oldRef = controllerRef(old);
        if (oldRef && oldRef.uid !== controllerRef(rs)?.uid) this.rsChanged(old);
        this.rsChanged(rs);
      },
      onDelete: (rs) => this.rsChanged(unwrapTombstone(rs)),
    });
    this.podInformer.addEventHandler({ onDelete: (p) => this.podDeleted(p) });
  }

  keyFor(d: Deployment): string {
    return keyOf(d);
  }

  private ownerOf(obj: KubeObject): Deployment | undefined {
    const ref = controllerRef(obj);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.dInformer.getIndexer().getByKey(`${obj.metadata.namespace}/${ref.name}`);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  private rsChanged(rs: ReplicaSet): void {
    const d = this.ownerOf(rs);
    if (d) return this.enqueue(d);
    if (controllerRef(rs)) return;
    for (const dep of this.dInformer.getIndexer().byIndex('namespace', rs.metadata.namespace ?? '')) {
      if (labelSelectorAsSelector(dep.spec.selector).matches(rs.metadata.labels)) this.enqueue(dep);
    }
  }

  /** Recreate waits for old pods to go; their deletion is what lets it continue. */
  private podDeleted(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = unwrapTombstone(obj);
    const ref = controllerRef(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.getIndexer().getByKey(`${pod.metadata.namespace}/${ref.name}`);
    const d = rs && this.ownerOf(rs);
    if (d && d.spec.strategy?.type === 'Recreate') this.enqueue(d);
  }

  podsOf(rs: ReplicaSet): Pod[] {
    return this.podInformer.getIndexer().byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid ?? '');
  }

  /** The cached version of each RS (after this pass's writes have come back). */
  currentOf(rss: ReplicaSet[]): ReplicaSet[] {
    return rss.map((rs) => this.rsInformer.getIndexer().getByKey(keyOf(rs)) ?? rs);
  }

  async getAllReplicaSets(d: Deployment, rsList: ReplicaSet[], create: boolean): Promise<{ newRS?: ReplicaSet; oldRSs: ReplicaSet[] }> {
    const newRS = await getNewReplicaSet(this, d, rsList, create);
    return { newRS, oldRSs: findOldReplicaSets(rsList, newRS) };
  }

  statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
    return semanticEqual(a ?? {}, b);
  }

  /**
   * Writes status unconditionally: the status subresource cannot touch spec, and this
   * controller is the only writer of a Deployment's status.
   */
  async writeStatus(d: Deployment, status: DeploymentStatus): Promise<void> {
    const body: Deployment = { ...d, metadata: { ...d.metadata, resourceVersion: undefined }, status };
    try {
      await this.dClient.namespace(d.metadata.namespace ?? '').updateStatus(body);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /**
   * Upstream sets the Deployment's revision annotation through the status subresource; kubelite's
   * apiserver keeps metadata out of status writes, so it goes through a normal update.
   */
  async syncRevisionAnnotation(d: Deployment, revision: string | undefined): Promise<void> {
    if (revision === undefined || d.metadata.annotations?.[REVISION] === revision) return;
    const body: Deployment = { ...d, metadata: { ...d.metadata, annotations: { ...(d.metadata.annotations ?? {}), [REVISION]: revision } } };
    await this.dClient.namespace(d.metadata.namespace ?? '').update(body);
  }

  protected async sync(key: string): Promise<void> {
    const d = this.dInformer.getIndexer().getByKey(key);
    if (!d) return;
    const selector = labelSelectorAsSelector(d.spec.selector);
    if (selector.empty()) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', 'Deployment');
      if (d.status?.observedGeneration !== d.metadata.generation) await this.writeStatus(d, { ...(d.status ?? {}), observedGeneration: d.metadata.generation });
      return;
    }
    const rsList = await this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, rsList);
    if (await this.checkPausedConditions(d)) return;
    if (d.spec.paused || isScalingEvent(d, rsList)) return this.syncScale(d, rsList);
    if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(this, d, rsList);
    return rolloutRolling(this, d, rsList);
  }

  private async claimReplicaSets(d: Deployment): Promise<ReplicaSet[]> {
    const ns = d.metadata.namespace ?? '';
    const all = this.rsInformer.getIndexer().byIndex('namespace', ns);
    return claimObjects(all, {
      owner: d,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'Deployment',
      selector: labelSelectorAsSelector(d.spec.selector),
      client: this.rsClient as unknown as ResourceClient<KubeObject>,
      fetchOwner: () => this.dClient.namespace(ns).get(d.metadata.name ?? ''),
    });
  }

  private async syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSets(d, rsList, false);
    const status = calculateStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS, d);
    if (!this.statusEqual(d.status, status)) await this.writeStatus(d, status);
  }

  /** sync(): scaling and status, for paused Deployments and replica changes. */
  private async syncScale(d: Deployment, rsList: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSets(d, rsList, false);
    await scale(this, d, newRS, oldRSs);
    if (d.spec.paused) await cleanupDeployment(this, oldRSs, d);
    const all = this.currentOf([...oldRSs, ...(newRS ? [newRS] : [])]);
    const status = calculateStatus(all, newRS, d);
    if (!this.statusEqual(d.status, status)) await this.writeStatus(d, status);
  }

  /** Paused/resumed Progressing conditions (A.9); true if status was written. */
  private async checkPausedConditions(d: Deployment): Promise<boolean> {
    if (!hasProgressDeadline(d)) return false;
    const cond = getCondition(d.status, PROGRESSING);
    if (cond?.reason === Reasons.TimedOut) return false;
    const pausedCond = cond?.reason === Reasons.Paused;
    const status = { ...(d.status ?? {}), conditions: [...(d.status?.conditions ?? [])] };
    if (d.spec.paused && !pausedCond) setCondition(status, newCondition(PROGRESSING, 'Unknown', Reasons.Paused, 'Deployment is paused'));
    else if (!d.spec.paused && pausedCond) setCondition(status, newCondition(PROGRESSING, 'Unknown', Reasons.Resumed, 'Deployment is resumed'));
    else return false;
    await this.writeStatus(d, status);
    return true;
  }
}
