// schedulePod: the scheduling algorithm of one cycle. PreFilter, then Filter over the nodes from
// a rotating start index until enough feasible nodes are found (percentageOfNodesToScore), then
// PreScore/Score, and the highest total wins (ties broken uniformly at random by reservoir
// sampling). Synchronous on purpose: no informer event can interleave between what the plugins
// saw and the Assume that follows.
import type { NodeInfo } from './cache/node-info.js';
import type { SchedulerCache } from './cache/cache.js';
import type { CycleState } from './framework/cycle-state.js';
import { FitError, type Diagnosis } from './framework/fit-error.js';
import type { PodInfo } from './framework/pod-info.js';
import type { Framework } from './framework/runtime.js';
import { Code, Status } from './framework/status.js';
import type { NodeVerdict } from './explain.js';

export const ERR_NO_NODES = 'no nodes available to schedule pods';
/** Pseudo-plugin a pod is "rejected by" when there are no nodes at all: node adds retry it. */
export const NO_NODES_REJECTOR = 'NoNodesAvailable';
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

export interface ScheduleResult {
  node: string;
  evaluatedNodes: number;
  feasibleNodes: number;
  verdicts?: Map<string, NodeVerdict>;
}

export class SchedulingError extends Error {}

/** numFeasibleNodesToFind: all below 100 nodes, else the (adaptive) percentage, at least 100. */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_PERCENTAGE);
  return Math.max(Math.trunc((numAllNodes * Math.min(pct, 100)) / 100), MIN_FEASIBLE_NODES);
}

export class ScheduleAlgorithm {
  private nextStartNodeIndex = 0;

  constructor(
    private readonly cache: SchedulerCache,
    private readonly percentageOfNodesToScore: number,
    private readonly random: () => number = Math.random,
  ) {}

  schedulePod(fwk: Framework, state: CycleState, pod: PodInfo): ScheduleResult | FitError {
    const all = this.cache.nodeList();
    if (all.length === 0) {
      return new FitError(0, { filtered: { statuses: new Map() }, unschedulablePlugins: new Set([NO_NODES_REJECTOR]), preFilterMsg: ERR_NO_NODES });
    }
    const found = this.findNodesThatFit(fwk, state, pod, all);
    if (found instanceof FitError) return found;
    const { feasible, diagnosis } = found;
    const verdicts = state.explain ? new Map<string, NodeVerdict>() : undefined;
    if (verdicts) for (const [name, s] of diagnosis.filtered.statuses) verdicts.set(name, { filter: `${s.plugin}: ${s.message()}` });
    if (feasible.length === 0) return new FitError(all.length, diagnosis);
    const evaluated = feasible.length + diagnosis.filtered.statuses.size;
    if (feasible.length === 1 && !verdicts) return { node: feasible[0]!.name, evaluatedNodes: evaluated, feasibleNodes: 1 };
    const totals = this.prioritize(fwk, state, pod, feasible, verdicts);
    return { node: this.selectHost(feasible, totals), evaluatedNodes: evaluated, feasibleNodes: feasible.length, verdicts };
  }

  private findNodesThatFit(fwk: Framework, state: CycleState, pod: PodInfo, all: readonly NodeInfo[]): { feasible: NodeInfo[]; diagnosis: Diagnosis } | FitError {
    const diagnosis: Diagnosis = { filtered: { statuses: new Map() }, unschedulablePlugins: new Set() };
    const pre = fwk.runPreFilterPlugins(state, pod, all);
    if (pre.status) {
      if (!pre.status.isRejected()) throw new SchedulingError(`running PreFilter plugin "${pre.status.plugin}": ${pre.status.message()}`);
      diagnosis.unschedulablePlugins.add(pre.status.plugin);
      diagnosis.preFilterMsg = pre.status.message();
      for (const n of all) diagnosis.filtered.statuses.set(n.name, pre.status);
      return new FitError(all.length, diagnosis);
    }
    let nodes = all;
    const narrowed = pre.result?.nodeNames;
    if (narrowed) {
      nodes = [...narrowed].map((n) => this.cache.getNodeInfo(n)).filter((n): n is NodeInfo => n !== undefined);
      diagnosis.filtered.absent = Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    }
    // A pod nominated by an earlier preemption tries its node first.
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated && !state.explain) {
      const n = this.cache.getNodeInfo(nominated);
      if (n && !fwk.runFilterPluginsWithNominatedPods(state, pod, n)) return { feasible: [n], diagnosis };
    }
    const feasible = this.filterNodes(fwk, state, pod, nodes, diagnosis);
    return { feasible, diagnosis };
  }

  private filterNodes(fwk: Framework, state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], diagnosis: Diagnosis): NodeInfo[] {
    const n = nodes.length;
    let want = numFeasibleNodesToFind(fwk.percentageOfNodesToScore ?? this.percentageOfNodesToScore, n);
    if (!fwk.hasScorePlugins()) want = 1;
    if (state.explain) want = n;
    const feasible: NodeInfo[] = [];
    const start = this.nextStartNodeIndex % Math.max(n, 1);
    let processed = 0;
    for (let i = 0; i < n; i++) {
      const node = nodes[(start + i) % n]!;
      processed++;
      const s = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
      if (!s) {
        feasible.push(node);
        if (feasible.length >= want) break;
        continue;
      }
      if (s.code === Code.Error) throw new SchedulingError(`running Filter plugin "${s.plugin}": ${s.message()}`);
      diagnosis.filtered.statuses.set(node.name, s);
      diagnosis.unschedulablePlugins.add(s.plugin);
    }
    this.nextStartNodeIndex = (start + processed) % Math.max(n, 1);
    return feasible;
  }

  private prioritize(fwk: Framework, state: CycleState, pod: PodInfo, nodes: NodeInfo[], verdicts?: Map<string, NodeVerdict>): number[] {
    const s = fwk.runPreScorePlugins(state, pod, nodes);
    if (s) throw new SchedulingError(`running PreScore plugin "${s.plugin}": ${s.message()}`);
    const { totals, byPlugin } = fwk.runScorePlugins(state, pod, nodes, verdicts !== undefined);
    if (verdicts) {
      nodes.forEach((node, i) => {
        const scores: Record<string, number> = {};
        for (const [plugin, values] of byPlugin) scores[plugin] = values[i]!;
        verdicts.set(node.name, { filter: 'Passed', scores, total: totals[i]! });
      });
    }
    return totals;
  }

  /** The highest total; among equals each is chosen with equal probability. */
  private selectHost(nodes: readonly NodeInfo[], totals: readonly number[]): string {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < nodes.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.random() * ties < 1) best = i;
      }
    }
    return nodes[best]!.name;
  }
}
