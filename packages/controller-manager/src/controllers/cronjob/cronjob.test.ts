// The CronJob controller's scheduling with a fake clock: cron arithmetic, which time is due,
// concurrency policies, deadlines, suspend-free decisions, Job naming and history pruning.
import type { CronJob, Job } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { selectForCleanup } from './history.js';
import { decide } from './policy.js';
import { parseSchedule } from './schedule.js';
import { jobFromTemplate, jobName } from './utils.js';

const T = (iso: string): number => Date.parse(iso);

const cronJob = (over: Partial<CronJob['spec']> = {}, status: CronJob['status'] = {}): CronJob => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick', namespace: 'default', uid: 'cj-uid', creationTimestamp: '2024-05-01T10:00:30Z' },
  spec: { schedule: '*/5 * * * *', timeZone: 'UTC', jobTemplate: { metadata: { labels: { a: 'b' } }, spec: { template: { spec: { containers: [] } } } }, ...over },
  status,
});

describe('cron schedule', () => {
  it('finds the next time, strictly after', () => {
    const s = parseSchedule('*/15 9-17 * * mon-fri', 'UTC');
    expect(new Date(s.next(T('2024-05-03T17:50:00Z'))!).toISOString()).toBe('2024-05-06T09:00:00.000Z'); // Fri → Mon
    expect(new Date(s.next(T('2024-05-06T09:00:00Z'))!).toISOString()).toBe('2024-05-06T09:15:00.000Z');
    expect(new Date(parseSchedule('@yearly', 'UTC').next(T('2024-05-01T00:00:00Z'))!).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('ORs day-of-month and day-of-week when both are restricted', () => {
    const s = parseSchedule('0 0 13 * fri', 'UTC');
    // 2024-09-06 is a Friday, before the 13th.
    expect(new Date(s.next(T('2024-09-01T00:00:00Z'))!).toISOString()).toBe('2024-09-06T00:00:00.000Z');
  });

  it('honours a time zone', () => {
    const s = parseSchedule('0 9 * * *', 'Europe/Berlin');
    expect(new Date(s.next(T('2024-07-01T00:00:00Z'))!).toISOString()).toBe('2024-07-01T07:00:00.000Z');
  });

  it('rejects what the API would reject', () => {
    expect(() => parseSchedule('61 * * * *', 'UTC')).toThrow(/above maximum/);
  });
});

describe('CronJob scheduling decisions (fake clock)', () => {
  const sched = parseSchedule('*/5 * * * *', 'UTC');

  it('waits until the first time after creation, then starts it', () => {
    const before = decide(cronJob(), T('2024-05-01T10:04:59Z'), sched);
    expect(before.decision).toEqual({ action: 'wait' });
    expect(before.requeueAfterMs).toBe(1000 + 100);
    const at = decide(cronJob(), T('2024-05-01T10:05:02Z'), sched);
    expect(at.decision).toEqual({ action: 'start', scheduled: T('2024-05-01T10:05:00Z'), replaceActive: false });
  });

  it('starts only the most recent of several missed times', () => {
    const d = decide(cronJob(), T('2024-05-01T10:27:00Z'), sched);
    expect(d.decision).toMatchObject({ action: 'start', scheduled: T('2024-05-01T10:25:00Z') });
    expect(d.missed).toBe('few');
  });

  it('does not start a time already processed', () => {
    const cj = cronJob({}, { lastScheduleTime: '2024-05-01T10:05:00Z' });
    expect(decide(cj, T('2024-05-01T10:06:00Z'), sched).decision).toEqual({ action: 'wait' });
    const listed = cronJob({}, { active: [{ name: jobName(cronJob(), T('2024-05-01T10:05:00Z')) }] });
    expect(decide(listed, T('2024-05-01T10:06:00Z'), sched).decision.action).toBe('already-processed');
  });

  it('applies the concurrency policy while a run is active', () => {
    const status = { lastScheduleTime: '2024-05-01T10:05:00Z', active: [{ name: 'tick-28580465', uid: 'j1' }] };
    const now = T('2024-05-01T10:10:01Z');
    expect(decide(cronJob({ concurrencyPolicy: 'Forbid' }, status), now, sched).decision.action).toBe('forbidden');
    expect(decide(cronJob({ concurrencyPolicy: 'Replace' }, status), now, sched).decision).toMatchObject({ action: 'start', replaceActive: true });
    expect(decide(cronJob({ concurrencyPolicy: 'Allow' }, status), now, sched).decision).toMatchObject({ action: 'start', replaceActive: false });
  });

  it('misses a time older than startingDeadlineSeconds', () => {
    expect(decide(cronJob({ startingDeadlineSeconds: 30 }), T('2024-05-01T10:05:31Z'), sched).decision.action).toBe('wait');
    expect(decide(cronJob({ startingDeadlineSeconds: 30 }), T('2024-05-01T10:05:29Z'), sched).decision.action).toBe('start');
  });

  it('names a Job after its scheduled minute and owns it', () => {
    const job = jobFromTemplate(cronJob(), T('2024-05-01T10:05:00Z'));
    expect(job.metadata.name).toBe(`tick-${T('2024-05-01T10:05:00Z') / 60_000}`);
    expect(job.metadata.labels).toEqual({ a: 'b' });
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-05-01T10:05:00Z' });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: 'cj-uid', controller: true, blockOwnerDeletion: true }]);
  });

  it('prunes finished Jobs beyond the history limits, oldest first', () => {
    const job = (name: string, start: string, type: 'Complete' | 'Failed'): Job => ({
      metadata: { name, uid: name },
      spec: { template: { spec: { containers: [] } } },
      status: { startTime: start, conditions: [{ type, status: 'True' }] },
    });
    const jobs = [job('a', '2024-05-01T10:00:00Z', 'Complete'), job('b', '2024-05-01T10:05:00Z', 'Complete'), job('c', '2024-05-01T10:10:00Z', 'Complete'), job('d', '2024-05-01T10:00:00Z', 'Failed')];
    expect(selectForCleanup(cronJob({ successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1 }), jobs).map((j) => j.metadata.name)).toEqual(['a', 'b']);
    expect(selectForCleanup(cronJob({ successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 0 }), jobs).map((j) => j.metadata.name)).toEqual(['d']);
  });
});
