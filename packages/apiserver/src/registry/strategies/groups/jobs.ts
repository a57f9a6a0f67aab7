// batch/jobs (pkg/registry/batch/job/strategy.go and printJob).
import {
  generateJobSelector,
  jobRequiresPrefixedLabels,
  setDefaultsJob,
  validateJob,
  validateJobStatusUpdate,
  validateJobUpdate,
  type Job,
  type JobCondition,
} from '@kubelite/api';
import { humanDuration, translateTimestampSince } from '../../printers/age.js';
import { containerCells, formatLabelSelector } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, SELECTOR_DOCS } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

const SUCCEEDED_DOC =
  'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.';

/** hasJobCondition: the first condition of that type decides. */
function hasCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const wanted = job.spec?.completions;
  if (wanted !== undefined && wanted !== null) return `${succeeded}/${wanted}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, now: Date): string {
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : Number.NaN;
  if (Number.isNaN(start)) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now.getTime();
  return humanDuration(end - start);
}

export const jobTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', SUCCEEDED_DOC),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column('Selector', 'string', SELECTOR_DOCS.job, 1),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const job = view<Job>(obj);
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata.name ?? '',
      jobStatus(job),
      completions(job),
      duration(job, now),
      translateTimestampSince(job.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

export const jobStrategy: Strategy = {
  defaults(obj) {
    setDefaultsJob(view<Job>(obj));
    statusZeros(obj, {});
  },
  // The selector needs the uid, which exists only once the registry has prepared the metadata.
  prepareForCreate(obj) {
    generateJobSelector(view<Job>(obj));
    resetStatus(obj);
  },
  // Jobs from before 1.27 lack the batch.kubernetes.io labels and keep validating without them;
  // a new Job always has them here (generateJobSelector ran), so this is upstream's rule.
  validate: (obj) => validateJob(view<Job>(obj), jobRequiresPrefixedLabels(view<Job>(obj))),
  validateUpdate: (obj, old) => validateJobUpdate(view<Job>(obj), view<Job>(old)),
  validateStatusUpdate: (obj) => validateJobStatusUpdate(view<Job>(obj)),
  selectableFields: (obj) => ({ 'status.successful': String(view<Job>(obj).status?.succeeded ?? 0) }),
  table: jobTable,
};
