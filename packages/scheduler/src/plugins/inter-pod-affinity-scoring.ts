// InterPodAffinity (PreScore/Score/NormalizeScore): a score per topology domain from the incoming
// pod's preferred (anti-)affinity terms over existing pods, and existing pods' required affinity
// (× hardPodAffinityWeight) and preferred (anti-)affinity terms over the incoming pod. A node's
// score is the sum over topology keys of its domains' values, then min–max scaled to 0–100.
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle } from '../framework/interface.js';
import { termMatches, type AffinityTerm, type NamespaceLabels, type PodInfo, type WeightedAffinityTerm } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import type { Pod } from '@kubelite/api';

export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

const PRESCORE_KEY = 'PreScoreInterPodAffinity';
/** topologyKey → value → score */
type TopologyScore = Map<string, Map<string, number>>;

function add(m: TopologyScore, term: AffinityTerm, weight: number, target: Pod, node: NodeInfo, ns: NamespaceLabels): void {
  if (weight === 0 || !termMatches(term, target, ns)) return;
  const v = node.labels[term.topologyKey];
  if (v === undefined) return;
  let values = m.get(term.topologyKey);
  if (!values) m.set(term.topologyKey, (values = new Map()));
  values.set(v, (values.get(v) ?? 0) + weight);
}

function addTerms(m: TopologyScore, terms: readonly WeightedAffinityTerm[], target: Pod, node: NodeInfo, ns: NamespaceLabels, sign: 1 | -1): void {
  for (const t of terms) add(m, t, sign * t.weight, target, node, ns);
}

export function interPodAffinityScoring(args: InterPodAffinityArgs, handle: Handle) {
  const hardWeight = args.hardPodAffinityWeight ?? 1;
  const ns: NamespaceLabels = (n) => handle.namespaceLabels(n);

  function processExisting(m: TopologyScore, incoming: PodInfo, existing: PodInfo, node: NodeInfo): void {
    if (Object.keys(node.labels).length === 0) return;
    addTerms(m, incoming.preferredAffinityTerms, existing.pod, node, ns, 1);
    addTerms(m, incoming.preferredAntiAffinityTerms, existing.pod, node, ns, -1);
    if (hardWeight > 0) for (const t of existing.requiredAffinityTerms) add(m, t, hardWeight, incoming.pod, node, ns);
    addTerms(m, existing.preferredAffinityTerms, incoming.pod, node, ns, 1);
    addTerms(m, existing.preferredAntiAffinityTerms, incoming.pod, node, ns, -1);
  }

  return {
    preScore(state: CycleState, pod: PodInfo): Status | null {
      const hasConstraints = pod.preferredAffinityTerms.length + pod.preferredAntiAffinityTerms.length > 0;
      if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return Status.skip();
      // Without preferred terms of its own, only nodes hosting pods with affinity can matter.
      const nodes = hasConstraints ? handle.nodes() : handle.affinityNodes().withAffinity;
      const m: TopologyScore = new Map();
      for (const node of nodes) {
        const pods = hasConstraints ? node.pods : node.podsWithAffinity;
        for (const existing of pods) processExisting(m, pod, existing, node);
      }
      if (m.size === 0) return Status.skip();
      state.write(PRESCORE_KEY, m);
      return null;
    },
    score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
      const m = state.read<TopologyScore>(PRESCORE_KEY);
      if (!m) return 0;
      let score = 0;
      for (const [key, values] of m) {
        const v = node.labels[key];
        if (v !== undefined) score += values.get(v) ?? 0;
      }
      return score;
    },
    normalizeScore(state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): void {
      if (!state.read<TopologyScore>(PRESCORE_KEY)) return;
      let min = Infinity;
      let max = -Infinity;
      for (const s of scores) {
        if (s < min) min = s;
        if (s > max) max = s;
      }
      const diff = max - min;
      for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
    },
  };
}
