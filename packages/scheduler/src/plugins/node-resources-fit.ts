// NodeResourcesFit. Filter: the pod's requests (init containers and sidecars counted as
// Kubernetes does, plus overhead) must fit in allocatable minus what the node's pods request,
// and one more pod must fit under allocatable "pods"; every shortfall is a reason ("Too many
// pods", "Insufficient cpu", …). Score: the configured strategy (LeastAllocated by default).
import type { Node, Pod } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import { nodeAllocatable } from '../cache/resource.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import { podInfoOf, type PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';
import { leastAllocated, mostAllocated, podRequestFor, requestedToCapacityRatio, scoreNode, type ResourceSpec, type Scorer, type UtilizationShapePoint } from './resource-allocation.js';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const PRESCORE_KEY = 'PreScore' + NODE_RESOURCES_FIT;

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: ScoringStrategyType;
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape?: UtilizationShapePoint[] };
  };
}

export const DEFAULT_RESOURCES: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** fitsRequest: every reason the node cannot take the pod (empty: it fits). */
export function insufficientResources(pod: PodInfo, node: NodeInfo, ignored: (name: string) => boolean = () => false): string[] {
  const reasons: string[] = [];
  if (node.pods.length + 1 > node.allocatable.allowedPodNumber) reasons.push('Too many pods');
  const req = pod.requests;
  const alloc = node.allocatable;
  const used = node.requested;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) reasons.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) reasons.push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) reasons.push('Insufficient ephemeral-storage');
  for (const [name, amount] of req.scalar) {
    if (amount === 0 || ignored(name)) continue;
    if (amount > (alloc.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0)) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

function strategyScorer(args: NodeResourcesFitArgs, resources: ResourceSpec[]): Scorer {
  switch (args.scoringStrategy?.type ?? 'LeastAllocated') {
    case 'MostAllocated':
      return mostAllocated(resources);
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatio(resources, args.scoringStrategy?.requestedToCapacityRatio?.shape ?? []);
    default:
      return leastAllocated(resources);
  }
}

/** Could the pod fit on an empty node like this one? (hint for node add/update) */
function couldFit(pod: Pod, node: Node): boolean {
  const p = podInfoOf(pod);
  const alloc = nodeAllocatable(node);
  const r = p.requests;
  if (r.milliCPU > alloc.milliCPU || r.memory > alloc.memory || r.ephemeralStorage > alloc.ephemeralStorage) return false;
  for (const [k, v] of r.scalar) if (v > (alloc.scalar.get(k) ?? 0)) return false;
  return true;
}

export function newNodeResourcesFit(args: NodeResourcesFitArgs = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const ignoredSet = new Set(args.ignoredResources ?? []);
  const groups = args.ignoredResourceGroups ?? [];
  const ignored = (name: string): boolean => ignoredSet.has(name) || groups.some((g) => name.startsWith(`${g}/`));
  const resources = args.scoringStrategy?.resources?.length ? args.scoringStrategy.resources : DEFAULT_RESOURCES;
  const scorer = strategyScorer(args, resources);
  return {
    name: NODE_RESOURCES_FIT,
    preFilter(): { status: Status | null; result?: PreFilterResult } {
      // PodInfo already carries the computed requests; nothing to precompute.
      return { status: null };
    },
    filter(_s: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
      const reasons = insufficientResources(pod, node, ignored);
      return reasons.length === 0 ? null : Status.unschedulable(...reasons);
    },
    preScore(state: CycleState, pod: PodInfo): Status | null {
      state.write(PRESCORE_KEY, resources.map((r) => podRequestFor(pod, r.name, false)));
      return null;
    },
    score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
      const reqs = state.read<number[]>(PRESCORE_KEY) ?? resources.map((r) => podRequestFor(pod, r.name, false));
      return scoreNode(node, resources, reqs, false, scorer);
    },
    eventsToRegister: () => [
      // A deleted pod frees resources; so does a node that appears or grows.
      { event: { resource: 'Pod', actionType: Action.Delete | Action.UpdatePodScaleDown } },
      {
        event: { resource: 'Node', actionType: Action.Add | Action.UpdateNodeAllocatable | Action.UpdateNodeTaint | Action.UpdateNodeLabel },
        hint: (pod, _o, n): QueueingHint => (couldFit(pod, n as Node) ? 'Queue' : 'QueueSkip'),
      },
    ],
  };
}
