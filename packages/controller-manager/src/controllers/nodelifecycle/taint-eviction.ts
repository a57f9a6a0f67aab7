// The taint-eviction controller (C.3): pods on a node with NoExecute taints are deleted — at
// once if some taint is not tolerated, else when the shortest matching tolerationSeconds runs
// out (counted from when the eviction was first scheduled); tolerations without a time keep the
// pod forever. Before deleting, the pod gets a DisruptionTarget condition.
import type { Node, Pod, Taint } from '@kubelite/api';
import { isConflict, isNotFound, unwrapTombstone, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import type { EventRecorder } from '@kubelite/client';
import { NODE_NAME_INDEX, nodeInformer, podInformer } from '../../controller/informers.js';
import { keyOf, rfc3339 } from '../../controller/pod-util.js';
import { toleratesTaint } from '../../controller/taints.js';

interface Scheduled {
  createdAt: number;
  fireAt: number;
  timer: NodeJS.Timeout;
}

/** When the pod must go: 0 = now, Infinity = never. */
export function evictionDelayMs(pod: Pod, taints: readonly Taint[]): number {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return Infinity;
  let min = Infinity;
  for (const taint of noExecute) {
    const matching = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
  }
  return min;
}

export class TaintEvictionController extends QueueController {
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly scheduled = new Map<string, Scheduled>();

  constructor(ctx: ControllerContext) {
    super('taint-eviction-controller', ctx);
    this.nodes = nodeInformer(ctx.informers);
    this.pods = podInformer(ctx.informers);
    this.podClient = ctx.client.resource<Pod>('', 'v1', 'pods');
    this.recorder = ctx.recorder('taint-eviction-controller');
    this.pods.addEventHandler({
      onAdd: (p) => this.enqueue(p),
      onUpdate: (o, p) => {
        if (o.spec.nodeName !== p.spec.nodeName || JSON.stringify(o.spec.tolerations) !== JSON.stringify(p.spec.tolerations)) this.enqueue(p);
      },
      onDelete: (p) => this.cancel(keyOf(unwrapTombstone(p)), false),
    });
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeChanged(n),
      onUpdate: (o, n) => {
        if (JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? [])) this.nodeChanged(n);
      },
    });
  }

  private nodeChanged(node: Node): void {
    for (const p of this.pods.getIndexer().byIndex(NODE_NAME_INDEX, node.metadata.name ?? '')) this.enqueue(p);
  }

  private cancel(key: string, withEvent: boolean, pod?: Pod): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    clearTimeout(s.timer);
    this.scheduled.delete(key);
    if (withEvent && pod) this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, 'Pod');
  }

  protected async sync(key: string): Promise<void> {
    const pod = this.pods.getIndexer().getByKey(key);
    if (!pod || pod.metadata.deletionTimestamp || !pod.spec.nodeName) return this.cancel(key, false);
    const node = this.nodes.getIndexer().getByKey(pod.spec.nodeName);
    const delay = evictionDelayMs(pod, node?.spec?.taints ?? []);
    if (delay === Infinity) return this.cancel(key, true, pod);
    if (delay === 0) {
      this.cancel(key, false);
      return this.evict(pod);
    }
    const now = Date.now();
    const existing = this.scheduled.get(key);
    const createdAt = existing?.createdAt ?? now;
    if (existing && existing.fireAt <= createdAt + delay) return;
    this.cancel(key, false);
    const timer = setTimeout(() => {
      this.scheduled.delete(key);
      const current = this.pods.getIndexer().getByKey(key);
      if (current) void this.evict(current).catch((e: unknown) => this.log.warn({ err: String(e), pod: key }, 'eviction failed'));
    }, Math.max(0, createdAt + delay - now));
    timer.unref();
    this.scheduled.set(key, { createdAt, fireAt: createdAt + delay, timer });
  }

  private async evict(pod: Pod): Promise<void> {
    const key = keyOf(pod);
    this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, 'Pod');
    const pods = this.podClient.namespace(pod.metadata.namespace ?? '');
    try {
      const fresh = await pods.get(pod.metadata.name ?? '');
      const conditions = (fresh.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
        lastTransitionTime: rfc3339(),
      });
      await pods.updateStatus({ ...fresh, status: { ...fresh.status, conditions } });
      await pods.delete(pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
