// NodeAffinity. PreFilter: pods whose every required term pins metadata.name narrow the nodes to
// those names (DaemonSet pods). Filter: spec.nodeSelector and required node affinity (plus the
// profile's addedAffinity). Score: sum of weights of matching preferred terms, scaled to 100.
import type { Node, NodeAffinity as NodeAffinitySpec, NodeSelectorTerm, PreferredSchedulingTerm } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';
import { defaultNormalizeScore } from './helpers/normalize.js';
import { RequiredNodeAffinity, termMatches, termsMatch } from './helpers/node-selector.js';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
const PREFILTER_KEY = 'PreFilter' + NODE_AFFINITY;
const PRESCORE_KEY = 'PreScore' + NODE_AFFINITY;

export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinitySpec;
}

/** The node names every required term pins with matchFields metadata.name In, if all do. */
function pinnedNodeNames(terms: readonly NodeSelectorTerm[] | undefined): Set<string> | undefined {
  if (!terms || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    const f = (t.matchFields ?? []).find((r) => r.key === 'metadata.name' && r.operator === 'In');
    if (!f) return undefined;
    for (const v of f.values ?? []) names.add(v);
  }
  return names;
}

export function newNodeAffinity(args: NodeAffinityArgs = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const addedRequired = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const addedPreferred = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const addedOk = (node: Node): boolean => !addedRequired || termsMatch(addedRequired, node);
  return {
    name: NODE_AFFINITY,
    preFilter(state: CycleState, pod: PodInfo): { status: Status | null; result?: PreFilterResult } {
      const required = new RequiredNodeAffinity(pod.pod);
      if (required.empty && !addedRequired) return { status: Status.skip() };
      state.write(PREFILTER_KEY, required);
      const names = pinnedNodeNames(pod.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
      return { status: null, result: names ? { nodeNames: names } : undefined };
    },
    filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
      if (!node.node) return null;
      if (!addedOk(node.node)) return Status.unresolvable(ERR_REASON_ENFORCED);
      const required = state.read<RequiredNodeAffinity>(PREFILTER_KEY) ?? new RequiredNodeAffinity(pod.pod);
      return required.match(node.node) ? null : Status.unresolvable(ERR_REASON_POD);
    },
    preScore(state: CycleState, pod: PodInfo): Status | null {
      const preferred = [...(pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []), ...addedPreferred];
      if (preferred.length === 0) return Status.skip();
      state.write(PRESCORE_KEY, preferred);
      return null;
    },
    score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
      const preferred = state.read<PreferredSchedulingTerm[]>(PRESCORE_KEY) ?? [];
      let sum = 0;
      for (const t of preferred) if (t.weight !== 0 && node.node && termMatches(t.preference, node.node)) sum += t.weight;
      return sum;
    },
    normalizeScore(_s: CycleState, _p: PodInfo, _n: readonly NodeInfo[], scores: number[]): void {
      defaultNormalizeScore(scores, false);
    },
    eventsToRegister: () => [
      {
        event: { resource: 'Node', actionType: Action.Add | Action.UpdateNodeLabel },
        hint: (pod, _o, n): QueueingHint => (addedOk(n as Node) && new RequiredNodeAffinity(pod).match(n as Node) ? 'Queue' : 'QueueSkip'),
      },
    ],
  };
}
