// batch/v1 Job updates: what may change after creation, and status checks (1.32).
import { invalid, type FieldError } from '../../field.js';
import { validateNonnegative, duplicate } from '../core/field-helpers.js';
import type { PodTemplateSpec } from '../core/index.js';
import { semanticEqual, validateImmutableField } from '../apps/semantic.js';
import { JOB_CONTROLLER_UID_LABEL, JOB_NAME_LABEL, type Job, type JobSpec } from './job-types.js';

/** Whether validation of `job` on update should demand the batch.kubernetes.io labels. */
export function jobRequiresPrefixedLabels(old: Job): boolean {
  const labels = old.spec?.template?.metadata?.labels ?? {};
  return JOB_NAME_LABEL in labels && JOB_CONTROLLER_UID_LABEL in labels;
}

// Elastic Indexed Jobs (GA in 1.31) may resize, but only with parallelism moving in tandem.
function validateCompletions(spec: JobSpec, old: JobSpec): FieldError[] {
  if (spec.completionMode !== 'Indexed') return validateImmutableField(spec.completions, old.completions, 'spec.completions');
  if (semanticEqual(spec.completions, old.completions) || spec.completions === undefined || spec.completions === null) return [];
  return spec.completions === spec.parallelism ? [] : [invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism')];
}

// A suspended Job that never started may still be re-targeted: its scheduling directives may move.
function comparableTemplate(t: PodTemplateSpec | undefined, next: PodTemplateSpec | undefined, mutable: boolean): unknown {
  if (!mutable || !t || !next) return t;
  const spec = { ...t.spec, nodeSelector: next.spec?.nodeSelector, tolerations: next.spec?.tolerations, schedulingGates: next.spec?.schedulingGates };
  const affinity = t.spec?.affinity ?? next.spec?.affinity;
  if (affinity) spec.affinity = { ...affinity, nodeAffinity: next.spec?.affinity?.nodeAffinity };
  if (spec.affinity && Object.values(spec.affinity).every((v) => v === undefined)) spec.affinity = next.spec?.affinity;
  const meta = { ...t.metadata, labels: next.metadata?.labels, annotations: next.metadata?.annotations };
  return { ...t, metadata: meta, spec };
}

/** ValidateJobSpecUpdate's immutability rules. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const spec = job.spec ?? ({} as JobSpec);
  const prev = old.spec ?? ({} as JobSpec);
  const errs = validateCompletions(spec, prev);
  errs.push(...validateImmutableField(spec.selector, prev.selector, 'spec.selector'));
  const mutable = prev.suspend === true && !old.status?.startTime;
  errs.push(...validateImmutableField(spec.template, comparableTemplate(prev.template, spec.template, mutable), 'spec.template'));
  for (const k of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const) {
    errs.push(...validateImmutableField(spec[k], prev[k], `spec.${k}`));
  }
  return errs;
}

/** The plain counters of ValidateJobStatusUpdate (the managedBy transition rules are not here). */
export function validateJobStatusUpdate(job: Job): FieldError[] {
  const s = job.status ?? {};
  const errs: FieldError[] = [];
  for (const k of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const) errs.push(...validateNonnegative(s[k], `status.${k}`));
  const seen = new Set<string>();
  for (const which of ['succeeded', 'failed'] as const) {
    (s.uncountedTerminatedPods?.[which] ?? []).forEach((uid, i) => {
      const fld = `status.uncountedTerminatedPods.${which}[${i}]`;
      if (uid === '') errs.push(invalid(fld, uid, 'must not be empty'));
      else if (seen.has(uid)) errs.push(duplicate(fld, uid));
      seen.add(uid);
    });
  }
  if (s.ready !== undefined && s.ready > (s.active ?? 0)) errs.push(invalid('status.ready', s.ready, 'cannot set more ready pods than active'));
  return errs;
}
