// Job spec.podFailurePolicy and spec.podReplacementPolicy validation (batch validation, 1.32).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import { isQualifiedName } from '../../validation.js';
import { duplicate } from '../core/field-helpers.js';
import type { JobSpec, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule } from './job-types.js';

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_PATTERNS = 20;

const quotedList = (xs: readonly string[]): string => `[${xs.map((x) => `"${x}"`).join(' ')}]`;

function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, value: actual, detail: `must have at most ${max} items` };
}

function validateExitCodes(req: PodFailurePolicyOnExitCodesRequirement, fld: string, containers: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = req.operator ?? '';
  if (op === '') errs.push(required(`${fld}.operator`, `valid values: ${quotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(op)) errs.push(notSupported(`${fld}.operator`, op, OPERATORS));
  if (req.containerName !== undefined && !containers.has(req.containerName)) {
    errs.push(invalid(`${fld}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  if (values.length === 0) errs.push(invalid(`${fld}.values`, values, 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODES) errs.push(tooMany(`${fld}.values`, values.length, MAX_EXIT_CODES));
  const seen = new Set<number>();
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push(invalid(`${fld}.values[${j}]`, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(`${fld}.values[${j}]`, v));
    seen.add(v);
  });
  if (values.some((v, j) => j > 0 && (values[j - 1] ?? 0) > v)) errs.push(invalid(`${fld}.values`, values, 'must be ordered'));
  return errs;
}

function validatePodConditions(patterns: readonly PodFailurePolicyOnPodConditionsPattern[], fld: string): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_PATTERNS) errs.push(tooMany(fld, patterns.length, MAX_PATTERNS));
  patterns.forEach((p, j) => {
    const type = p.type ?? '';
    for (const msg of isQualifiedName(type)) errs.push(invalid(`${fld}[${j}].type`, type, msg));
    const status = p.status ?? '';
    if (status === '') errs.push(required(`${fld}[${j}].status`, `valid values: ${quotedList(STATUSES)}`));
    else if (!STATUSES.includes(status)) errs.push(notSupported(`${fld}[${j}].status`, status, STATUSES));
  });
  return errs;
}

function validateRule(spec: JobSpec, rule: PodFailurePolicyRule, fld: string, containers: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const action = rule.action ?? '';
  if (action === '') errs.push(required(`${fld}.action`, `valid values: ${quotedList(ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) {
      errs.push(invalid(`${fld}.action`, action, 'requires the backoffLimitPerIndex to be set'));
    }
  } else if (!ACTIONS.includes(action)) errs.push(notSupported(`${fld}.action`, action, ACTIONS));
  const conditions = rule.onPodConditions ?? [];
  if (rule.onExitCodes) errs.push(...validateExitCodes(rule.onExitCodes, `${fld}.onExitCodes`, containers));
  if (conditions.length > 0) errs.push(...validatePodConditions(conditions, `${fld}.onPodConditions`));
  // Upstream omits the value for these two (field.OmitValueType): the message names no value.
  if (rule.onExitCodes && conditions.length > 0) {
    errs.push({ type: 'FieldValueInvalid', field: fld, value: undefined, detail: 'specifying both OnExitCodes and OnPodConditions is not supported' });
  }
  if (!rule.onExitCodes && conditions.length === 0) {
    errs.push({ type: 'FieldValueInvalid', field: fld, value: undefined, detail: 'specifying one of OnExitCodes and OnPodConditions is required' });
  }
  return errs;
}

export function validatePodFailurePolicy(spec: JobSpec, fld: string): FieldError[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const errs: FieldError[] = [];
  if (rules.length > MAX_RULES) errs.push(tooMany(`${fld}.rules`, rules.length, MAX_RULES));
  const podSpec = spec.template?.spec;
  const containers = new Set([...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((r, i) => errs.push(...validateRule(spec, r, `${fld}.rules[${i}]`, containers)));
  return errs;
}

export function validatePodReplacementPolicy(spec: JobSpec, fld: string): FieldError[] {
  const p = spec.podReplacementPolicy;
  if (p === undefined) return [];
  if (spec.podFailurePolicy) return p === 'Failed' ? [] : [notSupported(fld, p, ['Failed'])];
  return p === 'Failed' || p === 'TerminatingOrFailed' ? [] : [notSupported(fld, p, ['Failed', 'TerminatingOrFailed'])];
}
