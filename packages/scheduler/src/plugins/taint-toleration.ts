// TaintToleration. Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects
// the node ("node(s) had untolerated taint {key: value}"). Score: the number of PreferNoSchedule
// taints not tolerated by the pod's PreferNoSchedule (or effect-less) tolerations, reversed so
// that fewer is better.
import type { Node, Toleration } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';
import { defaultNormalizeScore } from './helpers/normalize.js';
import { findUntoleratedTaint, tolerated } from './helpers/taints.js';

export const TAINT_TOLERATION = 'TaintToleration';
const HARD = ['NoSchedule', 'NoExecute'];
const STATE_KEY = 'PreScore' + TAINT_TOLERATION;

export function newTaintToleration(): FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  return {
    name: TAINT_TOLERATION,
    filter(_s: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
      const taints = node.taints;
      if (taints.length === 0) return null;
      const t = findUntoleratedTaint(taints, pod.pod.spec.tolerations, HARD);
      return t ? Status.unresolvable(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`) : null;
    },
    preScore(state: CycleState, pod: PodInfo): Status | null {
      const prefer = (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      state.write(STATE_KEY, prefer);
      return null;
    },
    score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
      const tolerations = state.read<Toleration[]>(STATE_KEY) ?? [];
      let n = 0;
      for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !tolerated(tolerations, taint)) n++;
      return n;
    },
    normalizeScore(_s: CycleState, _p: PodInfo, _n: readonly NodeInfo[], scores: number[]): void {
      defaultNormalizeScore(scores, true);
    },
    eventsToRegister: () => [
      {
        event: { resource: 'Node', actionType: Action.Add | Action.UpdateNodeTaint },
        hint: (pod, _o, n): QueueingHint => (findUntoleratedTaint((n as Node).spec?.taints ?? [], pod.spec.tolerations, HARD) ? 'QueueSkip' : 'Queue'),
      },
      { event: { resource: 'Pod', actionType: Action.UpdatePodTolerations } },
    ],
  };
}
