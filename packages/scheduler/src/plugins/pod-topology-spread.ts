// PodTopologySpread (PreFilter/Filter): for each DoNotSchedule constraint, count matching pods per
// domain over eligible nodes; a node fits when count(its domain) + (1 if the pod matches) −
// global minimum ≤ maxSkew (the minimum is 0 while fewer than minDomains domains exist). Nodes
// lacking a constraint's key are unresolvable.
import type { Node, Pod } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';
import { podTopologySpreadScoring, type PodTopologySpreadArgs } from './pod-topology-spread-scoring.js';
import { buildConstraints, countMatching, nodeHasAllKeys, nodeIncluded, RequiredNodeAffinity, type Constraint } from './topology-spread-constraints.js';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const ERR_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
const PREFILTER_KEY = 'PreFilter' + POD_TOPOLOGY_SPREAD;

interface PreFilterState {
  constraints: Constraint[];
  /** per constraint: domain value → matching pods */
  counts: Map<string, number>[];
  selfMatch: number[];
}

function minMatch(counts: Map<string, number>, minDomains: number): number {
  if (counts.size < minDomains) return 0;
  let min = Infinity;
  for (const v of counts.values()) if (v < min) min = v;
  return min === Infinity ? 0 : min;
}

function preFilterState(pod: Pod, constraints: Constraint[], nodes: readonly NodeInfo[]): PreFilterState {
  const affinity = new RequiredNodeAffinity(pod);
  const counts = constraints.map(() => new Map<string, number>());
  const ns = pod.metadata.namespace ?? 'default';
  for (const node of nodes) {
    if (!node.node || !nodeHasAllKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!nodeIncluded(c, pod, node.node, affinity)) continue;
      const v = node.labels[c.topologyKey]!;
      counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + countMatching(node, c.selector, ns));
    }
  }
  const labels = pod.metadata.labels ?? {};
  return { constraints, counts, selfMatch: constraints.map((c) => (c.selector.matches(labels) ? 1 : 0)) };
}

export function newPodTopologySpread(args: PodTopologySpreadArgs, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const scoring = podTopologySpreadScoring(args, handle);
  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { status: Status | null; result?: PreFilterResult } {
      const constraints = buildConstraints(pod.pod, 'DoNotSchedule');
      if (constraints.length === 0) return { status: Status.skip() };
      state.write(PREFILTER_KEY, preFilterState(pod.pod, constraints, nodes));
      return { status: null };
    },
    filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
      const s = state.read<PreFilterState>(PREFILTER_KEY);
      if (!s) return null;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i]!;
        const v = node.labels[c.topologyKey];
        if (v === undefined) return Status.unresolvable(ERR_MISSING_LABEL);
        const counts = s.counts[i]!;
        const skew = (counts.get(v) ?? 0) + s.selfMatch[i]! - minMatch(counts, c.minDomains);
        if (skew > c.maxSkew) return Status.unschedulable(ERR_CONSTRAINTS);
      }
      return null;
    },
    preScore: scoring.preScore,
    score: scoring.score,
    normalizeScore: scoring.normalizeScore,
    eventsToRegister: () => [
      { event: { resource: 'Pod', actionType: Action.Add | Action.UpdatePodLabel | Action.Delete } },
      {
        event: { resource: 'Node', actionType: Action.Add | Action.Delete | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
        hint: (pod, o, n): QueueingHint => {
          const node = (n ?? o) as Node;
          const keys = buildConstraints(pod, 'DoNotSchedule').map((c) => c.topologyKey);
          return keys.some((k) => Object.hasOwn(node.metadata.labels ?? {}, k)) ? 'Queue' : 'QueueSkip';
        },
      },
    ],
  };
}
