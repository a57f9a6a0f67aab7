// InterPodAffinity (PreFilter/Filter): counts, per topology domain (key=value), the existing pods
// that match the incoming pod's required affinity terms (a pod counts only if it matches all of
// them), its required anti-affinity terms, and the existing pods whose required anti-affinity
// terms match the incoming pod (symmetry). A node then needs, for its domains: every affinity term
// satisfied (or, for the first pod of a group, no match anywhere and the pod matching itself), no
// anti-affinity match, and no existing pod's anti-affinity forbidding it.
import type { Pod } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import { podInfoOf, termMatches, type AffinityTerm, type NamespaceLabels, type PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';
import { interPodAffinityScoring, type InterPodAffinityArgs } from './inter-pod-affinity-scoring.js';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const PREFILTER_KEY = 'PreFilter' + INTER_POD_AFFINITY;

type Counts = Map<string, number>;

interface PreFilterState {
  existingAnti: Counts;
  affinity: Counts;
  antiAffinity: Counts;
  pod: PodInfo;
}

const pair = (key: string, value: string): string => `${key}\x00${value}`;
const bump = (m: Counts, k: string, by = 1): void => void m.set(k, (m.get(k) ?? 0) + by);

export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod, ns: NamespaceLabels): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, ns)) return false;
  return true;
}

function existingAntiAffinityCounts(pod: PodInfo, nodes: readonly NodeInfo[], ns: NamespaceLabels): Counts {
  const counts: Counts = new Map();
  for (const node of nodes) {
    const labels = node.labels;
    for (const existing of node.podsWithRequiredAntiAffinity) {
      for (const t of existing.requiredAntiAffinityTerms) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, pod.pod, ns)) bump(counts, pair(t.topologyKey, v));
      }
    }
  }
  return counts;
}

function incomingCounts(pod: PodInfo, nodes: readonly NodeInfo[], ns: NamespaceLabels): { affinity: Counts; antiAffinity: Counts } {
  const affinity: Counts = new Map();
  const antiAffinity: Counts = new Map();
  const aff = pod.requiredAffinityTerms;
  const anti = pod.requiredAntiAffinityTerms;
  for (const node of nodes) {
    const labels = node.labels;
    for (const existing of node.pods) {
      if (aff.length > 0 && matchesAllTerms(aff, existing.pod, ns)) {
        for (const t of aff) {
          const v = labels[t.topologyKey];
          if (v !== undefined) bump(affinity, pair(t.topologyKey, v));
        }
      }
      for (const t of anti) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, existing.pod, ns)) bump(antiAffinity, pair(t.topologyKey, v));
      }
    }
  }
  return { affinity, antiAffinity };
}

function satisfyAffinity(s: PreFilterState, node: NodeInfo, ns: NamespaceLabels): boolean {
  const terms = s.pod.requiredAffinityTerms;
  if (terms.length === 0) return true;
  let podsExist = true;
  for (const t of terms) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false;
    if ((s.affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group: nothing matches anywhere yet and the pod matches its own terms.
  return s.affinity.size === 0 && matchesAllTerms(terms, s.pod.pod, ns);
}

function satisfyAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.antiAffinity.size === 0) return true;
  for (const t of s.pod.requiredAntiAffinityTerms) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinity.get(pair(t.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyExistingAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.existingAnti.size === 0) return true;
  for (const [k, v] of Object.entries(node.labels)) if ((s.existingAnti.get(pair(k, v)) ?? 0) > 0) return false;
  return true;
}

export function newInterPodAffinity(args: InterPodAffinityArgs, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const ns: NamespaceLabels = (n) => handle.namespaceLabels(n);
  const scoring = interPodAffinityScoring(args, handle);
  return {
    name: INTER_POD_AFFINITY,
    preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { status: Status | null; result?: PreFilterResult } {
      const withAnti = handle.affinityNodes().withAnti;
      if (pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0 && withAnti.length === 0) return { status: Status.skip() };
      const existingAnti = existingAntiAffinityCounts(pod, withAnti, ns);
      const incoming = pod.requiredAffinityTerms.length + pod.requiredAntiAffinityTerms.length > 0 ? incomingCounts(pod, nodes, ns) : { affinity: new Map(), antiAffinity: new Map() };
      state.write(PREFILTER_KEY, { existingAnti, ...incoming, pod } satisfies PreFilterState);
      return { status: null };
    },
    filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
      const s = state.read<PreFilterState>(PREFILTER_KEY);
      if (!s) return null;
      if (!satisfyAffinity(s, node, ns)) return Status.unresolvable(ERR_AFFINITY);
      if (!satisfyAntiAffinity(s, node)) return Status.unschedulable(ERR_ANTI_AFFINITY);
      if (!satisfyExistingAntiAffinity(s, node)) return Status.unschedulable(ERR_EXISTING_ANTI_AFFINITY);
      return null;
    },
    preScore: scoring.preScore,
    score: scoring.score,
    normalizeScore: scoring.normalizeScore,
    eventsToRegister: () => [
      {
        // A pod appearing, changing labels or going away can satisfy or lift a term.
        event: { resource: 'Pod', actionType: Action.Add | Action.UpdatePodLabel | Action.Delete },
        hint: (pod, o, n): QueueingHint => {
          const incoming = podInfoOf(pod);
          const other = (n ?? o) as Pod;
          const terms = [...incoming.requiredAffinityTerms, ...incoming.requiredAntiAffinityTerms];
          if (terms.some((t) => termMatches(t, other, ns))) return 'Queue';
          const otherInfo = podInfoOf(other);
          return otherInfo.requiredAntiAffinityTerms.some((t) => termMatches(t, pod, ns)) ? 'Queue' : 'QueueSkip';
        },
      },
      { event: { resource: 'Node', actionType: Action.Add | Action.UpdateNodeLabel }, hint: (): QueueingHint => 'Queue' },
    ],
  };
}
