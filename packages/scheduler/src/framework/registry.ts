// The in-tree registry: plugin name → factory. Factories get their pluginConfig args, the
// handle, and (DefaultPreemption only) a way to re-run the profile's filters.
import { newBalancedAllocation, BALANCED_ALLOCATION, type BalancedAllocationArgs } from '../plugins/balanced-allocation.js';
import { newDefaultBinder, DEFAULT_BINDER } from '../plugins/default-binder.js';
import { newDefaultPreemption, DEFAULT_PREEMPTION, type NodeFilter } from '../plugins/default-preemption.js';
import { newImageLocality, IMAGE_LOCALITY } from '../plugins/image-locality.js';
import { newInterPodAffinity, INTER_POD_AFFINITY } from '../plugins/inter-pod-affinity.js';
import type { InterPodAffinityArgs } from '../plugins/inter-pod-affinity-scoring.js';
import { newNodeAffinity, NODE_AFFINITY, type NodeAffinityArgs } from '../plugins/node-affinity.js';
import { newNodeName, NODE_NAME } from '../plugins/node-name.js';
import { newNodePorts, NODE_PORTS } from '../plugins/node-ports.js';
import { newNodeResourcesFit, NODE_RESOURCES_FIT, type NodeResourcesFitArgs } from '../plugins/node-resources-fit.js';
import { newNodeUnschedulable, NODE_UNSCHEDULABLE } from '../plugins/node-unschedulable.js';
import { newPodTopologySpread, POD_TOPOLOGY_SPREAD } from '../plugins/pod-topology-spread.js';
import type { PodTopologySpreadArgs } from '../plugins/pod-topology-spread-scoring.js';
import { newPrioritySort, PRIORITY_SORT } from '../plugins/priority-sort.js';
import { newSchedulingGates, SCHEDULING_GATES } from '../plugins/scheduling-gates.js';
import { newTaintToleration, TAINT_TOLERATION } from '../plugins/taint-toleration.js';
import type { AnyPlugin, Handle } from './interface.js';

export interface FactoryContext {
  handle: Handle;
  filter: () => NodeFilter;
}

export type Factory = (args: Record<string, unknown>, ctx: FactoryContext) => AnyPlugin;

export const IN_TREE_REGISTRY: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  [SCHEDULING_GATES, () => newSchedulingGates()],
  [PRIORITY_SORT, () => newPrioritySort()],
  [NODE_UNSCHEDULABLE, () => newNodeUnschedulable()],
  [NODE_NAME, () => newNodeName()],
  [TAINT_TOLERATION, () => newTaintToleration()],
  [NODE_AFFINITY, (a) => newNodeAffinity(a as NodeAffinityArgs)],
  [NODE_PORTS, () => newNodePorts()],
  [NODE_RESOURCES_FIT, (a) => newNodeResourcesFit(a as NodeResourcesFitArgs)],
  [POD_TOPOLOGY_SPREAD, (a, c) => newPodTopologySpread(a as PodTopologySpreadArgs, c.handle)],
  [INTER_POD_AFFINITY, (a, c) => newInterPodAffinity(a as InterPodAffinityArgs, c.handle)],
  [DEFAULT_PREEMPTION, (_a, c) => newDefaultPreemption(c.handle, c.filter)],
  [BALANCED_ALLOCATION, (a) => newBalancedAllocation(a as BalancedAllocationArgs)],
  [IMAGE_LOCALITY, (_a, c) => newImageLocality(c.handle)],
  [DEFAULT_BINDER, (_a, c) => newDefaultBinder(c.handle)],
]);
