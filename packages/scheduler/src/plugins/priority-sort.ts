// PrioritySort (QueueSort): higher spec.priority first, then the pod queued earlier.
import type { QueuedPodLike, QueueSortPlugin } from '../framework/interface.js';
import { podPriority } from '../framework/pod-info.js';

export const PRIORITY_SORT = 'PrioritySort';

export function newPrioritySort(): QueueSortPlugin {
  return {
    name: PRIORITY_SORT,
    less(a: QueuedPodLike, b: QueuedPodLike): boolean {
      const pa = podPriority(a.pod);
      const pb = podPriority(b.pod);
      return pa > pb || (pa === pb && a.timestamp < b.timestamp);
    },
  };
}
