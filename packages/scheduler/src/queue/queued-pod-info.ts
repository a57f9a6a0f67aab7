// framework.QueuedPodInfo: a pod in the scheduling queue with its bookkeeping — when it entered,
// how many attempts it had, which plugins turned it down last (those decide which cluster events
// can bring it back).
import type { Pod } from '@kubelite/api';
import { podInfoOf, podKey, podUid, type PodInfo } from '../framework/pod-info.js';

export interface QueuedPodInfo {
  pod: Pod;
  readonly uid: string;
  readonly key: string;
  /** when it was (re-)queued: ordering within a priority */
  timestamp: number;
  /** when it was first popped, for the end-to-end scheduling SLI */
  initialAttemptTimestamp?: number;
  /** when it first entered the queue */
  readonly addedAt: number;
  attempts: number;
  /** plugins that rejected it in the last attempt */
  unschedulablePlugins: Set<string>;
  /** PreEnqueue plugin that is holding it back (scheduling gates) */
  gatedBy?: string;
}

export function newQueuedPodInfo(pod: Pod, now: number): QueuedPodInfo {
  return { pod, uid: podUid(pod), key: podKey(pod), timestamp: now, addedAt: now, attempts: 0, unschedulablePlugins: new Set() };
}

export const podInfoFor = (q: QueuedPodInfo): PodInfo => podInfoOf(q.pod);
