// One sync's scheduling decision (syncCronJob's middle, upstream), pure over (CronJob, now,
// schedule) so it is tested with a fake clock: nothing due; a due time missed past
// startingDeadlineSeconds; a time already processed; Forbid with a run still active; or start
// a Job (after deleting the active ones under Replace).
import type { CronJob } from '@kubelite/api';
import type { Schedule } from './schedule.js';
import { jobName, nextScheduleDelay, nextScheduleTime, type Missed } from './utils.js';

export type Decision =
  | { action: 'wait' }
  | { action: 'missed'; scheduled: number }
  | { action: 'already-processed'; scheduled: number }
  | { action: 'forbidden'; scheduled: number }
  | { action: 'start'; scheduled: number; replaceActive: boolean };

export interface Plan {
  decision: Decision;
  missed: Missed;
  /** when to look again (ms from now), if the schedule has a next time */
  requeueAfterMs?: number;
}

export function decide(cj: CronJob, now: number, sched: Schedule): Plan {
  const requeueAfterMs = nextScheduleDelay(cj, now, sched);
  const { time: scheduled, missed } = nextScheduleTime(cj, now, sched);
  const plan = (decision: Decision): Plan => ({ decision, missed, ...(requeueAfterMs !== undefined ? { requeueAfterMs } : {}) });
  // Nothing unmet: normally the queue wakes us at the scheduled time, so this is after a restart.
  if (scheduled === undefined) return plan({ action: 'wait' });
  const deadline = cj.spec.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) return plan({ action: 'missed', scheduled });
  const active = cj.status?.active ?? [];
  const name = jobName(cj, scheduled);
  const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined;
  if (active.some((a) => a.name === name) || last === scheduled) return plan({ action: 'already-processed', scheduled });
  const policy = cj.spec.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) return plan({ action: 'forbidden', scheduled });
  return plan({ action: 'start', scheduled, replaceActive: policy === 'Replace' && active.length > 0 });
}
