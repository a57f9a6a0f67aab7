// NodeUnschedulable (Filter): a cordoned node (spec.unschedulable) takes only pods tolerating
// node.kubernetes.io/unschedulable:NoSchedule.
import type { Node, Pod } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { Action, type QueueingHint } from '../queue/cluster-event.js';
import { tolerated } from './helpers/taints.js';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

const fits = (pod: Pod, node: Node | undefined): boolean => !node?.spec?.unschedulable || tolerated(pod.spec.tolerations, TAINT);

export function newNodeUnschedulable(): FilterPlugin & EnqueueExtensions {
  return {
    name: NODE_UNSCHEDULABLE,
    filter(_s: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
      return fits(pod.pod, node.node) ? null : Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    },
    eventsToRegister: () => [
      { event: { resource: 'Node', actionType: Action.Add | Action.UpdateNodeTaint }, hint: (pod, _o, n): QueueingHint => (fits(pod, n as Node) ? 'Queue' : 'QueueSkip') },
      { event: { resource: 'Pod', actionType: Action.UpdatePodTolerations } },
    ],
  };
}
