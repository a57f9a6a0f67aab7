// DefaultPreemption (PostFilter). Only nodes that failed with Unschedulable (not Unresolvable)
// are candidates. On each, every lower-priority pod is a potential victim; if the pod fits once
// they are all gone, victims are reprieved highest priority first while it still fits. The best
// candidate (lowest highest-victim priority, then lowest priority sum, then fewest victims) is
// nominated and its victims marked (DisruptionTarget) and deleted. Without a candidate the message
// says why per node, which is the "preemption: 0/N nodes are available: …" part of
// FailedScheduling. A pod whose nominated node still has lower-priority victims terminating waits
// for them instead of preempting again.
import type { Pod } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import { FitError } from '../framework/fit-error.js';
import type { Handle, NodeToStatus, PostFilterPlugin, PostFilterResult } from '../framework/interface.js';
import { podPriority, type PodInfo } from '../framework/pod-info.js';
import { Code, Status } from '../framework/status.js';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** The DisruptionTarget reason on a victim (v1.PodReasonPreemptionByScheduler). */
export const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/** The victim already carries DisruptionTarget=True/PreemptionByScheduler. */
export const markedForPreemption = (p: Pod): boolean =>
  (p.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === PREEMPTION_BY_SCHEDULER);

const terminatingByPreemption = (p: Pod): boolean => Boolean(p.metadata.deletionTimestamp) && markedForPreemption(p);

/** PodEligibleToPreemptOthers: why the pod may not preempt, or undefined if it may. */
function notEligible(handle: Handle, pod: PodInfo, filtered: NodeToStatus): string | undefined {
  if (pod.pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  // A nominated node the filters can never accept is given up: preempting elsewhere is fine.
  if (filtered.statuses.get(nominated)?.code === Code.UnschedulableAndUnresolvable) return undefined;
  const priority = podPriority(pod.pod);
  const node = handle.nodeInfo(nominated);
  if (node?.pods.some((p) => podPriority(p.pod) < priority && terminatingByPreemption(p.pod))) {
    return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

interface Candidate {
  node: string;
  victims: PodInfo[];
}

/** Re-runs the profile's filters against a node without some pods. */
export type NodeFilter = (state: CycleState, pod: PodInfo, node: NodeInfo) => Status | null;

function selectVictims(state: CycleState, pod: PodInfo, node: NodeInfo, filter: NodeFilter): { victims?: PodInfo[]; status?: Status } {
  const prio = podPriority(pod.pod);
  const potential = node.pods.filter((p) => podPriority(p.pod) < prio);
  if (potential.length === 0) return { status: Status.unresolvable(NO_VICTIMS) };
  const trial = node.clone();
  for (const v of potential) trial.removePod(v.uid);
  const s = filter(state, pod, trial);
  if (s) return { status: s };
  // Reprieve as many as possible, most important first.
  potential.sort((a, b) => podPriority(b.pod) - podPriority(a.pod));
  const victims: PodInfo[] = [];
  for (const v of potential) {
    trial.addPod(v);
    if (filter(state, pod, trial)) {
      trial.removePod(v.uid);
      victims.push(v);
    }
  }
  return { victims };
}

function better(a: Candidate, b: Candidate): boolean {
  const maxP = (c: Candidate): number => Math.max(...c.victims.map((v) => podPriority(v.pod)));
  const sumP = (c: Candidate): number => c.victims.reduce((s, v) => s + podPriority(v.pod), 0);
  if (maxP(a) !== maxP(b)) return maxP(a) < maxP(b);
  if (sumP(a) !== sumP(b)) return sumP(a) < sumP(b);
  return a.victims.length < b.victims.length;
}

export function newDefaultPreemption(handle: Handle, filter: () => NodeFilter): PostFilterPlugin {
  return {
    name: DEFAULT_PREEMPTION,
    async postFilter(state: CycleState, pod: PodInfo, filtered: NodeToStatus): Promise<{ result?: PostFilterResult; status: Status }> {
      const ineligible = notEligible(handle, pod, filtered);
      if (ineligible) return { status: Status.unschedulable(`preemption: ${ineligible}`) };
      const all = handle.nodes();
      const statuses = new Map<string, Status>();
      const candidates: Candidate[] = [];
      for (const node of all) {
        const s = filtered.statuses.get(node.name);
        if (!s || s.code !== Code.Unschedulable) continue;
        const r = selectVictims(state, pod, node, filter());
        if (r.victims) candidates.push({ node: node.name, victims: r.victims });
        else if (r.status) statuses.set(node.name, r.status);
      }
      if (candidates.length === 0) {
        const fit = new FitError(all.length, { filtered: { statuses, absent: Status.unresolvable(NOT_HELPFUL) }, unschedulablePlugins: new Set() });
        return { result: { nominatedNodeName: '' }, status: Status.unschedulable(`preemption: ${fit.message()}`) };
      }
      const best = candidates.reduce((a, b) => (better(b, a) ? b : a));
      const disruption = `${pod.pod.spec.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`;
      await Promise.all(best.victims.map((v) => handle.deletePod(v.pod, disruption, `Preempted by pod ${pod.uid} on node ${best.node}`)));
      return { result: { nominatedNodeName: best.node }, status: new Status(Code.Success) };
    },
  };
}
