// batch/v1 CronJob: SetDefaults_CronJob and ValidateCronJob* (1.32).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import { validateNonnegative } from '../core/field-helpers.js';
import { setDefaultsPodTemplateSpec } from '../core/index.js';
import { ensureTemplate } from '../apps/template.js';
import { cronScheduleError } from './cron.js';
import { validateJobSpecBody } from './job.js';
import type { CronJob, CronJobSpec, JobSpec } from './job-types.js';

/** The cronjob controller appends `-<11 digits>` to Job names, which must fit in 63. */
const MAX_CRONJOB_NAME_LENGTH = 52;

export function setDefaultsCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as CronJobSpec);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jt = (spec.jobTemplate ??= { spec: {} as JobSpec });
  setDefaultsPodTemplateSpec(ensureTemplate(jt.spec ??= {} as JobSpec));
}

function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | null | undefined, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  const err = cronScheduleError(schedule);
  if (err !== undefined) errs.push(invalid(fld, schedule, err));
  const hasTZ = schedule.includes('TZ');
  if (allowTZ && hasTZ && timeZone !== undefined && timeZone !== null) {
    errs.push(invalid(fld, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && hasTZ) {
    errs.push(invalid(fld, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function knownTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** validateTimeZone: an IANA name, never "Local", that the server's zone database knows. */
export function validateTimeZone(tz: string | null | undefined, fld: string): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz === '') return [invalid(fld, tz, 'timeZone must be nil or non-empty string')];
  const badPart = tz.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !TZ_PART.test(p));
  if (badPart) return [invalid(fld, tz, `unknown time zone ${tz}`)];
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(invalid(fld, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!knownTimeZone(tz)) errs.push(invalid(fld, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateConcurrencyPolicy(p: string | undefined, fld: string): FieldError[] {
  if (p === 'Allow' || p === 'Forbid' || p === 'Replace') return [];
  return !p ? [required(fld)] : [notSupported(fld, p, ['Allow', 'Forbid', 'Replace'])];
}

/** ValidateJobTemplateSpec: the selector is always generated for the Jobs a CronJob makes. */
function validateJobTemplate(spec: JobSpec, fld: string): FieldError[] {
  const errs = validateJobSpecBody(spec, `${fld}.spec`);
  if (spec.selector) errs.push(invalid(`${fld}.spec.selector`, spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(`${fld}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec: CronJobSpec, old: CronJobSpec | undefined, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required(`${fld}.schedule`));
  else errs.push(...validateSchedule(spec.schedule, (old?.schedule ?? '').includes('TZ'), spec.timeZone, `${fld}.schedule`));
  errs.push(...validateNonnegative(spec.startingDeadlineSeconds ?? undefined, `${fld}.startingDeadlineSeconds`));
  if (!old || (old.timeZone ?? null) !== (spec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone, `${fld}.timeZone`));
  errs.push(...validateConcurrencyPolicy(spec.concurrencyPolicy, `${fld}.concurrencyPolicy`));
  errs.push(...validateJobTemplate(spec.jobTemplate?.spec ?? ({} as JobSpec), `${fld}.jobTemplate`));
  errs.push(...validateNonnegative(spec.successfulJobsHistoryLimit, `${fld}.successfulJobsHistoryLimit`));
  errs.push(...validateNonnegative(spec.failedJobsHistoryLimit, `${fld}.failedJobsHistoryLimit`));
  return errs;
}

/** ValidateCronJobCreate minus ObjectMeta. */
export function validateCronJob(cj: CronJob): FieldError[] {
  const errs = validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), undefined, 'spec');
  const name = cj.metadata.name ?? '';
  if (name.length > MAX_CRONJOB_NAME_LENGTH) {
    errs.push(invalid('metadata.name', name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
  }
  return errs;
}

/** ValidateCronJobUpdate: the full spec again, with the old schedule's TZ allowance. */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), old.spec ?? ({} as CronJobSpec), 'spec');
}
