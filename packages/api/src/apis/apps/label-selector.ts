// metav1 validation of LabelSelector (apimachinery meta/v1/validation): the checks every workload
// runs on spec.selector before turning it into a labels.Selector.
import { forbidden, invalid, required, type FieldError } from '../../field.js';
import { labelSelectorAsSelector, LabelSelectorError, type LabelsSelector } from '../../labels.js';
import type { LabelSelector, LabelSelectorRequirement } from '../../meta.js';
import { isQualifiedName, isValidLabelValue, validateLabels } from '../../validation.js';

function validateRequirement(r: LabelSelectorRequirement, fld: string, allowInvalidValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(`${fld}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(`${fld}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(`${fld}.operator`, r.operator, 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(r.key ?? '')) errs.push(invalid(`${fld}.key`, r.key ?? '', msg));
  if (!allowInvalidValues) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(`${fld}.values[${i}]`, v, msg));
    });
  }
  return errs;
}

/** ValidateLabelSelector; a missing selector is fine here (callers decide whether it is required). */
export function validateLabelSelector(ps: LabelSelector | null | undefined, fld: string, allowInvalidValues = false): FieldError[] {
  if (!ps) return [];
  const errs = validateLabels(ps.matchLabels, `${fld}.matchLabels`);
  (ps.matchExpressions ?? []).forEach((r, i) => errs.push(...validateRequirement(r, `${fld}.matchExpressions[${i}]`, allowInvalidValues)));
  return errs;
}

/** LabelSelectorAsSelector without the throw: undefined where Kubernetes gets an error. */
export function trySelector(ps: LabelSelector | null | undefined): LabelsSelector | undefined {
  try {
    return labelSelectorAsSelector(ps);
  } catch (e) {
    if (e instanceof LabelSelectorError) return undefined;
    throw e;
  }
}

export function selectorIsEmpty(ps: LabelSelector | null | undefined): boolean {
  return Object.keys(ps?.matchLabels ?? {}).length + (ps?.matchExpressions ?? []).length === 0;
}
