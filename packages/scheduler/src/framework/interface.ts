// The scheduling framework's plugin interfaces (pkg/scheduler/framework/interface.go), one per
// extension point. A plugin implements any subset; the runtime looks for the methods.
import type { KubeClient, Logger } from '@kubelite/client';
import type { Labels, LabelsSelector, Pod } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { ClusterEventWithHint } from '../queue/cluster-event.js';
import type { CycleState } from './cycle-state.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status | null;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodLike, b: QueuedPodLike): boolean;
}

export interface QueuedPodLike {
  pod: Pod;
  timestamp: number;
}

export interface PreFilterResult {
  /** only these nodes can possibly fit; undefined = all */
  nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  /** Returns a Status to reject (or Skip), null to go on; may narrow the nodes. */
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { status: Status | null; result?: PreFilterResult };
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
}

export interface NodeToStatus {
  /** statuses of the nodes filtered out, by node name */
  statuses: Map<string, Status>;
  /** what nodes not in the map are counted as (PreFilter narrowing), if any */
  absent?: Status;
}

export interface PostFilterResult {
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, filtered: NodeToStatus): Promise<{ result?: PostFilterResult; status: Status }>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /** Rewrites scores (parallel to nodes) into [0, 100]. */
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): void;
}

export interface BindPlugin extends Plugin {
  bind(pod: Pod, nodeName: string, annotations?: Record<string, string>): Promise<Status | null>;
}

/** EnqueueExtensions: the cluster events that may make a pod this plugin rejected schedulable. */
export interface EnqueueExtensions {
  eventsToRegister(): ClusterEventWithHint[];
}

/** What plugins can reach: the cache (as a snapshot), listers, the client. */
export interface Handle {
  nodes(): readonly NodeInfo[];
  nodeInfo(name: string): NodeInfo | undefined;
  affinityNodes(): { withAffinity: readonly NodeInfo[]; withAnti: readonly NodeInfo[] };
  namespaceLabels(namespace: string): Labels | undefined;
  /** helper.DefaultSelector: the Services, ReplicaSets and StatefulSets selecting the pod, ANDed */
  defaultSpreadSelector(pod: Pod): LabelsSelector | undefined;
  client: KubeClient;
  logger: Logger;
  /** marks a preemption victim (DisruptionTarget with this message), deletes it, records `reason` */
  deletePod(pod: Pod, disruption: string, reason: string): Promise<void>;
  /** the pending pods a preemption promised this node to */
  nominatedPodsForNode(node: string): readonly PodInfo[];
}

export type AnyPlugin = Plugin &
  Partial<PreEnqueuePlugin & PreFilterPlugin & FilterPlugin & PostFilterPlugin & PreScorePlugin & ScorePlugin & BindPlugin & EnqueueExtensions & QueueSortPlugin>;

export type PluginFactory = (args: Record<string, unknown> | undefined, handle: Handle) => AnyPlugin;
