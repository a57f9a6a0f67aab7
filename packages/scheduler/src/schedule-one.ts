// scheduleOne: one pod through a scheduling cycle (algorithm, Assume — synchronous) and then a
// binding cycle (Bind — asynchronous, so the next pod is scheduled while the POST is in flight).
// Failures go to failure-handler.ts; a failed binding forgets the assumption and retries the pod.
import type { Pod } from '@kubelite/api';
import type { Logger } from '@kubelite/client';
import type { SchedulerCache } from './cache/cache.js';
import { CycleState } from './framework/cycle-state.js';
import { FitError } from './framework/fit-error.js';
import { podInfoOf } from './framework/pod-info.js';
import type { Framework } from './framework/runtime.js';
import { DECISION_ANNOTATION, renderDecision, wantsExplanation } from './explain.js';
import type { EventRecorder } from './events.js';
import type { FailureHandler } from './failure-handler.js';
import type { SchedulerMetrics } from './metrics.js';
import { EVENTS } from './queue/cluster-event.js';
import type { QueuedPodInfo } from './queue/queued-pod-info.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';
import { ScheduleAlgorithm, SchedulingError } from './schedule-algorithm.js';

export interface ScheduleOneDeps {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  algorithm: ScheduleAlgorithm;
  failures: FailureHandler;
  events: EventRecorder;
  metrics: SchedulerMetrics;
  logger: Logger;
  frameworkFor(pod: Pod): Framework | undefined;
  /** the pod as the informer has it now (undefined: deleted) */
  currentPod(pod: Pod): Pod | undefined;
}

export class ScheduleOne {
  private inFlightBindings = 0;
  private bindingsIdle: Array<() => void> = [];

  constructor(private readonly d: ScheduleOneDeps) {}

  get bindingsInFlight(): number {
    return this.inFlightBindings;
  }

  /** Runs the scheduling cycle; the binding cycle continues in the background. */
  run(q: QueuedPodInfo): void {
    const start = performance.now();
    const pod = q.pod;
    const fwk = this.d.frameworkFor(pod);
    if (!fwk || this.skip(q, pod)) {
      this.d.queue.done(q.uid);
      return;
    }
    const podCycle = this.d.queue.cycle;
    const state = new CycleState();
    state.explain = wantsExplanation(pod);
    const info = podInfoOf(pod);
    let result;
    try {
      result = this.d.algorithm.schedulePod(fwk, state, info);
    } catch (e) {
      const err = e instanceof SchedulingError || e instanceof Error ? e : new Error(String(e));
      this.d.failures.handle(fwk, q, podCycle, err, start);
      return;
    }
    if (result instanceof FitError) {
      void this.d.failures.handleFit(fwk, state, q, podCycle, result, start);
      return;
    }
    const assumed: Pod = { ...pod, spec: { ...pod.spec, nodeName: result.node } };
    try {
      this.d.cache.assumePod(assumed);
    } catch (e) {
      this.d.failures.handle(fwk, q, podCycle, e instanceof Error ? e : new Error(String(e)), start);
      return;
    }
    // Placed: whatever room a preemption promised it is no longer held for it.
    this.d.queue.nominator.deleteNominatedPodIfExists(q.uid);
    const annotations = result.verdicts ? { [DECISION_ANNOTATION]: renderDecision(fwk.profileName, result.node, result.verdicts) } : undefined;
    this.d.metrics.attempts.inc({ result: 'scheduled', profile: fwk.profileName });
    this.d.metrics.attemptDuration.observe({ result: 'scheduled', profile: fwk.profileName }, (performance.now() - start) / 1000);
    this.inFlightBindings++;
    void this.bind(fwk, q, assumed, result.node, annotations).finally(() => {
      this.inFlightBindings--;
      for (const w of this.bindingsIdle.splice(0)) w();
    });
  }

  /** Pods being deleted or already assumed are not scheduled (skipPodSchedule). */
  private skip(q: QueuedPodInfo, pod: Pod): boolean {
    if (pod.metadata.deletionTimestamp) {
      this.d.events.record(pod, 'Warning', 'FailedScheduling', 'Scheduling', `skip schedule deleting pod: ${q.key}`);
      return true;
    }
    return this.d.cache.isAssumed(pod);
  }

  private async bind(fwk: Framework, q: QueuedPodInfo, assumed: Pod, node: string, annotations?: Record<string, string>): Promise<void> {
    const status = await fwk.bind[0]!.bind(assumed, node, annotations);
    if (!status) {
      this.d.cache.finishBinding(assumed);
      this.d.queue.done(q.uid);
      this.d.metrics.sliDuration.observe({ attempts: String(q.attempts) }, (Date.now() - q.addedAt) / 1000);
      this.d.metrics.podAttempts.observe(q.attempts);
      this.d.events.record(assumed, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${q.key} to ${node}`);
      return;
    }
    this.d.metrics.bindingErrors.inc();
    try {
      this.d.cache.forgetPod(assumed);
    } catch {
      // The informer already replaced the assumption (the pod was bound or deleted meanwhile).
    }
    // Resources came back: pods parked for lack of them may fit now.
    this.d.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete, assumed, undefined);
    const err = new Error(status.message());
    this.d.logger.warn({ pod: q.key, node, err: err.message }, 'binding failed');
    if (this.isGoneOrBound(q.pod)) {
      this.d.queue.done(q.uid);
      return;
    }
    this.d.failures.handle(fwk, q, this.d.queue.cycle, err, performance.now());
  }

  private isGoneOrBound(pod: Pod): boolean {
    const cur = this.d.currentPod(pod);
    return !cur || Boolean(cur.spec.nodeName) || cur.metadata.uid !== pod.metadata.uid;
  }

  /** Resolves once fewer than `below` bindings are in flight, or after timeoutMs. */
  async waitForBindings(timeoutMs: number, below = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlightBindings >= below && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.bindingsIdle.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
