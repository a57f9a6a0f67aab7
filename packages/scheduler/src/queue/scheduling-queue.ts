// The PriorityQueue of pkg/scheduler/backend/queue: three sub-queues.
//   activeQ          pods ready to be tried, by the profile's QueueSort (priority, then age);
//   backoffQ         pods that failed and wait out their backoff, by expiry;
//   unschedulablePods pods no plugin can currently place, parked until a cluster event that a
//                    rejecting plugin registered for (and whose queueing hint says Queue) or
//                    5 minutes pass.
// An event that arrives while a pod is being tried (moveRequestCycle ≥ the pod's cycle) sends it
// to backoffQ instead of parking it, so a node added mid-attempt is not missed. The queue keeps
// the nominator current as pending pods come, change and go.
import type { Pod } from '@kubelite/api';
import type { PreEnqueuePlugin, QueueSortPlugin } from '../framework/interface.js';
import { backoffExpiry, type BackoffConfig } from './backoff.js';
import { eventMatches, EVENTS, type ClusterEvent, type ClusterEventWithHint } from './cluster-event.js';
import { KeyedHeap } from './heap.js';
import { PodNominator } from './nominator.js';
import { newQueuedPodInfo, type QueuedPodInfo } from './queued-pod-info.js';
import { isPodUpdated } from './pod-updated.js';

export interface SchedulingQueueOptions {
  queueSort: QueueSortPlugin;
  preEnqueue?: readonly PreEnqueuePlugin[];
  /** plugin name → the events it registered */
  eventsByPlugin: ReadonlyMap<string, readonly ClusterEventWithHint[]>;
  backoff?: BackoffConfig;
  /** how long a pod may stay parked before it is retried anyway; 5 min */
  maxUnschedulableMs?: number;
  now?: () => number;
  onMove?: (event: string, count: number) => void;
  /** shared with the frameworks, which count nominated pods in their filters */
  nominator?: PodNominator;
}

export const DEFAULT_BACKOFF: BackoffConfig = { initialMs: 1000, maxMs: 10_000 };
const FLUSH_BACKOFF_MS = 1000;
const FLUSH_UNSCHEDULABLE_MS = 30_000;

export class SchedulingQueue {
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private readonly backoff: BackoffConfig;
  private readonly maxUnschedulableMs: number;
  private readonly now: () => number;
  readonly nominator: PodNominator;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private waiters: Array<(q: QueuedPodInfo | undefined) => void> = [];
  private closed = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly opts: SchedulingQueueOptions) {
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.maxUnschedulableMs = opts.maxUnschedulableMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
    this.nominator = opts.nominator ?? new PodNominator();
    this.activeQ = new KeyedHeap((q) => q.uid, (a, b) => opts.queueSort.less(a, b));
    this.backoffQ = new KeyedHeap((q) => q.uid, (a, b) => backoffExpiry(a, this.backoff) < backoffExpiry(b, this.backoff));
  }

  /** Starts the flushing loops (backoffQ every second, leftover parked pods every 30 s). */
  run(): void {
    this.timers.push(setInterval(() => this.flushBackoffCompleted(), FLUSH_BACKOFF_MS));
    this.timers.push(setInterval(() => this.flushUnschedulableLeftover(), FLUSH_UNSCHEDULABLE_MS));
    for (const t of this.timers) t.unref();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  get depths(): { active: number; backoff: number; unschedulable: number; gated: number } {
    let gated = 0;
    for (const q of this.unschedulable.values()) if (q.gatedBy) gated++;
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size - gated, gated };
  }

  get cycle(): number {
    return this.schedulingCycle;
  }

  // ---- informer-driven changes -------------------------------------------------------------

  add(pod: Pod): void {
    this.nominator.addNominatedPod(pod);
    const q = newQueuedPodInfo(pod, this.now());
    const uid = q.uid;
    if (this.activeQ.has(uid) || this.backoffQ.has(uid) || this.unschedulable.has(uid) || this.inFlight.has(uid)) return;
    this.moveToActiveQ(q, 'PodAdd');
  }

  update(oldPod: Pod, pod: Pod): void {
    this.nominator.updateNominatedPod(oldPod, pod);
    const fresh = newQueuedPodInfo(pod, this.now());
    const uid = fresh.uid;
    const inQueue = this.activeQ.get(uid) ?? this.backoffQ.get(uid);
    if (inQueue) {
      inQueue.pod = pod;
      return;
    }
    const flying = this.inFlight.get(uid);
    if (flying) {
      flying.pod = pod;
      return;
    }
    const parked = this.unschedulable.get(uid);
    if (!parked) return this.add(pod);
    parked.pod = pod;
    // Only a change to what scheduling reads (not status, not our own condition) retries it.
    if (!isPodUpdated(oldPod, pod)) return;
    this.unschedulable.delete(uid);
    if (parked.gatedBy) return this.moveToActiveQ(parked, 'PodUpdate');
    if (this.isBackingOff(parked)) this.backoffQ.addOrUpdate(parked);
    else this.moveToActiveQ(parked, 'PodUpdate');
  }

  delete(pod: Pod): void {
    const uid = newQueuedPodInfo(pod, 0).uid;
    this.nominator.deleteNominatedPodIfExists(uid);
    this.activeQ.delete(uid);
    this.backoffQ.delete(uid);
    this.unschedulable.delete(uid);
    this.inFlight.delete(uid);
  }

  // ---- the scheduling loop -----------------------------------------------------------------

  /** The next pod to try; waits for one. Resolves undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    const q = this.activeQ.pop();
    if (q) return Promise.resolve(this.startAttempt(q));
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A pod is available right now (lets the loop drain without awaiting). */
  tryPop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    return q ? this.startAttempt(q) : undefined;
  }

  private startAttempt(q: QueuedPodInfo): QueuedPodInfo {
    q.attempts++;
    this.schedulingCycle++;
    q.initialAttemptTimestamp ??= this.now();
    this.inFlight.set(q.uid, q);
    return q;
  }

  /** The attempt is over (bound, parked or failed). */
  done(uid: string): void {
    this.inFlight.delete(uid);
  }

  /**
   * After a failed attempt: park the pod, or back it off if it failed for an internal reason
   * or an event came in while it was being tried.
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo, podCycle: number): void {
    this.inFlight.delete(q.uid);
    if (this.activeQ.has(q.uid) || this.backoffQ.has(q.uid) || this.unschedulable.has(q.uid)) return;
    q.timestamp = this.now();
    if (q.unschedulablePlugins.size === 0 || this.moveRequestCycle >= podCycle) this.backoffQ.addOrUpdate(q);
    else this.unschedulable.set(q.uid, q);
  }

  /** A cluster event: retry parked pods it could help, as their rejecting plugins' hints say. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown, preCheck?: (pod: Pod) => boolean): void {
    this.moveRequestCycle = this.schedulingCycle;
    let moved = 0;
    for (const [uid, q] of this.unschedulable) {
      if (q.gatedBy) continue;
      if (preCheck && !preCheck(q.pod)) continue;
      if (!this.worthRequeuing(q, event, oldObj, newObj)) continue;
      this.unschedulable.delete(uid);
      if (this.isBackingOff(q)) this.backoffQ.addOrUpdate(q);
      else this.moveToActiveQ(q, event.label);
      moved++;
    }
    if (moved > 0) this.opts.onMove?.(event.label, moved);
  }

  private worthRequeuing(q: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
    if (event.resource === 'WildCard') return true;
    if (q.unschedulablePlugins.size === 0) return true;
    for (const plugin of q.unschedulablePlugins) {
      for (const reg of this.opts.eventsByPlugin.get(plugin) ?? []) {
        if (!eventMatches(reg.event, event)) continue;
        if (!reg.hint || reg.hint(q.pod, oldObj, newObj) === 'Queue') return true;
      }
    }
    return false;
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return backoffExpiry(q, this.backoff) > this.now();
  }

  private moveToActiveQ(q: QueuedPodInfo, _event: string): void {
    for (const p of this.opts.preEnqueue ?? []) {
      const s = p.preEnqueue(q.pod);
      if (s && !s.isSuccess()) {
        q.gatedBy = p.name;
        this.unschedulable.set(q.uid, q);
        return;
      }
    }
    q.gatedBy = undefined;
    const w = this.waiters.shift();
    if (w) w(this.startAttempt(q));
    else this.activeQ.addOrUpdate(q);
  }

  flushBackoffCompleted(): void {
    const now = this.now();
    for (let q = this.backoffQ.peek(); q && backoffExpiry(q, this.backoff) <= now; q = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.moveToActiveQ(q, 'BackoffComplete');
    }
  }

  flushUnschedulableLeftover(): void {
    const now = this.now();
    const stale: QueuedPodInfo[] = [];
    for (const q of this.unschedulable.values()) if (!q.gatedBy && now - q.timestamp > this.maxUnschedulableMs) stale.push(q);
    for (const q of stale) {
      this.unschedulable.delete(q.uid);
      if (this.isBackingOff(q)) this.backoffQ.addOrUpdate(q);
      else this.moveToActiveQ(q, EVENTS.UnschedulableTimeout.label);
    }
  }

  /** Pods waiting anywhere in the queue (for /metrics and tests). */
  pendingPods(): Pod[] {
    return [...this.activeQ.list(), ...this.backoffQ.list(), ...this.unschedulable.values()].map((q) => q.pod);
  }
}
