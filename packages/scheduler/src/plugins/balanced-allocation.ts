// NodeResourcesBalancedAllocation (Score): favours nodes whose cpu and memory fractions (raw
// requests including the pod) would be close: score = (1 − std-dev of the fractions) × 100.
// Best-effort pods (no requests at all) are skipped.
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { DEFAULT_RESOURCES } from './node-resources-fit.js';
import { podRequestFor, scoreNode, type ResourceSpec, type Scorer } from './resource-allocation.js';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
const PRESCORE_KEY = 'PreScore' + BALANCED_ALLOCATION;

export interface BalancedAllocationArgs {
  resources?: ResourceSpec[];
}

const balanced: Scorer = (req, alloc) => {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < req.length; i++) {
    if (alloc[i] === 0) continue;
    const f = Math.min(req[i]! / alloc[i]!, 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * 100);
};

export function newBalancedAllocation(args: BalancedAllocationArgs = {}): PreScorePlugin & ScorePlugin {
  const resources = args.resources?.length ? args.resources : DEFAULT_RESOURCES;
  return {
    name: BALANCED_ALLOCATION,
    preScore(state: CycleState, pod: PodInfo): Status | null {
      const reqs = resources.map((r) => podRequestFor(pod, r.name, true));
      if (reqs.every((v) => v === 0)) return Status.skip();
      state.write(PRESCORE_KEY, reqs);
      return null;
    },
    score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
      const reqs = state.read<number[]>(PRESCORE_KEY) ?? resources.map((r) => podRequestFor(pod, r.name, true));
      return scoreNode(node, resources, reqs, true, balanced);
    },
  };
}
