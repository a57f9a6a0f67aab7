// frameworkImpl: one profile's plugins wired to their extension points, and the loops that run
// them — PreFilter (may narrow or reject), Filter (first failing plugin decides a node, nominated
// pods counted), PreScore (may Skip a Score plugin), Score with NormalizeScore, weights and the
// range check, Bind.
import type { NodeInfo } from '../cache/node-info.js';
import type { ClusterEventWithHint } from '../queue/cluster-event.js';
import type { NominatedPods } from '../queue/nominator.js';
import type { CycleState } from './cycle-state.js';
import {
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  type BindPlugin,
  type FilterPlugin,
  type PostFilterPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ScorePlugin,
} from './interface.js';
import { podPriority, type PodInfo } from './pod-info.js';
import { Code, Status } from './status.js';

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

export interface FrameworkPlugins {
  queueSort: QueueSortPlugin;
  preEnqueue: PreEnqueuePlugin[];
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: WeightedScorePlugin[];
  bind: BindPlugin[];
  events: Map<string, ClusterEventWithHint[]>;
}

export interface PluginScores {
  /** per-plugin weighted scores, parallel to the nodes */
  byPlugin: Map<string, number[]>;
  totals: number[];
}

export class Framework implements FrameworkPlugins {
  queueSort!: QueueSortPlugin;
  preEnqueue: PreEnqueuePlugin[] = [];
  preFilter: PreFilterPlugin[] = [];
  filter: FilterPlugin[] = [];
  postFilter: PostFilterPlugin[] = [];
  preScore: PreScorePlugin[] = [];
  score: WeightedScorePlugin[] = [];
  bind: BindPlugin[] = [];
  events = new Map<string, ClusterEventWithHint[]>();
  percentageOfNodesToScore: number | undefined;

  constructor(
    readonly profileName: string,
    plugins: FrameworkPlugins,
    private readonly nominated?: NominatedPods,
  ) {
    Object.assign(this, plugins);
  }

  /** Returns the rejecting status (plugin set) or the merged node narrowing. */
  runPreFilterPlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { status: Status | null; result?: PreFilterResult } {
    let result: PreFilterResult | undefined;
    for (const p of this.preFilter) {
      const r = p.preFilter(state, pod, nodes);
      if (r.status?.isSkip()) {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (r.status && !r.status.isSuccess()) {
        // An internal error is an error; a rejection is "unresolvable" for every node.
        return { status: r.status.withPlugin(p.name) };
      }
      if (r.result?.nodeNames) {
        const names = result?.nodeNames ? new Set([...r.result.nodeNames].filter((n) => result!.nodeNames!.has(n))) : r.result.nodeNames;
        result = { nodeNames: names };
        if (names.size === 0) {
          return { status: new Status(Code.UnschedulableAndUnresolvable, ['node(s) didn\'t satisfy plugin(s) [' + p.name + '] simultaneously']).withPlugin(p.name), result };
        }
      }
    }
    return { status: null, result };
  }

  /** The first failing Filter plugin's status, or null if the node fits. */
  runFilterPlugins(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const skip = state.skipFilterPlugins;
    for (let i = 0; i < this.filter.length; i++) {
      const p = this.filter[i]!;
      if (skip.size > 0 && skip.has(p.name)) continue;
      const s = p.filter(state, pod, node);
      if (s && !s.isSuccess()) return s.withPlugin(p.name);
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: a node fits only if it fits both with the pods nominated to
   * it that are at least as important as this one (so their room stays theirs) and without them
   * (so inter-pod rules they would satisfy are not relied on before they run). Plugins whose
   * PreFilter state spans nodes (InterPodAffinity, PodTopologySpread) see the nominated pods only
   * through the node; there are no PreFilter AddPod extensions here.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const nominated = this.nominated?.nominatedPodsForNode(node.name) ?? [];
    if (nominated.length > 0) {
      const priority = podPriority(pod.pod);
      let withNominated: NodeInfo | undefined;
      for (const p of nominated) {
        if (p.uid === pod.uid || podPriority(p.pod) < priority || node.hasPod(p.uid)) continue;
        withNominated ??= node.clone();
        withNominated.addPod(p);
      }
      if (withNominated) {
        const s = this.runFilterPlugins(state, pod, withNominated);
        if (s) return s;
      }
    }
    return this.runFilterPlugins(state, pod, node);
  }

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    for (const p of this.preScore) {
      const s = p.preScore(state, pod, nodes);
      if (s?.isSkip()) state.skipScorePlugins.add(p.name);
      else if (s && !s.isSuccess()) return s.withPlugin(p.name);
    }
    return null;
  }

  /** Runs Score and NormalizeScore for every plugin, applies weights and sums. */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], keepPerPlugin: boolean): PluginScores {
    const totals = new Array<number>(nodes.length).fill(0);
    const byPlugin = new Map<string, number[]>();
    for (const { plugin, weight } of this.score) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const scores = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) scores[i] = plugin.score(state, pod, nodes[i]!);
      plugin.normalizeScore?.(state, pod, nodes, scores);
      for (let i = 0; i < nodes.length; i++) {
        const s = scores[i]!;
        if (!(s >= MIN_NODE_SCORE && s <= MAX_NODE_SCORE)) {
          throw new Error(`plugin "${plugin.name}" returns an invalid score ${s}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`);
        }
        totals[i]! += s * weight;
        scores[i] = s * weight;
      }
      if (keepPerPlugin) byPlugin.set(plugin.name, scores);
    }
    return { byPlugin, totals };
  }

  hasScorePlugins(): boolean {
    return this.score.length > 0;
  }
}
