// batch/cronjobs (pkg/registry/batch/cronjob/strategy.go and printCronJob).
import { setDefaultsCronJob, validateCronJob, type CronJob } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { boolPtr, containerCells, formatLabelSelector } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, SELECTOR_DOCS } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

const DOCS = {
  schedule: 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.',
  timeZone:
    'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
  suspend: 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.',
  active: 'A list of pointers to currently running jobs.',
  lastSchedule: 'Information when was the last time the job was successfully scheduled.',
};

export const cronJobTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'string', DOCS.schedule),
    column('Timezone', 'string', DOCS.timeZone),
    column('Suspend', 'boolean', DOCS.suspend),
    column('Active', 'integer', DOCS.active),
    column('Last Schedule', 'string', DOCS.lastSchedule),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', SELECTOR_DOCS.job, 1),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const cj = view<CronJob>(obj);
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last ? translateTimestampSince(last, now) : '<none>',
      translateTimestampSince(cj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};

export const cronJobStrategy: Strategy = {
  defaults(obj) {
    setDefaultsCronJob(view<CronJob>(obj));
    statusZeros(obj, {});
  },
  prepareForCreate: resetStatus,
  validate: (obj) => validateCronJob(view<CronJob>(obj)),
  // The registry runs validate() on updates as well, and an update adds no rule of its own (upstream
  // only relaxes two: see validateCronJobUpdate, unused until the Strategy can tell create from update).
  table: cronJobTable,
};
