// The scheduler cache (pkg/scheduler/backend/cache): what the scheduler believes is on every node.
// Pods enter as informer events deliver them, and also the moment the scheduler decides
// ("assume"), so the next decision sees the resources taken before the binding's watch event
// comes back. The bound pod's arrival confirms the assumption; a failed binding forgets it; an
// assumption whose binding finished but whose pod never arrived expires after the TTL (0: never,
// as in 1.32). The scheduling cycle runs synchronously on one thread, so the cache is its own
// snapshot: nothing can change it between Filter and Assume.
import type { Node, Pod } from '@kubelite/api';
import { schedulerError } from '../errors.js';
import { podInfoOf, podKey, podUid, type PodInfo } from '../framework/pod-info.js';
import { NodeInfo, type ImageStateSummary } from './node-info.js';
import { NodeTree } from './node-tree.js';

interface PodState {
  pod: Pod;
  assumed: boolean;
  bindingFinished: boolean;
  /** epoch ms after which a finished, unconfirmed assumption expires */
  deadline?: number;
}

export interface CacheOptions {
  /** ms an assumed pod whose binding finished waits for its watch event; 0 = forever */
  assumedPodTtlMs?: number;
  now?: () => number;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly tree = new NodeTree();
  private readonly images = new Map<string, ImageStateSummary & { nodes: Set<string> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private listCache: NodeInfo[] | undefined;
  private affinityCache: { withAffinity: NodeInfo[]; withAnti: NodeInfo[] } | undefined;

  constructor(opts: CacheOptions = {}) {
    this.ttlMs = opts.assumedPodTtlMs ?? 0;
    this.now = opts.now ?? Date.now;
  }

  // ---- nodes -------------------------------------------------------------------------------

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = this.nodeInfo(name);
    if (info.node) this.removeImages(info);
    else this.tree.add(node);
    info.setNode(node);
    this.addImages(info);
    this.invalidate();
  }

  updateNode(oldNode: Node, node: Node): void {
    const name = node.metadata.name ?? '';
    if (this.nodes.get(name)?.node) this.tree.update(oldNode, node);
    else this.tree.add(node);
    const info = this.nodeInfo(name);
    if (info.node) this.removeImages(info);
    info.setNode(node);
    this.addImages(info);
    this.invalidate();
  }

  removeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = this.nodes.get(name);
    if (!info) return;
    this.tree.remove(node);
    this.removeImages(info);
    // Pods may still be reported on a deleted node; keep their accounting until they go.
    if (info.pods.length === 0) this.nodes.delete(name);
    else info.node = undefined;
    this.invalidate();
  }

  private nodeInfo(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    return info;
  }

  private addImages(info: NodeInfo): void {
    info.imageStates = new Map();
    for (const img of info.node?.status?.images ?? []) {
      for (const name of img.names ?? []) {
        let st = this.images.get(name);
        if (!st) this.images.set(name, (st = { size: img.sizeBytes ?? 0, numNodes: 0, nodes: new Set() }));
        st.nodes.add(info.name);
        st.numNodes = st.nodes.size;
        info.imageStates.set(name, st);
      }
    }
  }

  private removeImages(info: NodeInfo): void {
    for (const name of info.imageStates.keys()) {
      const st = this.images.get(name);
      if (!st) continue;
      st.nodes.delete(info.name);
      st.numNodes = st.nodes.size;
      if (st.numNodes === 0) this.images.delete(name);
    }
    info.imageStates = new Map();
  }

  /** Every schedulable node (with a Node object), zones interleaved like upstream's nodeTree. */
  nodeList(): NodeInfo[] {
    if (!this.listCache) {
      this.listCache = [];
      for (const name of this.tree.list()) {
        const info = this.nodes.get(name);
        if (info?.node) this.listCache.push(info);
      }
    }
    return this.listCache;
  }

  getNodeInfo(name: string): NodeInfo | undefined {
    const info = this.nodes.get(name);
    return info?.node ? info : undefined;
  }

  get nodeCount(): number {
    return this.nodeList().length;
  }

  /** Nodes hosting pods with any (anti-)affinity, and with required anti-affinity. */
  affinityNodes(): { withAffinity: NodeInfo[]; withAnti: NodeInfo[] } {
    if (!this.affinityCache) {
      const list = this.nodeList();
      this.affinityCache = {
        withAffinity: list.filter((n) => n.podsWithAffinity.length > 0),
        withAnti: list.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
      };
    }
    return this.affinityCache;
  }

  private invalidate(): void {
    this.listCache = undefined;
    this.affinityCache = undefined;
  }

  // ---- pods --------------------------------------------------------------------------------

  /** The decision is taken: account the pod on its node before the API hears of it. */
  assumePod(pod: Pod): void {
    const uid = podUid(pod);
    if (this.podStates.has(uid)) throw schedulerError('POD_ALREADY_IN_CACHE', podKey(pod));
    this.addToNode(podInfoOf(pod));
    this.podStates.set(uid, { pod, assumed: true, bindingFinished: false });
  }

  finishBinding(pod: Pod): void {
    const st = this.podStates.get(podUid(pod));
    if (!st?.assumed) return;
    st.bindingFinished = true;
    if (this.ttlMs > 0) st.deadline = this.now() + this.ttlMs;
  }

  /** The binding failed: give the resources back. */
  forgetPod(pod: Pod): void {
    const uid = podUid(pod);
    const st = this.podStates.get(uid);
    if (!st?.assumed) throw schedulerError('POD_NOT_ASSUMED', podKey(pod));
    this.removeFromNode(st.pod);
    this.podStates.delete(uid);
  }

  isAssumed(pod: Pod): boolean {
    return this.podStates.get(podUid(pod))?.assumed ?? false;
  }

  /** An assigned pod arrived from the informer: confirms an assumption or adds a pod. */
  addPod(pod: Pod): void {
    const uid = podUid(pod);
    const st = this.podStates.get(uid);
    if (st) this.removeFromNode(st.pod);
    this.addToNode(podInfoOf(pod));
    this.podStates.set(uid, { pod, assumed: false, bindingFinished: true });
  }

  updatePod(_old: Pod, pod: Pod): void {
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const uid = podUid(pod);
    const st = this.podStates.get(uid);
    this.removeFromNode(st?.pod ?? pod);
    this.podStates.delete(uid);
  }

  /** Drops finished assumptions whose pods never arrived; returns how many expired. */
  cleanupExpiredAssumedPods(): Pod[] {
    const now = this.now();
    const expired: Pod[] = [];
    for (const [uid, st] of this.podStates) {
      if (!st.assumed || !st.bindingFinished || st.deadline === undefined || st.deadline > now) continue;
      this.removeFromNode(st.pod);
      this.podStates.delete(uid);
      expired.push(st.pod);
    }
    return expired;
  }

  get podCount(): number {
    return this.podStates.size;
  }

  get assumedCount(): number {
    let n = 0;
    for (const st of this.podStates.values()) if (st.assumed) n++;
    return n;
  }

  private addToNode(p: PodInfo): void {
    const info = this.nodeInfo(p.pod.spec.nodeName ?? '');
    const hadAffinity = info.podsWithAffinity.length > 0 || info.podsWithRequiredAntiAffinity.length > 0;
    info.addPod(p);
    if (!hadAffinity && (info.podsWithAffinity.length > 0 || info.podsWithRequiredAntiAffinity.length > 0)) this.affinityCache = undefined;
  }

  private removeFromNode(pod: Pod): void {
    const name = pod.spec.nodeName ?? '';
    const info = this.nodes.get(name);
    if (!info) return;
    const p = podInfoOf(pod);
    const hadAffinity = info.podsWithAffinity.length > 0 || info.podsWithRequiredAntiAffinity.length > 0;
    info.removePod(p.uid);
    if (hadAffinity) this.affinityCache = undefined;
    if (!info.node && info.pods.length === 0) this.nodes.delete(name);
  }
}
