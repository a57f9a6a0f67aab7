// PodTopologySpread (PreScore/Score/NormalizeScore) for ScheduleAnyway constraints — the pod's
// own, or the system defaults when it has none and a Service/ReplicaSet/StatefulSet selects it.
// Per constraint a node scores count(domain) × ln(numDomains + 2) + (maxSkew − 1) (for hostname
// the count is the node's own pods and numDomains the candidate nodes); the sum is rounded and
// then reversed so the emptiest domain gets 100. Nodes lacking a required key get 0.
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { buildConstraints, countMatching, LABEL_HOSTNAME, nodeHasAllKeys, nodeIncluded, RequiredNodeAffinity, systemDefaultConstraints, type Constraint } from './topology-spread-constraints.js';

export interface PodTopologySpreadArgs {
  defaultingType?: 'System' | 'List';
  defaultConstraints?: { maxSkew: number; topologyKey: string; whenUnsatisfiable: string }[];
}

const PRESCORE_KEY = 'PreScorePodTopologySpread';

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  /** per constraint: domain → count (hostname constraints count per node in Score) */
  pairCounts: Map<string, number>[];
  weights: number[];
  namespace: string;
}

export function podTopologySpreadScoring(args: PodTopologySpreadArgs, handle: Handle) {
  function constraintsFor(pod: PodInfo): { constraints: Constraint[]; systemDefaulted: boolean } {
    if ((pod.pod.spec.topologySpreadConstraints ?? []).length > 0) return { constraints: buildConstraints(pod.pod, 'ScheduleAnyway'), systemDefaulted: false };
    if ((args.defaultingType ?? 'System') !== 'System') return { constraints: [], systemDefaulted: false };
    const selector = handle.defaultSpreadSelector(pod.pod);
    return { constraints: selector ? systemDefaultConstraints(selector) : [], systemDefaulted: true };
  }

  function initState(pod: PodInfo, nodes: readonly NodeInfo[], constraints: Constraint[], requireAll: boolean): ScoreState {
    const s: ScoreState = { constraints, ignored: new Set(), pairCounts: constraints.map(() => new Map()), weights: [], namespace: pod.pod.metadata.namespace ?? 'default' };
    const sizes = constraints.map(() => 0);
    for (const node of nodes) {
      if (requireAll && !nodeHasAllKeys(node, constraints)) {
        s.ignored.add(node.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const v = node.labels[c.topologyKey];
        if (v === undefined || s.pairCounts[i]!.has(v)) return;
        s.pairCounts[i]!.set(v, 0);
        sizes[i]!++;
      });
    }
    s.weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? nodes.length - s.ignored.size : sizes[i]!) + 2));
    return s;
  }

  function countAll(pod: PodInfo, s: ScoreState, requireAll: boolean): void {
    const affinity = new RequiredNodeAffinity(pod.pod);
    for (const node of handle.nodes()) {
      if (!node.node || (requireAll && !nodeHasAllKeys(node, s.constraints))) continue;
      s.constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME || !nodeIncluded(c, pod.pod, node.node!, affinity)) return;
        const v = node.labels[c.topologyKey];
        const counts = s.pairCounts[i]!;
        if (v === undefined || !counts.has(v)) return;
        counts.set(v, counts.get(v)! + countMatching(node, c.selector, s.namespace));
      });
    }
  }

  return {
    preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
      const { constraints, systemDefaulted } = constraintsFor(pod);
      if (constraints.length === 0) return Status.skip();
      const requireAll = !systemDefaulted;
      const s = initState(pod, nodes, constraints, requireAll);
      countAll(pod, s, requireAll);
      state.write(PRESCORE_KEY, s);
      return null;
    },
    score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
      const s = state.read<ScoreState>(PRESCORE_KEY);
      if (!s || s.ignored.has(node.name)) return 0;
      let score = 0;
      s.constraints.forEach((c, i) => {
        const v = node.labels[c.topologyKey];
        if (v === undefined) return;
        const cnt = c.topologyKey === LABEL_HOSTNAME ? countMatching(node, c.selector, s.namespace) : (s.pairCounts[i]!.get(v) ?? 0);
        score += cnt * s.weights[i]! + (c.maxSkew - 1);
      });
      return Math.round(score);
    },
    normalizeScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): void {
      const s = state.read<ScoreState>(PRESCORE_KEY);
      if (!s) return;
      let min = Infinity;
      let max = 0;
      nodes.forEach((n, i) => {
        if (s.ignored.has(n.name)) return;
        min = Math.min(min, scores[i]!);
        max = Math.max(max, scores[i]!);
      });
      nodes.forEach((n, i) => {
        if (s.ignored.has(n.name)) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
      });
    },
  };
}
