// The node lifecycle controller (C): every --node-monitor-period it checks each node's Lease and
// Ready heartbeat; a node silent for longer than --node-monitor-grace-period gets Unknown
// conditions, its pods are marked not ready, and it is tainted unreachable (or not-ready)
// NoExecute at --node-eviction-rate. NoSchedule taints follow node conditions and cordoning.
import type { Node, Pod } from '@kubelite/api';
import { isConflict, isNotFound, type Lease, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController, errText } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import type { EventRecorder } from '@kubelite/client';
import { NODE_NAME_INDEX, nodeInformer, podInformer } from '../../controller/informers.js';
import { rfc3339 } from '../../controller/pod-util.js';
import { observe, staleConditions, type NodeHealth } from './health.js';
import {
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  noExecuteKey,
  noScheduleTaintsInSync,
  readyStatus,
  setNoExecute,
  syncNoScheduleTaints,
  updateTaints,
} from './node-taints.js';

/** How often the NoExecute tainting queue is drained (upstream's 100 ms). */
const TAINT_TICK_MS = 100;

export class NodeLifecycleController extends QueueController {
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly leases: SharedIndexInformer<Lease>;
  private readonly nodeClient: ResourceClient<Node>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  /** nodes waiting for their NoExecute taint, in arrival order */
  private readonly toTaint = new Map<string, string>();
  private tokens = 1;
  private lastTick = Date.now();

  constructor(ctx: ControllerContext) {
    super('node-lifecycle-controller', ctx);
    this.nodes = nodeInformer(ctx.informers);
    this.pods = podInformer(ctx.informers);
    this.leases = ctx.informers.forResource<Lease>('coordination.k8s.io', 'v1', 'leases');
    this.nodeClient = ctx.client.resource<Node>('', 'v1', 'nodes');
    this.podClient = ctx.client.resource<Pod>('', 'v1', 'pods');
    this.recorder = ctx.recorder('node-controller');
    this.nodes.addEventHandler({
      onAdd: (n) => {
        this.recorder.event(n, 'Normal', 'RegisteredNode', `Node ${n.metadata.name ?? ''} event: Registered Node ${n.metadata.name ?? ''} in Controller`, 'Node');
        this.enqueue(n);
      },
      onUpdate: (_o, n) => this.enqueue(n),
      onDelete: (n) => {
        const name = 'key' in n ? n.key : (n.metadata.name ?? '');
        this.health.delete(name);
        this.toTaint.delete(name);
      },
    });
  }

  /** The NoSchedule pass for one node (doNoScheduleTaintingPass). */
  protected async sync(name: string): Promise<void> {
    const node = this.nodes.getIndexer().getByKey(name);
    if (!node || noScheduleTaintsInSync(node)) return;
    await updateTaints(this.nodeClient, name, syncNoScheduleTaints);
  }

  override async run(workers: number, signal: AbortSignal): Promise<void> {
    const o = this.ctx.options;
    const monitor = setInterval(() => void this.monitorNodeHealth().catch((e: unknown) => this.log.warn({ err: errText(e) }, 'monitor failed')), o.nodeMonitorPeriodMs);
    const tainter = setInterval(() => void this.taintTick().catch((e: unknown) => this.log.warn({ err: errText(e) }, 'tainting failed')), TAINT_TICK_MS);
    try {
      await super.run(workers, signal);
    } finally {
      clearInterval(monitor);
      clearInterval(tainter);
    }
  }

  private monitoring = false;

  async monitorNodeHealth(): Promise<void> {
    if (this.monitoring) return;
    this.monitoring = true;
    try {
      for (const node of this.nodes.getIndexer().list()) await this.checkNode(node);
    } finally {
      this.monitoring = false;
    }
  }

  private async checkNode(node: Node): Promise<void> {
    const name = node.metadata.name ?? '';
    const now = Date.now();
    const lease = this.leases.getIndexer().getByKey(`kube-node-lease/${name}`);
    const h = observe(this.health.get(name), node, lease, now);
    this.health.set(name, h);
    const observedReady = readyStatus(node);
    const o = this.ctx.options;
    const grace = observedReady === undefined ? o.nodeStartupGracePeriodMs : o.nodeMonitorGracePeriodMs;
    let current = observedReady;
    if (now > h.probeTimestamp + grace) {
      const conditions = staleConditions(node);
      if (conditions) {
        await this.writeConditions(node, conditions);
        current = 'Unknown';
      }
    }
    this.decideNoExecute(name, observedReady);
    if (observedReady === 'True' && current !== 'True') await this.nodeBecameNotReady(node);
  }

  private async writeConditions(node: Node, conditions: NonNullable<NonNullable<Node['status']>['conditions']>): Promise<void> {
    try {
      await this.nodeClient.updateStatus({ ...node, status: { ...node.status, conditions } });
    } catch (err) {
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }

  /** NoExecute from the observed Ready status: swap at once, add through the rate limiter. */
  private decideNoExecute(name: string, ready: string | undefined): void {
    const node = this.nodes.getIndexer().getByKey(name);
    if (!node) return;
    const want = ready === 'False' ? TAINT_NOT_READY : ready === 'Unknown' ? TAINT_UNREACHABLE : undefined;
    const have = noExecuteKey(node);
    if (want === have) {
      this.toTaint.delete(name);
      return;
    }
    if (!want || have) {
      this.toTaint.delete(name);
      void updateTaints(this.nodeClient, name, (t) => setNoExecute(t, want)).catch((e: unknown) => this.log.warn({ err: errText(e), node: name }, 'taint update failed'));
      return;
    }
    if (!this.toTaint.has(name)) this.toTaint.set(name, want);
  }

  private async taintTick(): Promise<void> {
    const now = Date.now();
    const rate = this.ctx.options.nodeEvictionRate;
    this.tokens = Math.min(1, this.tokens + ((now - this.lastTick) / 1000) * rate);
    this.lastTick = now;
    for (const [name, key] of this.toTaint) {
      if (this.tokens < 1) return;
      this.toTaint.delete(name);
      this.tokens -= 1;
      await updateTaints(this.nodeClient, name, (t) => setNoExecute(t, key));
    }
  }

  /** MarkPodsNotReady: the pods of a node that stopped reporting are not ready either. */
  private async nodeBecameNotReady(node: Node): Promise<void> {
    const name = node.metadata.name ?? '';
    this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'Node');
    for (const pod of this.pods.getIndexer().byIndex(NODE_NAME_INDEX, name)) {
      const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' && c.status === 'True' ? { ...c, status: 'False', lastTransitionTime: rfc3339() } : c));
      if (JSON.stringify(conditions) === JSON.stringify(pod.status?.conditions ?? [])) continue;
      try {
        await this.podClient.namespace(pod.metadata.namespace ?? '').updateStatus({ ...pod, status: { ...pod.status, conditions } });
        this.ctx.recorder('node-controller').event(pod, 'Warning', 'NodeNotReady', 'Node is not ready', 'Pod');
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) this.log.warn({ err: errText(err), pod: pod.metadata.name }, 'could not mark pod not ready');
      }
    }
  }
}
