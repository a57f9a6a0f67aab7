// framework.NodeInfo: a node with the pods the scheduler believes are on it (bound and assumed)
// and the aggregates plugins read per node — requested resources, non-zero requests for scoring,
// host ports in use, pods carrying (anti-)affinity. Kept incrementally: adding or removing a pod
// is O(1) apart from the affinity lists, which only pods with affinity enter.
import type { Node, Taint } from '@kubelite/api';
import { hasAffinity, hasRequiredAntiAffinity, type HostPort, type PodInfo } from '../framework/pod-info.js';
import { addResource, emptyResource, nodeAllocatable, type Resource } from './resource.js';

export interface ImageStateSummary {
  size: number;
  /** how many nodes have the image (shared by all NodeInfos) */
  numNodes: number;
}

let generationCounter = 0;
const nextGeneration = (): number => ++generationCounter;

export class NodeInfo {
  node: Node | undefined;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  requested: Resource = emptyResource();
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resource = emptyResource();
  /** ip → set of "protocol/port" */
  usedPorts = new Map<string, Set<string>>();
  imageStates = new Map<string, ImageStateSummary>();
  /** bumped on every change; lets callers cache per-node derived data */
  generation = nextGeneration();
  private readonly index = new Map<string, number>();

  constructor(readonly name: string) {}

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
    this.generation = nextGeneration();
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node?.metadata.labels ?? {};
  }

  get taints(): readonly Taint[] {
    return this.node?.spec?.taints ?? [];
  }

  hasPod(uid: string): boolean {
    return this.index.has(uid);
  }

  addPod(p: PodInfo): void {
    this.index.set(p.uid, this.pods.length);
    this.pods.push(p);
    if (hasAffinity(p)) this.podsWithAffinity.push(p);
    if (hasRequiredAntiAffinity(p)) this.podsWithRequiredAntiAffinity.push(p);
    this.account(p, 1);
  }

  /** Removes by uid; false if the pod was not here. */
  removePod(uid: string): boolean {
    const i = this.index.get(uid);
    if (i === undefined) return false;
    const p = this.pods[i]!;
    // Swap-remove keeps removal O(1); pod order on a node carries no meaning.
    const last = this.pods.pop()!;
    if (last !== p) {
      this.pods[i] = last;
      this.index.set(last.uid, i);
    }
    this.index.delete(uid);
    if (hasAffinity(p)) this.podsWithAffinity = this.podsWithAffinity.filter((x) => x.uid !== uid);
    if (hasRequiredAntiAffinity(p)) this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((x) => x.uid !== uid);
    this.account(p, -1);
    return true;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, p.requests, sign);
    this.nonZeroRequested.milliCPU += sign * p.nonZeroCPU;
    this.nonZeroRequested.memory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) this.updatePort(hp, sign);
    this.generation = nextGeneration();
  }

  private updatePort(hp: HostPort, sign: 1 | -1): void {
    const key = `${hp.protocol}/${hp.port}`;
    let set = this.usedPorts.get(hp.ip);
    if (sign > 0) {
      if (!set) this.usedPorts.set(hp.ip, (set = new Set()));
      set.add(key);
    } else if (set) {
      set.delete(key);
      if (set.size === 0) this.usedPorts.delete(hp.ip);
    }
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 on either side conflicts with any address. */
  portConflicts(hp: HostPort): boolean {
    const key = `${hp.protocol}/${hp.port}`;
    if (hp.ip === '0.0.0.0') {
      for (const set of this.usedPorts.values()) if (set.has(key)) return true;
      return false;
    }
    return (this.usedPorts.get(hp.ip)?.has(key) ?? false) || (this.usedPorts.get('0.0.0.0')?.has(key) ?? false);
  }

  /** A copy whose pod list can be changed without touching the cache (preemption dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    if (this.node) c.setNode(this.node);
    c.imageStates = this.imageStates;
    for (const p of this.pods) c.addPod(p);
    return c;
  }
}
