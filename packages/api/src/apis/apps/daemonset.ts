// apps/v1 DaemonSet: types, SetDefaults_DaemonSet and ValidateDaemonSet* (1.32).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { setDefaultsPodTemplateSpec, validatePodTemplateSpec, type PodTemplateSpec } from '../core/index.js';
import { validateNonnegative } from '../core/field-helpers.js';
import type { WorkloadCondition } from './conditions.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from './intstr.js';
import { selectorIsEmpty, trySelector, validateLabelSelector } from './label-selector.js';
import { isDecremented, validateImmutableField } from './semantic.js';
import { ensureTemplate, validateAlwaysRestart, validateSelectorMatchesTemplate } from './template.js';

/** apps/v1 keeps the internal templateGeneration in this annotation. */
export const DAEMONSET_TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export interface RollingUpdateDaemonSet {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DaemonSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete' | string;
  rollingUpdate?: RollingUpdateDaemonSet | null;
}

export interface DaemonSetSpec {
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: WorkloadCondition[];
}

export interface DaemonSet extends KubeObject {
  spec: DaemonSetSpec;
  status?: DaemonSetStatus;
}

export function setDefaultsDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as DaemonSetSpec);
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  setDefaultsPodTemplateSpec(ensureTemplate(spec));
}

function validateRollingUpdate(ru: RollingUpdateDaemonSet, fld: string): FieldError[] {
  const errs = validatePositiveIntOrPercent(ru.maxUnavailable, `${fld}.maxUnavailable`);
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${fld}.maxSurge`));
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${fld}.maxUnavailable`));
  errs.push(...isNotMoreThan100Percent(ru.maxSurge, `${fld}.maxSurge`));
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(`${fld}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(`${fld}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateUpdateStrategy(s: DaemonSetUpdateStrategy | undefined, fld: string): FieldError[] {
  switch (s?.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return s.rollingUpdate ? validateRollingUpdate(s.rollingUpdate, `${fld}.rollingUpdate`) : [required(`${fld}.rollingUpdate`)];
    default:
      return [notSupported(fld, s ?? {}, ['RollingUpdate', 'OnDelete'])];
  }
}

/** ValidateDaemonSetSpec: a missing selector selects nothing, so the template check reports it. */
export function validateDaemonSetSpec(spec: DaemonSetSpec, fld: string): FieldError[] {
  const errs = validateLabelSelector(spec.selector, `${fld}.selector`);
  const template = spec.template ?? ({ spec: {} } as PodTemplateSpec);
  const selector = trySelector(spec.selector);
  if (selector) errs.push(...validateSelectorMatchesTemplate(selector, template, `${fld}.template`));
  if (spec.selector && selectorIsEmpty(spec.selector)) {
    errs.push(invalid(`${fld}.selector`, spec.selector, 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, `${fld}.template`));
  errs.push(...validateAlwaysRestart(template, `${fld}.template`, 'DaemonSet'));
  errs.push(...validateNonnegative(spec.minReadySeconds, `${fld}.minReadySeconds`));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, `${fld}.updateStrategy`));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, `${fld}.revisionHistoryLimit`));
  return errs;
}

export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return validateDaemonSetSpec(ds.spec ?? ({} as DaemonSetSpec), 'spec');
}

export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  return validateImmutableField(ds.spec?.selector, old.spec?.selector, 'spec.selector');
}

export function validateDaemonSetStatusUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const s = ds.status ?? {};
  const errs: FieldError[] = [];
  const counters = [
    'currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady',
    'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount',
  ] as const;
  for (const k of counters) errs.push(...validateNonnegative(s[k], `status.${k}`));
  if (isDecremented(s.collisionCount, old.status?.collisionCount)) {
    errs.push(invalid('status.collisionCount', s.collisionCount ?? 0, 'cannot be decremented'));
  }
  return errs;
}
