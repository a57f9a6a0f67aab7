// Tolerations (pods) and taints (nodes): keys are label names, values label values, effects one
// of three (ValidateTolerations, validateNodeTaints).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import { isQualifiedName, isValidLabelValue } from '../../validation.js';
import { child, duplicate, index, messagesToErrors } from './field-helpers.js';
import type { Taint, Toleration } from './scheduling-types.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (effect === '') return allowEmpty ? [] : [required(path)];
  return EFFECTS.includes(effect) ? [] : [notSupported(path, effect, EFFECTS)];
}

function validateToleration(t: Toleration, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const key = t.key ?? '';
  const operator = t.operator ?? '';
  const value = t.value ?? '';
  const effect = t.effect ?? '';
  if (key !== '') errs.push(...messagesToErrors(isQualifiedName(key), child(p, 'key'), key));
  if (key === '' && operator !== 'Exists') {
    errs.push(invalid(child(p, 'operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  }
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
    errs.push(invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  }
  if (operator === 'Equal' || operator === '') {
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
  } else if (operator === 'Exists') {
    if (value !== '') errs.push(invalid(child(p, 'operator'), t, "value must be empty when `operator` is 'Exists'"));
  } else {
    errs.push(notSupported(child(p, 'operator'), operator, ['Equal', 'Exists']));
  }
  errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  return errs;
}

export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: string): FieldError[] {
  return (tolerations ?? []).flatMap((t, i) => validateToleration(t, index(path, i)));
}

/** Taints must be unique by key and effect: a node cannot be tainted the same way twice. */
export function validateTaints(taints: readonly Taint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = index(path, i);
    errs.push(...messagesToErrors(isQualifiedName(t.key ?? ''), child(p, 'key'), t.key ?? ''));
    const valueMsgs = isValidLabelValue(t.value ?? '');
    if (valueMsgs.length > 0) errs.push(invalid(child(p, 'value'), t.value ?? '', valueMsgs.join(';')));
    errs.push(...validateTaintEffect(t.effect ?? '', false, child(p, 'effect')));
    const id = `${t.effect ?? ''}\u0000${t.key ?? ''}`;
    if (seen.has(id)) {
      errs.push({ ...duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(id);
  });
  return errs;
}
