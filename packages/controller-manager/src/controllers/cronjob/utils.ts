// The CronJob controller's time arithmetic and Job construction (pkg/controller/cronjob
// utils.go), pure so tests drive them with any "now": which scheduled time is due, when to look
// again, the deterministic Job name that doubles as a lock against creating a run twice.
import type { CronJob, Job, ObjectReference } from '@kubelite/api';
import { newControllerRef, rfc3339 } from '../../controller/pod-util.js';
import type { Schedule } from './schedule.js';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Requeue slightly after the next time, so the sync sees it as due rather than just ahead. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
  earliest: number;
  /** the latest scheduled time in (earliest, now], if any */
  mostRecent?: number;
  missed: Missed;
}

const ms = (t: string | null | undefined): number | undefined => (t ? Date.parse(t) : undefined);

/**
 * Counting every missed time would be unbounded for a CronJob that was off for a year, so, as
 * upstream does, estimate with the interval between the first two times, then walk forward.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, sched: Schedule, includeStartingDeadline: boolean): MostRecent {
  let earliest = ms(cj.status?.lastScheduleTime) ?? ms(cj.metadata.creationTimestamp) ?? now;
  const deadline = cj.spec.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined && deadline !== null) {
    // Nothing older than the deadline can still start, so it is not worth counting.
    earliest = Math.max(earliest, now - deadline * 1000);
  }
  const t1 = sched.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' };
  const t2 = sched.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const missedCount = Math.floor((now - t1) / 1000 / between) + 1;
  let mostRecent = t1 + (missedCount - 1) * between * 1000;
  // The estimate assumed even spacing; step to the true latest time not after now.
  for (let t = sched.next(mostRecent); t !== undefined && t <= now; t = sched.next(t)) mostRecent = t;
  return { earliest, mostRecent, missed: missedCount > 100 ? 'many' : missedCount > 1 ? 'few' : 'none' };
}

/** The time a Job is due for now, if one is. */
export function nextScheduleTime(cj: CronJob, now: number, sched: Schedule): { time?: number; missed: Missed } {
  const r = mostRecentScheduleTime(cj, now, sched, true);
  if (r.mostRecent === undefined || r.mostRecent > now) return { missed: r.missed };
  return { time: r.mostRecent, missed: r.missed };
}

/** How long until the next scheduled time (plus a small delta). */
export function nextScheduleDelay(cj: CronJob, now: number, sched: Schedule): number | undefined {
  let r: MostRecent;
  try {
    r = mostRecentScheduleTime(cj, now, sched, false);
  } catch {
    return undefined;
  }
  const next = sched.next(r.mostRecent ?? r.earliest);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** `<cronjob>-<scheduled time in minutes since the epoch>`: the same run always has the same name. */
export function jobName(cj: CronJob, scheduled: number): string {
  return `${cj.metadata.name ?? ''}-${Math.floor(scheduled / 60_000)}`;
}

export function jobFromTemplate(cj: CronJob, scheduled: number): Job {
  const t = cj.spec.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(new Date(scheduled)) },
      ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
    },
    spec: structuredClone(t.spec),
  };
}

export function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  const c = (job.status?.conditions ?? []).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type as 'Complete' | 'Failed' | undefined;
}

export function jobRef(job: Job): ObjectReference {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

/** Finished Jobs beyond a history limit, oldest start first (never-started ones last). */
export function jobsOverLimit(jobs: readonly Job[], limit: number): Job[] {
  const sorted = [...jobs].sort((a, b) => {
    const sa = ms(a.status?.startTime);
    const sb = ms(b.status?.startTime);
    if (sa === undefined && sb !== undefined) return 1;
    if (sb === undefined && sa !== undefined) return -1;
    return (sa ?? 0) - (sb ?? 0) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  });
  return sorted.slice(0, Math.max(0, sorted.length - limit));
}
