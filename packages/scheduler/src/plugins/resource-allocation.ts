// resourceAllocationScorer: the node's allocatable and requested amounts (including the incoming
// pod) per configured resource, handed to a strategy. Scoring uses the non-zero requests for cpu
// and memory (useRequested = false) except BalancedAllocation, which uses raw requests. An
// extended resource the pod does not ask for is left out.
import type { NodeInfo } from '../cache/node-info.js';
import { isScalarResourceName } from '../cache/resource.js';
import type { PodInfo } from '../framework/pod-info.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export type Scorer = (requested: number[], allocatable: number[]) => number;

export function podRequestFor(pod: PodInfo, resource: string, useRequested: boolean): number {
  const r = pod.requests;
  switch (resource) {
    case 'cpu':
      return useRequested ? r.milliCPU : pod.nonZeroCPU;
    case 'memory':
      return useRequested ? r.memory : pod.nonZeroMemory;
    case 'ephemeral-storage':
      return r.ephemeralStorage;
    default:
      return r.scalar.get(resource) ?? 0;
  }
}

/** [allocatable, requested-with-pod]; [0, 0] bypasses the resource. */
function allocatableAndRequested(node: NodeInfo, resource: string, podRequest: number, useRequested: boolean): [number, number] {
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case 'cpu':
      return [node.allocatable.milliCPU, (useRequested ? node.requested.milliCPU : node.nonZeroRequested.milliCPU) + podRequest];
    case 'memory':
      return [node.allocatable.memory, (useRequested ? node.requested.memory : node.nonZeroRequested.memory) + podRequest];
    case 'ephemeral-storage':
      return [node.allocatable.ephemeralStorage, node.requested.ephemeralStorage + podRequest];
    default:
      return [node.allocatable.scalar.get(resource) ?? 0, (node.requested.scalar.get(resource) ?? 0) + podRequest];
  }
}

export function scoreNode(node: NodeInfo, resources: readonly ResourceSpec[], podRequests: readonly number[], useRequested: boolean, scorer: Scorer): number {
  const requested = new Array<number>(resources.length);
  const allocatable = new Array<number>(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const [a, r] = allocatableAndRequested(node, resources[i]!.name, podRequests[i]!, useRequested);
    allocatable[i] = a;
    requested[i] = r;
  }
  return scorer(requested, allocatable);
}

/** LeastAllocated: (cap − req) × 100 / cap per resource, weighted mean (integer division). */
export const leastAllocated = (resources: readonly ResourceSpec[]): Scorer => (req, alloc) => {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < req.length; i++) {
    const cap = alloc[i]!;
    if (cap === 0) continue;
    const s = req[i]! > cap ? 0 : Math.trunc(((cap - req[i]!) * 100) / cap);
    score += s * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
};

/** MostAllocated: min(req, cap) × 100 / cap per resource, weighted mean. */
export const mostAllocated = (resources: readonly ResourceSpec[]): Scorer => (req, alloc) => {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < req.length; i++) {
    const cap = alloc[i]!;
    if (cap === 0) continue;
    const s = Math.trunc((Math.min(req[i]!, cap) * 100) / cap);
    score += s * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
};

export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** RequestedToCapacityRatio: a piecewise-linear function of utilisation (scores 0–10 × 10). */
export const requestedToCapacityRatio = (resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): Scorer => {
  const pts = shape.map((p) => ({ x: p.utilization, y: p.score * 10 }));
  const f = (u: number): number => {
    if (pts.length === 0) return 0;
    if (u <= pts[0]!.x) return pts[0]!.y;
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      if (u <= b.x) return a.y + Math.trunc(((b.y - a.y) * (u - a.x)) / (b.x - a.x));
    }
    return pts[pts.length - 1]!.y;
  };
  return (req, alloc) => {
    let score = 0;
    let weights = 0;
    for (let i = 0; i < req.length; i++) {
      const cap = alloc[i]!;
      if (cap === 0) continue;
      const u = req[i]! > cap ? 100 : Math.trunc((req[i]! * 100) / cap);
      const s = f(u);
      if (s > 0) {
        score += s * resources[i]!.weight;
        weights += resources[i]!.weight;
      }
    }
    return weights === 0 ? 0 : Math.round(score / weights);
  };
};
