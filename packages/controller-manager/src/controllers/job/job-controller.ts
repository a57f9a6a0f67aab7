// The Job controller (E.4), reduced to NonIndexed jobs: keep min(parallelism, remaining
// completions) pods running; count succeeded and failed pods; past backoffLimit the Job fails
// (FailureTarget, then Failed, active pods deleted); at `completions` successes it completes
// (SuccessCriteriaMet, then Complete with completionTime), as 1.32 writes them.
import { labelSelectorAsSelector, type Job, type JobCondition, type JobStatus, type Pod } from '@kubelite/api';
import { isConflict, isNotFound, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { ControllerExpectations } from '../../controller/expectations.js';
import { CONTROLLER_UID_INDEX, podInformer } from '../../controller/informers.js';
import { PodControl, podFromTemplate, slowStartBatch } from '../../controller/pod-control.js';
import { controllerRef, isPodActive, isPodReady, keyOf, newControllerRef, rfc3339 } from '../../controller/pod-util.js';

const cond = (type: string, reason: string, message: string): JobCondition => ({
  type,
  status: 'True',
  reason,
  message,
  lastProbeTime: rfc3339(),
  lastTransitionTime: rfc3339(),
});

const finished = (j: Job): boolean => (j.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

export class JobController extends QueueController {
  private readonly jobs: SharedIndexInformer<Job>;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly podControl: PodControl;
  private readonly expectations = new ControllerExpectations();

  constructor(ctx: ControllerContext) {
    super('job-controller', ctx);
    this.jobs = ctx.informers.forResource<Job>('batch', 'v1', 'jobs');
    this.pods = podInformer(ctx.informers);
    this.jobClient = ctx.client.resource<Job>('batch', 'v1', 'jobs');
    this.podControl = new PodControl(ctx.client, ctx.recorder('job-controller'));
    this.jobs.addEventHandler({ onAdd: (j) => this.enqueue(j), onUpdate: (_o, j) => this.enqueue(j) });
    const podEvent = (p: Pod, added = false): void => {
      const ref = controllerRef(p);
      if (ref?.kind !== 'Job') return;
      const job = this.jobs.getIndexer().getByKey(`${p.metadata.namespace}/${ref.name}`);
      if (!job) return;
      if (added) this.expectations.creationObserved(keyOf(job));
      this.enqueue(job);
    };
    this.pods.addEventHandler({ onAdd: (p) => podEvent(p, true), onUpdate: (_o, p) => podEvent(p), onDelete: (p) => podEvent('key' in p ? p.obj : p) });
  }

  protected async sync(key: string): Promise<void> {
    const job = this.jobs.getIndexer().getByKey(key);
    if (!job || job.metadata.deletionTimestamp || finished(job)) return;
    const selector = labelSelectorAsSelector(job.spec.selector);
    const pods = this.pods.getIndexer().byIndex(CONTROLLER_UID_INDEX, job.metadata.uid ?? '').filter((p) => selector.matches(p.metadata.labels));
    const active = pods.filter(isPodActive);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const completions = job.spec.completions ?? null;
    const status: JobStatus = { ...(job.status ?? {}), active: active.length, ready: active.filter(isPodReady).length, succeeded, failed, terminating: pods.filter((p) => !!p.metadata.deletionTimestamp).length };
    status.startTime ??= rfc3339();
    const done = completions === null ? succeeded > 0 && active.length === 0 : succeeded >= completions;
    if (failed > (job.spec.backoffLimit ?? 6)) {
      await Promise.all(active.map((p) => this.podControl.delete(job, 'Job', p)));
      status.conditions = [...(status.conditions ?? []), cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'), cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
      this.ctx.recorder('job-controller').event(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', 'Job');
    } else if (done) {
      status.conditions = [...(status.conditions ?? []), cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'), cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')];
      status.completionTime = rfc3339();
      this.ctx.recorder('job-controller').event(job, 'Normal', 'Completed', 'Job completed', 'Job');
    } else if (!job.spec.suspend && this.expectations.satisfied(key)) {
      await this.manage(job, active.length, succeeded, completions);
    }
    if (JSON.stringify(status) === JSON.stringify(job.status ?? {})) return;
    try {
      await this.jobClient.namespace(job.metadata.namespace ?? '').updateStatus({ ...job, metadata: { ...job.metadata, resourceVersion: undefined }, status });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  private async manage(job: Job, active: number, succeeded: number, completions: number | null): Promise<void> {
    const parallelism = job.spec.parallelism ?? 1;
    const want = completions === null ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded);
    const diff = Math.min(500, want - active);
    if (diff <= 0) return;
    const key = keyOf(job);
    this.expectations.expectCreations(key, diff);
    const ref = newControllerRef(job, 'batch/v1', 'Job');
    const ns = job.metadata.namespace ?? '';
    const { ok, err } = await slowStartBatch(diff, 1, async () => {
      await this.podControl.create(job, 'Job', podFromTemplate(job.spec.template, ns, `${job.metadata.name ?? ''}-`, ref));
    });
    if (ok < diff) this.expectations.lowerCreations(key, diff - ok);
    if (err) throw err;
  }
}
