// The kubelet's node half: register the Node (retrying until the API answers — the API server may
// be one of this kubelet's own static pods), report its status every nodeStatusUpdateFrequency
// (patched only on change or every 5 minutes), and renew its Lease in kube-node-lease, the real
// heartbeat the node lifecycle controller watches.
import { hostname } from 'node:os';
import type { Node, NodeStatus, Taint } from '@kubelite/api';
import { formatMicroTime, isAlreadyExists, isConflict, isNotFound, type KubeClient, type Lease, type Logger, type ResourceClient } from '@kubelite/client';
import type { ContainerRuntime } from '../runtime/types.js';
import type { MachineInfo } from './machine.js';
import { nodeStatus, registrationNode, statusChanged } from './node-status.js';

const REPORT_EVERY_MS = 5 * 60_000;

export interface NodeAgentOptions {
  client: KubeClient;
  nodeName: string;
  nodeIP: string;
  port: number;
  labels: Record<string, string>;
  taints: Taint[];
  machine: MachineInfo;
  /** The runtime whose health makes the node Ready (docker). */
  runtime: ContainerRuntime;
  statusUpdateMs: number;
  leaseDurationSeconds: number;
  logger: Logger;
  onRegistered?(node: Node): void;
}

export class NodeAgent {
  private readonly nodes: ResourceClient<Node>;
  private readonly leases: ResourceClient<Lease>;
  private node?: Node;
  private lastReported?: NodeStatus;
  private lastReportAt = 0;
  private statusTimer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;
  private runtimeVersion = 'docker://unknown';
  private notReady?: string = 'container runtime status check may not have completed yet';

  constructor(private readonly opts: NodeAgentOptions) {
    this.nodes = opts.client.resource<Node>('', 'v1', 'nodes');
    this.leases = opts.client.resource<Lease>('coordination.k8s.io', 'v1', 'leases').namespace('kube-node-lease');
  }

  get registered(): Node | undefined {
    return this.node;
  }

  start(): void {
    const tick = (): void => void this.syncStatus().catch((err: unknown) => this.opts.logger.info({ err: String(err) }, 'node status update failed'));
    tick();
    this.statusTimer = setInterval(tick, this.opts.statusUpdateMs);
    const renew = (): void => void this.renewLease().catch((err: unknown) => this.opts.logger.info({ err: String(err) }, 'node lease renewal failed'));
    this.leaseTimer = setInterval(renew, (this.opts.leaseDurationSeconds * 1000) / 4);
  }

  stop(): void {
    clearInterval(this.statusTimer);
    clearInterval(this.leaseTimer);
  }

  /** Checks the runtime (every status tick, as upstream's 5 s runtime check feeds Ready). */
  private async checkRuntime(): Promise<void> {
    const [status, version] = await Promise.all([this.opts.runtime.status(), this.opts.runtime.version().catch(() => undefined)]);
    if (version) this.runtimeVersion = `${version.runtimeName}://${version.runtimeVersion}`;
    this.notReady = status.ready ? undefined : status.message ?? 'container runtime is down';
  }

  private async register(): Promise<Node> {
    const o = this.opts;
    try {
      return await this.nodes.create(registrationNode(o.nodeName, o.labels, o.taints));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Re-registering after a restart: keep the object (and its uid), refresh our labels.
      return this.nodes.patch(o.nodeName, 'merge', { metadata: { labels: registrationNode(o.nodeName, o.labels, []).metadata.labels } });
    }
  }

  async syncStatus(): Promise<void> {
    await this.checkRuntime();
    if (!this.node) {
      this.node = await this.register();
      this.opts.logger.info({ node: this.opts.nodeName }, 'node registered');
      this.opts.onRegistered?.(this.node);
      await this.renewLease();
    }
    const images = await this.opts.runtime.listImages().catch(() => []);
    const status = nodeStatus({
      machine: this.opts.machine,
      nodeIP: this.opts.nodeIP,
      hostname: hostname(),
      port: this.opts.port,
      runtimeVersion: this.runtimeVersion,
      notReadyMessage: this.notReady,
      images,
      previous: this.lastReported ?? this.node.status,
      now: new Date(),
    });
    if (!statusChanged(this.lastReported, status) && Date.now() - this.lastReportAt < REPORT_EVERY_MS) return;
    try {
      this.node = await this.nodes.patch(this.opts.nodeName, 'merge', { status }, { subresource: 'status' });
    } catch (err) {
      // Deleted under us: register again on the next tick, as upstream re-registers.
      if (isNotFound(err)) this.node = undefined;
      throw err;
    }
    this.lastReported = status;
    this.lastReportAt = Date.now();
  }

  private leaseBody(existing?: Lease): Lease {
    const node = this.node;
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        ...existing?.metadata,
        name: this.opts.nodeName,
        namespace: 'kube-node-lease',
        ownerReferences: node?.metadata.uid ? [{ apiVersion: 'v1', kind: 'Node', name: this.opts.nodeName, uid: node.metadata.uid }] : undefined,
      },
      spec: { holderIdentity: this.opts.nodeName, leaseDurationSeconds: this.opts.leaseDurationSeconds, renewTime: formatMicroTime(Date.now()) },
    };
  }

  async renewLease(): Promise<void> {
    if (!this.node) return;
    let existing: Lease | undefined;
    try {
      existing = await this.leases.get(this.opts.nodeName);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      if (existing) await this.leases.update(this.leaseBody(existing));
      else await this.leases.create(this.leaseBody());
    } catch (err) {
      if (!isConflict(err) && !isAlreadyExists(err)) throw err; // the next renewal reads it afresh
    }
  }
}
