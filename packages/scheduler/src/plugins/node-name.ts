// NodeName (Filter): a pod naming a node in spec.nodeName fits only that node.
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action } from '../queue/cluster-event.js';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export function newNodeName(): FilterPlugin & EnqueueExtensions {
  return {
    name: NODE_NAME,
    filter(_s: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
      const want = pod.pod.spec.nodeName;
      return !want || want === node.name ? null : Status.unresolvable(ERR_REASON_NODE_NAME);
    },
    eventsToRegister: () => [{ event: { resource: 'Node', actionType: Action.Add } }],
  };
}
