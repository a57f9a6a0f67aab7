// framework.ClusterEvent: what changed in the cluster (a resource and an action), and the
// queueing hints plugins register so that only events that could make a parked pod schedulable
// move it back to the active queue.
import type { Pod } from '@kubelite/api';

export type EventResource = 'Node' | 'Pod' | 'Namespace' | 'Service' | 'WildCard';

/** ActionType bits, as upstream. */
export const Action = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  Update: 0,
  All: 0,
} as const;
// Every Update* bit, then every bit.
(Action as { Update: number }).Update = (1 << 11) - 1 - Action.Add - Action.Delete;
(Action as { All: number }).All = (1 << 11) - 1;

export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  /** for metrics and logs: `NodeAdd`, `AssignedPodDelete`, … */
  label: string;
}

export type QueueingHint = 'Queue' | 'QueueSkip';

export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  event: { resource: EventResource; actionType: number };
  /** absent: always Queue */
  hint?: QueueingHintFn;
}

export const EVENTS = {
  NodeAdd: { resource: 'Node', actionType: Action.Add, label: 'NodeAdd' },
  NodeDelete: { resource: 'Node', actionType: Action.Delete, label: 'NodeDelete' },
  AssignedPodAdd: { resource: 'Pod', actionType: Action.Add, label: 'AssignedPodAdd' },
  AssignedPodDelete: { resource: 'Pod', actionType: Action.Delete, label: 'AssignedPodDelete' },
  AssignedPodUpdate: { resource: 'Pod', actionType: Action.Update, label: 'AssignedPodUpdate' },
  UnschedulableTimeout: { resource: 'WildCard', actionType: Action.All, label: 'UnschedulableTimeout' },
  ForceActivate: { resource: 'WildCard', actionType: Action.All, label: 'ForceActivate' },
} as const satisfies Record<string, ClusterEvent>;

export function eventMatches(registered: { resource: EventResource; actionType: number }, ev: ClusterEvent): boolean {
  if (ev.resource === 'WildCard' || registered.resource === 'WildCard') return true;
  return registered.resource === ev.resource && (registered.actionType & ev.actionType) !== 0;
}
