// addAllEventHandlers: informer events into the cache and the queue. Assigned pods (spec.nodeName
// set) go to the cache — the bound pod confirming its assumption — and unassigned pods this
// scheduler is responsible for (schedulerName matches a profile) to the queue. Every change that
// could make a parked pod schedulable becomes a ClusterEvent with the precise action bits, so
// node heartbeats (status-only updates) wake nobody.
import { unwrapTombstone, type DeletedFinalStateUnknown, type SharedIndexInformer } from '@kubelite/client';
import type { Node, Pod } from '@kubelite/api';
import type { SchedulerCache } from './cache/cache.js';
import { podInfoOf } from './framework/pod-info.js';
import { Action, EVENTS, type ClusterEvent } from './queue/cluster-event.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';

export interface HandlerTargets {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  responsible(pod: Pod): boolean;
}

const assigned = (pod: Pod): boolean => Boolean(pod.spec.nodeName);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** nodeSchedulingPropertiesChange: which scheduling-relevant parts of a node changed. */
export function nodeUpdateActions(o: Node, n: Node): number {
  let bits = 0;
  if (!same(o.status?.allocatable, n.status?.allocatable)) bits |= Action.UpdateNodeAllocatable;
  if (!same(o.metadata.labels, n.metadata.labels)) bits |= Action.UpdateNodeLabel;
  if (!same(o.spec?.taints, n.spec?.taints) || Boolean(o.spec?.unschedulable) !== Boolean(n.spec?.unschedulable)) bits |= Action.UpdateNodeTaint;
  const conds = (x: Node): unknown => (x.status?.conditions ?? []).map((c) => [c.type, c.status]);
  if (!same(conds(o), conds(n))) bits |= Action.UpdateNodeCondition;
  if (!same(o.metadata.annotations, n.metadata.annotations)) bits |= Action.UpdateNodeAnnotation;
  return bits;
}

function podUpdateActions(o: Pod, n: Pod): number {
  let bits = 0;
  if (!same(o.metadata.labels, n.metadata.labels)) bits |= Action.UpdatePodLabel;
  const a = podInfoOf(o).requests;
  const b = podInfoOf(n).requests;
  if (b.milliCPU < a.milliCPU || b.memory < a.memory) bits |= Action.UpdatePodScaleDown;
  return bits;
}

export function addPodHandlers(informer: SharedIndexInformer<Pod>, t: HandlerTargets): void {
  informer.addEventHandler({
    onAdd(pod) {
      if (assigned(pod)) {
        t.cache.addPod(pod);
        t.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodAdd, undefined, pod);
      } else if (t.responsible(pod)) t.queue.add(pod);
    },
    onUpdate(oldPod, pod) {
      if (assigned(pod)) {
        if (!assigned(oldPod)) {
          // Bound (by us or someone else): no longer ours to schedule.
          t.queue.delete(oldPod);
          t.cache.addPod(pod);
          t.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodAdd, undefined, pod);
          return;
        }
        t.cache.updatePod(oldPod, pod);
        const bits = podUpdateActions(oldPod, pod);
        if (bits !== 0) t.queue.moveAllToActiveOrBackoffQueue({ resource: 'Pod', actionType: bits, label: 'AssignedPodUpdate' }, oldPod, pod);
      } else if (t.responsible(pod)) t.queue.update(oldPod, pod);
    },
    onDelete(obj: Pod | DeletedFinalStateUnknown<Pod>) {
      const pod = unwrapTombstone(obj);
      if (assigned(pod)) {
        t.cache.removePod(pod);
        t.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete, pod, undefined);
      } else t.queue.delete(pod);
    },
  });
}

export function addNodeHandlers(informer: SharedIndexInformer<Node>, t: HandlerTargets): void {
  informer.addEventHandler({
    onAdd(node) {
      t.cache.addNode(node);
      t.queue.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd, undefined, node);
    },
    onUpdate(oldNode, node) {
      t.cache.updateNode(oldNode, node);
      const bits = nodeUpdateActions(oldNode, node);
      if (bits === 0) return;
      const ev: ClusterEvent = { resource: 'Node', actionType: bits, label: 'NodeUpdate' };
      t.queue.moveAllToActiveOrBackoffQueue(ev, oldNode, node);
    },
    onDelete(obj: Node | DeletedFinalStateUnknown<Node>) {
      const node = unwrapTombstone(obj);
      t.cache.removeNode(node);
      t.queue.moveAllToActiveOrBackoffQueue(EVENTS.NodeDelete, node, undefined);
    },
  });
}
