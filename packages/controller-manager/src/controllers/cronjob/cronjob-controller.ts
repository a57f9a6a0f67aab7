// The CronJob controller (pkg/controller/cronjob, controller_v2): per CronJob, reconcile
// status.active with the Jobs it owns, start a Job (`<cronjob>-<minutes>`, ownerReference to
// the CronJob) when a scheduled time comes, honour suspend, startingDeadlineSeconds and the
// concurrency policy, prune finished Jobs beyond the history limits, and requeue itself for the
// next scheduled time. The wall clock is injectable so scheduling is testable without waiting.
import type { CronJob, Job } from '@kubelite/api';
import { isAlreadyExists, isConflict, isNotFound, type ResourceClient, type SharedIndexInformer } from '@kubelite/client';
import { QueueController } from '../../controller/base-controller.js';
import type { ControllerContext } from '../../controller/context.js';
import { CONTROLLER_UID_INDEX, byControllerUID, ensureIndex } from '../../controller/informers.js';
import { controllerRef, isControlledBy, rfc3339 } from '../../controller/pod-util.js';
import { cmError } from '../../errors.js';
import { reconcileActive, selectForCleanup } from './history.js';
import { decide } from './policy.js';
import { parseSchedule } from './schedule.js';
import { jobFromTemplate, jobRef } from './utils.js';

export interface CronJobControllerOptions {
  /** wall-clock time in ms since the epoch; tests pass a fake */
  now?: () => number;
}

const EVENT_SOURCE = 'cronjob-controller';

export class CronJobController extends QueueController {
  private readonly cronJobs: SharedIndexInformer<CronJob>;
  private readonly jobs: SharedIndexInformer<Job>;
  private readonly cjClient: ResourceClient<CronJob>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, opts: CronJobControllerOptions = {}) {
    super('cronjob-controller', ctx);
    this.now = opts.now ?? Date.now;
    this.cronJobs = ctx.informers.forResource<CronJob>('batch', 'v1', 'cronjobs');
    this.jobs = ctx.informers.forResource<Job>('batch', 'v1', 'jobs');
    ensureIndex(this.jobs, CONTROLLER_UID_INDEX, byControllerUID);
    this.cjClient = ctx.client.resource<CronJob>('batch', 'v1', 'cronjobs');
    this.jobClient = ctx.client.resource<Job>('batch', 'v1', 'jobs');
    this.cronJobs.addEventHandler({ onAdd: (c) => this.enqueue(c), onUpdate: (_o, c) => this.enqueue(c) });
    const jobEvent = (j: Job): void => {
      const ref = controllerRef(j);
      if (ref?.kind === 'CronJob') this.queue.add(`${j.metadata.namespace ?? ''}/${ref.name}`);
    };
    this.jobs.addEventHandler({ onAdd: jobEvent, onUpdate: (_o, j) => jobEvent(j), onDelete: (j) => jobEvent('key' in j ? j.obj : j) });
  }

  private get recorder() {
    return this.ctx.recorder(EVENT_SOURCE);
  }

  protected async sync(key: string): Promise<void> {
    const cached = this.cronJobs.getIndexer().getByKey(key);
    if (!cached) return;
    const cj = structuredClone(cached);
    const jobs = this.jobs.getIndexer().byIndex(CONTROLLER_UID_INDEX, cj.metadata.uid ?? '').filter((j) => isControlledBy(j, cj));
    let changed = await this.reconcileActive(cj, jobs);
    changed = (await this.cleanupFinishedJobs(cj, jobs)) || changed;
    let requeueAfter: number | undefined;
    let err: unknown;
    try {
      const r = await this.syncSchedule(cj);
      requeueAfter = r.requeueAfterMs;
      changed = r.changed || changed;
    } catch (e) {
      err = e;
    }
    // Status first: a Job started above must be recorded even when something after it failed.
    if (changed) {
      try {
        await this.cjClient.namespace(cj.metadata.namespace ?? '').updateStatus(cj);
      } catch (e) {
        if (isNotFound(e)) return;
        throw e;
      }
    }
    if (err !== undefined) throw err;
    if (requeueAfter !== undefined) this.queue.addAfter(key, Math.max(0, requeueAfter));
  }

  /** status.active against the Jobs that exist; finished ones leave it, vanished ones too. */
  private async reconcileActive(cj: CronJob, jobs: readonly Job[]): Promise<boolean> {
    const r = reconcileActive(cj, jobs);
    for (const j of r.unexpected) this.recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name ?? ''}`, 'CronJob');
    for (const [j, cond] of r.completed) this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name ?? ''}, condition: ${cond}`, 'CronJob');
    let changed = r.changed;
    for (const ref of r.unseen) {
      // The informer may just be slow: ask the API before declaring the Job missing.
      try {
        await this.jobClient.namespace(ref.namespace ?? '').get(ref.name ?? '');
      } catch (e) {
        if (!isNotFound(e)) throw e;
        this.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`, 'CronJob');
        cj.status = { ...cj.status, active: (cj.status?.active ?? []).filter((a) => a.uid !== ref.uid) };
        changed = true;
      }
    }
    return changed;
  }

  private async cleanupFinishedJobs(cj: CronJob, jobs: readonly Job[]): Promise<boolean> {
    let changed = false;
    for (const job of selectForCleanup(cj, jobs)) changed = (await this.deleteJob(cj, job)) || changed;
    return changed;
  }

  private async deleteJob(cj: CronJob, job: Job): Promise<boolean> {
    try {
      await this.jobClient.namespace(job.metadata.namespace ?? '').delete(job.metadata.name ?? '', { propagationPolicy: 'Background', preconditions: { uid: job.metadata.uid } });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) {
        this.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${e instanceof Error ? e.message : String(e)}`, 'CronJob');
        throw e;
      }
    }
    const before = cj.status?.active?.length ?? 0;
    cj.status = { ...cj.status, active: (cj.status?.active ?? []).filter((a) => a.uid !== job.metadata.uid) };
    this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name ?? ''}`, 'CronJob');
    return before !== cj.status.active?.length;
  }

  private async syncSchedule(cj: CronJob): Promise<{ changed: boolean; requeueAfterMs?: number }> {
    if (cj.metadata.deletionTimestamp || cj.spec.suspend) return { changed: false };
    let sched;
    try {
      sched = parseSchedule(cj.spec.schedule, cj.spec.timeZone);
    } catch (e) {
      // Retrying cannot fix the spec; the next update of the CronJob brings us back.
      const msg = e instanceof Error ? e.message : String(e);
      if (e instanceof RangeError) this.recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(cj.spec.timeZone ?? '')}: ${msg}`, 'CronJob');
      else this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${msg}`, 'CronJob');
      return { changed: false };
    }
    const now = this.now();
    let plan;
    try {
      plan = decide(cj, now, sched);
    } catch (e) {
      this.recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${e instanceof Error ? e.message : String(e)}`, 'CronJob');
      return { changed: false };
    }
    const { decision: d, requeueAfterMs } = plan;
    if (plan.missed === 'many') this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', 'CronJob');
    if (d.action === 'missed') this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${new Date(d.scheduled).toUTCString()}`, 'CronJob');
    if (d.action === 'forbidden') this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', 'CronJob');
    if (d.action !== 'start') return { changed: false, requeueAfterMs };
    if (d.replaceActive) {
      for (const ref of cj.status?.active ?? []) {
        const job = await this.jobClient.namespace(ref.namespace ?? '').get(ref.name ?? '').catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
        if (job) await this.deleteJob(cj, job);
      }
      cj.status = { ...cj.status, active: [] };
    }
    const want = jobFromTemplate(cj, d.scheduled);
    const client = this.jobClient.namespace(cj.metadata.namespace ?? '');
    let job: Job;
    try {
      job = await client.create(want);
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name ?? ''}`, 'CronJob');
    } catch (e) {
      if (!isAlreadyExists(e)) {
        this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e instanceof Error ? e.message : String(e)}`, 'CronJob');
        throw e;
      }
      // Its name is this run's lock: we made it before and crashed before recording it.
      job = await client.get(want.metadata.name ?? '');
      if (!isControlledBy(job, cj)) throw cmError('REQUEUE', `job ${want.metadata.name ?? ''} exists and is not controlled by this CronJob`);
    }
    const active = cj.status?.active ?? [];
    if (!active.some((a) => a.uid === job.metadata.uid)) active.push(jobRef(job));
    cj.status = { ...cj.status, active, lastScheduleTime: rfc3339(new Date(d.scheduled)) };
    return { changed: true, requeueAfterMs };
  }
}
