// NodePorts: a pod asking for host ports fits only nodes where no pod holds the same
// protocol/port on an overlapping address (0.0.0.0 overlaps every address).
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../framework/interface.js';
import { podInfoOf, type PodInfo } from '../framework/pod-info.js';
import type { Pod } from '@kubelite/api';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

export function newNodePorts(): PreFilterPlugin & FilterPlugin & EnqueueExtensions {
  return {
    name: NODE_PORTS,
    preFilter(_s: CycleState, pod: PodInfo): { status: Status | null; result?: PreFilterResult } {
      return { status: pod.hostPorts.length === 0 ? Status.skip() : null };
    },
    filter(_s: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
      for (const hp of pod.hostPorts) if (node.portConflicts(hp)) return Status.unschedulable(ERR_REASON_PORTS);
      return null;
    },
    eventsToRegister: () => [
      {
        // Only the deletion of a pod holding one of the ports can free it.
        event: { resource: 'Pod', actionType: Action.Delete },
        hint: (pod, o): QueueingHint => {
          const want = podInfoOf(pod).hostPorts;
          const freed = podInfoOf(o as Pod).hostPorts;
          return want.some((w) => freed.some((f) => f.port === w.port && f.protocol === w.protocol)) ? 'Queue' : 'QueueSkip';
        },
      },
      { event: { resource: 'Node', actionType: Action.Add } },
    ],
  };
}
