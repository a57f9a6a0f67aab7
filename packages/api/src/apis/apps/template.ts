// Pod templates inside workload specs: the selector must select the template's own labels, the
// template must be a valid pod template, and controllers that restart pods forever insist on
// restartPolicy Always.
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import type { LabelsSelector } from '../../labels.js';
import type { LabelSelector } from '../../meta.js';
import { validatePodTemplateSpec, type PodTemplateSpec } from '../core/index.js';
import { selectorIsEmpty, trySelector, validateLabelSelector } from './label-selector.js';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** The template's labels must be selected by the workload's selector (when it selects anything). */
export function validateSelectorMatchesTemplate(selector: LabelsSelector, template: PodTemplateSpec, fld: string): FieldError[] {
  const labels = template.metadata?.labels;
  if (selector.empty() || selector.matches(labels)) return [];
  return [invalid(`${fld}.metadata.labels`, labels ?? null, SELECTOR_MISMATCH)];
}

/** Deployments and ReplicaSets: selector required, valid and non-empty (`kind` words the message). */
export function validateRequiredSelector(ps: LabelSelector | null | undefined, fld: string, kind: string): FieldError[] {
  if (!ps) return [required(fld)];
  const errs = validateLabelSelector(ps, fld);
  if (selectorIsEmpty(ps)) errs.push(invalid(fld, ps, `empty selector is invalid for ${kind}`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (also used by Deployments), given the spec's path. */
export function validateTemplateForReplicaSet(
  template: PodTemplateSpec | undefined,
  ps: LabelSelector | null | undefined,
  specFld: string,
): FieldError[] {
  const selector = trySelector(ps);
  if (!selector) return [invalid(`${specFld}.selector`, ps ?? null, 'invalid label selector')];
  const fld = `${specFld}.template`;
  if (!template) return [required(fld)];
  const errs = validateSelectorMatchesTemplate(selector, template, fld);
  errs.push(...validatePodTemplateSpec(template, fld));
  errs.push(...validateAlwaysRestart(template, fld, 'ReplicaSet'));
  return errs;
}

/** restartPolicy must be Always and activeDeadlineSeconds unset for pods that never finish. */
export function validateAlwaysRestart(template: PodTemplateSpec, fld: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = template.spec?.restartPolicy ?? '';
  if (policy !== 'Always') errs.push(notSupported(`${fld}.spec.restartPolicy`, policy, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${fld}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** A template is always there after decoding in Go; give a missing one the same empty shape. */
export function ensureTemplate<T extends { template?: PodTemplateSpec }>(spec: T): PodTemplateSpec {
  spec.template ??= { spec: {} as PodTemplateSpec['spec'] };
  spec.template.spec ??= {} as PodTemplateSpec['spec'];
  return spec.template;
}
