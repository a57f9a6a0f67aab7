// batch/v1 Job: SetDefaults_Job, the server-generated selector, and ValidateJob* (1.32).
import { invalid, notSupported, required, tooLong, type FieldError } from '../../field.js';
import { isDNS1123Label } from '../../validation.js';
import { setDefaultsPodTemplateSpec, validatePodTemplateSpec } from '../core/index.js';
import { validateNonnegative } from '../core/field-helpers.js';
import { trySelector, validateLabelSelector } from '../apps/label-selector.js';
import { ensureTemplate, SELECTOR_MISMATCH } from '../apps/template.js';
import { validatePodFailurePolicy, validatePodReplacementPolicy } from './job-failure-policy.js';
import {
  JOB_CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_JOB_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  type Job,
  type JobSpec,
} from './job-types.js';

const INT32_MAX = 2147483647;
const MAX_PARALLELISM_INDEXED = 100000;

/** SetDefaults_Job (with JobPodReplacementPolicy on, as in 1.32). */
export function setDefaultsJob(job: Job): void {
  const spec = (job.spec ??= {} as JobSpec);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? INT32_MAX : 6;
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...templateLabels };
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const p of rule.onPodConditions ?? []) if (!p.status) p.status = 'True';
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  setDefaultsPodTemplateSpec(ensureTemplate(spec));
}

/**
 * generateSelector: unless the user asked for a manual selector, the pods carry the Job's uid and
 * name, and the selector picks the uid. Labels the user already set are left for validation to judge.
 */
export function generateJobSelector(job: Job): void {
  const spec = (job.spec ??= {} as JobSpec);
  if (spec.manualSelector === true) return;
  const template = ensureTemplate(spec);
  const meta = (template.metadata ??= {});
  const labels = (meta.labels ??= {});
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[k] ??= name;
  for (const k of [LEGACY_JOB_CONTROLLER_UID_LABEL, JOB_CONTROLLER_UID_LABEL]) labels[k] ??= uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  matchLabels[JOB_CONTROLLER_UID_LABEL] ??= uid;
}

function validateHasLabel(labels: Record<string, string> | undefined, k: string, expected: string): FieldError[] {
  const fld = `spec.template.metadata.labels[${k}]`;
  if (labels === undefined || !(k in labels)) return [required(fld, `must be '${expected}'`)];
  return labels[k] === expected ? [] : [invalid(fld, labels, `must be '${expected}'`)];
}

/** validateGeneratedSelector; `prefixed` also demands the batch.kubernetes.io labels. */
function validateGeneratedSelector(job: Job, prefixed: boolean): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true || !spec?.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const errs: FieldError[] = uid === '' ? [required('metadata.uid')] : [];
  const labels = spec.template?.metadata?.labels;
  errs.push(...validateHasLabel(labels, LEGACY_JOB_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = { [LEGACY_JOB_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (prefixed) {
    errs.push(...validateHasLabel(labels, JOB_CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(labels, JOB_NAME_LABEL, name));
    expected[JOB_CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  const selector = trySelector(spec.selector);
  if (selector && !selector.matches(expected)) errs.push(invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errs;
}

function validateCounts(spec: JobSpec, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'] as const) {
    errs.push(...validateNonnegative(spec[k] ?? undefined, `${fld}.${k}`));
  }
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null) {
    errs.push(...validateNonnegative(spec.maxFailedIndexes, `${fld}.maxFailedIndexes`));
    if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) {
      errs.push(required(`${fld}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
    }
  }
  if (spec.managedBy !== undefined && spec.managedBy.length > 63) {
    errs.push(tooLong(`${fld}.managedBy`, spec.managedBy, 63));
  }
  return errs;
}

function validateCompletionMode(spec: JobSpec, fld: string): FieldError[] {
  const mode = spec.completionMode;
  const errs: FieldError[] = [];
  const has = (v: unknown): boolean => v !== undefined && v !== null;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push(notSupported(`${fld}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  }
  if (mode === 'Indexed') {
    if (!has(spec.completions)) errs.push(required(`${fld}.completions`, 'when completion mode is Indexed'));
    if ((spec.parallelism ?? 0) > MAX_PARALLELISM_INDEXED) {
      errs.push(invalid(`${fld}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
    }
    if (has(spec.completions) && has(spec.maxFailedIndexes) && (spec.maxFailedIndexes ?? 0) > (spec.completions ?? 0)) {
      errs.push(invalid(`${fld}.maxFailedIndexes`, spec.maxFailedIndexes, 'must be less than or equal to completions'));
    }
  } else {
    if (has(spec.backoffLimitPerIndex)) errs.push(invalid(`${fld}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (has(spec.maxFailedIndexes)) errs.push(invalid(`${fld}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
    if (spec.successPolicy) errs.push(invalid(`${fld}.successPolicy`, spec.successPolicy, 'requires indexed completion mode'));
  }
  return errs;
}

function validateRestartPolicy(spec: JobSpec, fld: string): FieldError[] {
  const policy = spec.template?.spec?.restartPolicy ?? '';
  if (policy === 'Always' || policy === '') return [required(fld, 'valid values: "OnFailure", "Never"')];
  if (policy !== 'OnFailure' && policy !== 'Never') return [notSupported(fld, policy, ['OnFailure', 'Never'])];
  if (spec.podFailurePolicy && policy !== 'Never') return [invalid(fld, policy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}

/** validateJobSpec: what a Job and a CronJob's jobTemplate share (no selector rules). */
export function validateJobSpecBody(spec: JobSpec, fld: string): FieldError[] {
  const errs = validateCounts(spec, fld);
  errs.push(...validateCompletionMode(spec, fld));
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, `${fld}.podFailurePolicy`));
  errs.push(...validatePodReplacementPolicy(spec, `${fld}.podReplacementPolicy`));
  errs.push(...validatePodTemplateSpec(spec.template ?? { spec: {} }, `${fld}.template`));
  errs.push(...validateRestartPolicy(spec, `${fld}.template.spec.restartPolicy`));
  return errs;
}

/** ValidateJobSpec: the body plus a required selector that selects the template. */
export function validateJobSpec(spec: JobSpec, fld: string): FieldError[] {
  const errs = validateJobSpecBody(spec, fld);
  if (!spec.selector) errs.push(required(`${fld}.selector`));
  else errs.push(...validateLabelSelector(spec.selector, `${fld}.selector`));
  const selector = trySelector(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector && !selector.matches(labels)) errs.push(invalid(`${fld}.template.metadata.labels`, labels ?? null, SELECTOR_MISMATCH));
  return errs;
}

/** ValidateJob minus ObjectMeta; `prefixedLabels` is false only for Jobs created before 1.27. */
export function validateJob(job: Job, prefixedLabels = true): FieldError[] {
  const errs = validateGeneratedSelector(job, prefixedLabels);
  const spec = job.spec ?? ({} as JobSpec);
  errs.push(...validateJobSpec(spec, 'spec'));
  const completions = spec.completions ?? 0;
  if (spec.completionMode === 'Indexed' && completions > 0) {
    const hostname = `${job.metadata.name ?? ''}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid('metadata.name', job.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}
