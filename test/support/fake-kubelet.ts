// A stand-in for kubelets in controller tests (like KWOK): API-object Nodes posted Ready once and
// kept alive by renewing their kube-node-lease Lease (as a kubelet does between status reports), pods bound to them reported Running and Ready with an
// IP, and pods being deleted on them finished off (what a kubelet does once containers stop).
// stopNode() makes one node go silent, as if its kubelet died.
import { KubeClient, SharedInformerFactory, isConflict, isNotFound, type Lease, type SharedIndexInformer } from '@kubelite/client';
import type { Node, Pod } from '@kubelite/api';

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (): string => new Date().toISOString().replace(/Z$/, '000Z');

export interface FakeKubeletOptions {
  /** how often Leases are renewed and heartbeats posted; default 1000 ms */
  heartbeatMs?: number;
  /** delay before a bound pod is reported Running+Ready; default 0 */
  readyDelayMs?: number;
  /** false: only nodes and Leases (API-object nodes for benchmarks), pods are left alone */
  handlePods?: boolean;
}

export class FakeKubelet {
  private readonly informers: SharedInformerFactory;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly alive = new Set<string>();
  private readonly all = new Set<string>();
  private readonly stop = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ipSeq = 1;
  private readonly inflight = new Set<string>();
  /** unexpected failures while handling pods */
  readonly errors: string[] = [];

  constructor(
    readonly client: KubeClient,
    private readonly opts: FakeKubeletOptions = {},
  ) {
    this.informers = new SharedInformerFactory(client);
    this.pods = this.informers.forResource<Pod>('', 'v1', 'pods');
    const handle = (p: Pod): void => void this.handlePod(p);
    if (opts.handlePods !== false) this.pods.addEventHandler({ onAdd: handle, onUpdate: (_o, p) => handle(p) });
  }

  async start(nodeNames: readonly string[]): Promise<void> {
    await Promise.all(nodeNames.map((n) => this.addNode(n)));
    this.informers.start(this.stop.signal);
    await this.informers.waitForCacheSync(this.stop.signal);
    this.timer = setInterval(() => void this.heartbeat(), this.opts.heartbeatMs ?? 1000);
  }

  async addNode(name: string, labels: Record<string, string> = {}): Promise<void> {
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
      spec: {},
      status: {
        capacity: { cpu: '32', memory: '64Gi', pods: '110' },
        allocatable: { cpu: '32', memory: '64Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now(), lastTransitionTime: now() }],
        addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
      },
    };
    const nodes = this.client.resource<Node>('', 'v1', 'nodes');
    const created = await nodes.create(node);
    await nodes.updateStatus({ ...created, status: node.status });
    await this.client.resource<Lease>('coordination.k8s.io', 'v1', 'leases').namespace('kube-node-lease').create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro() },
    });
    this.alive.add(name);
    this.all.add(name);
  }

  /** The node's kubelet dies: no more heartbeats, no pod handling. */
  stopNode(name: string): void {
    this.alive.delete(name);
  }

  private async heartbeat(): Promise<void> {
    const leases = this.client.resource<Lease>('coordination.k8s.io', 'v1', 'leases').namespace('kube-node-lease');
    await Promise.all(
      [...this.alive].map(async (name) => {
        try {
          const l = await leases.get(name);
          await leases.update({ ...l, spec: { ...l.spec, renewTime: micro() } });
        } catch {
          // next beat retries
        }
      }),
    );
  }

  private async handlePod(pod: Pod): Promise<void> {
    const node = pod.spec.nodeName;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${pod.metadata.uid}`;
    if (!node || !this.alive.has(node) || this.inflight.has(key)) return;
    const pods = this.client.resource<Pod>('', 'v1', 'pods').namespace(pod.metadata.namespace ?? '');
    this.inflight.add(key);
    try {
      if (pod.metadata.deletionTimestamp) {
        await pods.delete(pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
        return;
      }
      if (pod.status?.phase === 'Running') return;
      if (this.opts.readyDelayMs) await new Promise((r) => setTimeout(r, this.opts.readyDelayMs));
      const ip = `10.244.${Math.floor(this.ipSeq / 250) % 250}.${(this.ipSeq++ % 250) + 1}`;
      const t = now();
      const fresh = await pods.get(pod.metadata.name ?? '');
      if (fresh.metadata.deletionTimestamp || fresh.status?.phase === 'Running') return;
      await pods.updateStatus({
        ...fresh,
        status: {
          ...fresh.status,
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          hostIP: '127.0.0.1',
          startTime: t,
          conditions: [
            { type: 'PodScheduled', status: 'True', lastTransitionTime: t },
            { type: 'Initialized', status: 'True', lastTransitionTime: t },
            { type: 'ContainersReady', status: 'True', lastTransitionTime: t },
            { type: 'Ready', status: 'True', lastTransitionTime: t },
          ],
          containerStatuses: fresh.spec.containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, image: c.image ?? '', imageID: '', started: true, state: { running: { startedAt: t } } })),
        },
      });
    } catch (err) {
      // Conflicts and races resolve on the next event; anything else is the test's to see.
      if (!isNotFound(err) && !isConflict(err)) this.errors.push(String(err));
    } finally {
      this.inflight.delete(key);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stop.abort();
    await this.informers.shutdown();
  }
}
