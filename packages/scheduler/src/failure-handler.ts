// handleSchedulingFailure: what a pod that could not be placed gets. PostFilter (preemption) runs
// first for "no fit" failures and adds its message. Then the pod goes back to the queue (parked
// with the plugins that rejected it, or backed off after an internal error), a Warning
// FailedScheduling event is recorded, and — only if it changed — the PodScheduled=False condition
// (reason Unschedulable or SchedulerError, the full message) and nominatedNodeName are patched
// through pods/status.
import type { Pod, PodCondition } from '@kubelite/api';
import { rfc3339, type KubeClient, type Logger } from '@kubelite/client';
import type { CycleState } from './framework/cycle-state.js';
import type { FitError } from './framework/fit-error.js';
import { podInfoOf } from './framework/pod-info.js';
import type { Framework } from './framework/runtime.js';
import { Code } from './framework/status.js';
import { DECISION_ANNOTATION, renderDecision, wantsExplanation, type NodeVerdict } from './explain.js';
import type { EventRecorder } from './events.js';
import type { SchedulerMetrics } from './metrics.js';
import type { QueuedPodInfo } from './queue/queued-pod-info.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';
import { ERR_NO_NODES } from './schedule-algorithm.js';

export interface FailureHandlerDeps {
  queue: SchedulingQueue;
  events: EventRecorder;
  metrics: SchedulerMetrics;
  logger: Logger;
  client: KubeClient;
  currentPod(pod: Pod): Pod | undefined;
}

export class FailureHandler {
  constructor(private readonly d: FailureHandlerDeps) {}

  /** An internal error: back off and retry; the condition says SchedulerError. */
  handle(fwk: Framework, q: QueuedPodInfo, podCycle: number, err: Error, start: number): void {
    this.d.metrics.attempts.inc({ result: 'error', profile: fwk.profileName });
    this.d.metrics.attemptDuration.observe({ result: 'error', profile: fwk.profileName }, (performance.now() - start) / 1000);
    this.d.logger.error({ pod: q.key, err: err.message }, 'Error scheduling pod; retrying');
    q.unschedulablePlugins = new Set();
    const pod = this.requeue(q, podCycle);
    if (pod) this.report(pod, 'SchedulerError', err.message, undefined);
  }

  /** No node fits: preemption, requeue, event, condition. */
  async handleFit(fwk: Framework, state: CycleState, q: QueuedPodInfo, podCycle: number, fit: FitError, start: number): Promise<void> {
    this.d.metrics.attempts.inc({ result: 'unschedulable', profile: fwk.profileName });
    this.d.metrics.attemptDuration.observe({ result: 'unschedulable', profile: fwk.profileName }, (performance.now() - start) / 1000);
    let nominated: string | undefined;
    if (fit.numAllNodes > 0 && fwk.postFilter.length > 0) {
      try {
        const info = podInfoOf(q.pod);
        this.d.metrics.preemptionAttempts.inc();
        const r = await fwk.postFilter[0]!.postFilter(state, info, fit.diagnosis.filtered);
        if (r.status.code !== Code.Success && r.status.message()) fit.diagnosis.postFilterMsg = r.status.message();
        nominated = r.result?.nominatedNodeName;
        // Held at once, before the status patch comes back through the informer.
        if (nominated !== undefined) this.d.queue.nominator.addNominatedPod(q.pod, nominated);
      } catch (e) {
        this.d.logger.error({ pod: q.key, err: e instanceof Error ? e.message : String(e) }, 'PostFilter failed');
      }
    }
    const message = fit.numAllNodes === 0 ? ERR_NO_NODES : fit.message();
    this.d.logger.debug({ pod: q.key, message }, 'Unable to schedule pod; no fit; waiting');
    q.unschedulablePlugins = fit.diagnosis.unschedulablePlugins;
    const pod = this.requeue(q, podCycle);
    if (!pod) return;
    this.report(pod, 'Unschedulable', message, nominated);
    if (wantsExplanation(pod)) this.explain(fwk, pod, fit, message);
  }

  /** Back into the queue unless the pod is gone or got bound meanwhile; returns its latest state. */
  private requeue(q: QueuedPodInfo, podCycle: number): Pod | undefined {
    const cur = this.d.currentPod(q.pod);
    if (!cur || cur.spec.nodeName || cur.metadata.uid !== q.pod.metadata.uid) {
      this.d.queue.done(q.uid);
      return undefined;
    }
    q.pod = cur;
    this.d.queue.addUnschedulableIfNotPresent(q, podCycle);
    return cur;
  }

  private report(pod: Pod, reason: 'Unschedulable' | 'SchedulerError', message: string, nominated: string | undefined): void {
    this.d.events.record(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
    void this.patchCondition(pod, reason, message, nominated);
  }

  private async patchCondition(pod: Pod, reason: string, message: string, nominated: string | undefined): Promise<void> {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const nominatedChanged = nominated !== undefined && nominated !== (pod.status?.nominatedNodeName ?? '');
    if (old && old.status === 'False' && old.reason === reason && old.message === message && !nominatedChanged) return;
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(),
    };
    const status: Record<string, unknown> = { conditions: [condition] };
    if (nominatedChanged) status.nominatedNodeName = nominated === '' ? null : nominated;
    try {
      await this.d.client.resource<Pod>('', 'v1', 'pods').namespace(pod.metadata.namespace ?? 'default').patch(pod.metadata.name ?? '', 'strategic', { status }, { subresource: 'status' });
    } catch (e) {
      this.d.logger.warn({ pod: `${pod.metadata.namespace}/${pod.metadata.name}`, err: e instanceof Error ? e.message : String(e) }, 'Error updating pod condition');
    }
  }

  private explain(fwk: Framework, pod: Pod, fit: FitError, message: string): void {
    const verdicts = new Map<string, NodeVerdict>();
    for (const [name, s] of fit.diagnosis.filtered.statuses) verdicts.set(name, { filter: `${s.plugin}: ${s.message()}` });
    const decision = renderDecision(fwk.profileName, 'Unschedulable', verdicts, message);
    if (pod.metadata.annotations?.[DECISION_ANNOTATION] === decision) return;
    const patch = { metadata: { annotations: { [DECISION_ANNOTATION]: decision } } };
    this.d.client
      .resource<Pod>('', 'v1', 'pods')
      .namespace(pod.metadata.namespace ?? 'default')
      .patch(pod.metadata.name ?? '', 'merge', patch)
      .catch((e: unknown) => this.d.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'Error writing decision'));
  }
}
