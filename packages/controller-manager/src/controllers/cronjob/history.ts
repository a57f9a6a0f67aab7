// What the CronJob controller learns from the Jobs it owns (cleanupFinishedJobs and the start of
// syncCronJob upstream): finished Jobs leave status.active, a successful one moves
// lastSuccessfulTime, and finished Jobs beyond successfulJobsHistoryLimit /
// failedJobsHistoryLimit are chosen for deletion, oldest first.
import type { CronJob, Job, ObjectReference } from '@kubelite/api';
import { finishedCondition, jobsOverLimit } from './utils.js';

export interface ActiveReconciliation {
  changed: boolean;
  /** unfinished Jobs we own that status.active does not list */
  unexpected: Job[];
  completed: Array<[Job, string]>;
  /** status.active entries with no Job in the cache */
  unseen: ObjectReference[];
}

/** Mutates cj.status; the caller writes it. */
export function reconcileActive(cj: CronJob, jobs: readonly Job[]): ActiveReconciliation {
  const out: ActiveReconciliation = { changed: false, unexpected: [], completed: [], unseen: [] };
  const status = (cj.status ??= {});
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  for (const j of jobs) {
    const listed = (status.active ?? []).some((a) => a.uid === j.metadata.uid);
    const cond = finishedCondition(j);
    if (!listed && !cond) out.unexpected.push(j);
    else if (listed && cond) {
      status.active = (status.active ?? []).filter((a) => a.uid !== j.metadata.uid);
      out.completed.push([j, cond]);
      out.changed = true;
    }
    const done = j.status?.completionTime;
    if (cond === 'Complete' && done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) {
      status.lastSuccessfulTime = done;
      out.changed = true;
    }
  }
  out.unseen = (status.active ?? []).filter((a) => !uids.has(a.uid));
  return out;
}

export function selectForCleanup(cj: CronJob, jobs: readonly Job[]): Job[] {
  const ok = cj.spec.successfulJobsHistoryLimit;
  const failed = cj.spec.failedJobsHistoryLimit;
  const out: Job[] = [];
  if (ok !== undefined && ok !== null) out.push(...jobsOverLimit(jobs.filter((j) => finishedCondition(j) === 'Complete'), ok));
  if (failed !== undefined && failed !== null) out.push(...jobsOverLimit(jobs.filter((j) => finishedCondition(j) === 'Failed'), failed));
  return out;
}
