// apps/v1 Deployment: types with Kubernetes' JSON names, SetDefaults_Deployment, and
// ValidateDeployment / ValidateDeploymentUpdate / ValidateDeploymentStatusUpdate (1.32).
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { setDefaultsPodTemplateSpec, type PodTemplateSpec } from '../core/index.js';
import { validateNonnegative } from '../core/field-helpers.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from './intstr.js';
import { isDecremented, validateImmutableField } from './semantic.js';
import { ensureTemplate, validateRequiredSelector, validateTemplateForReplicaSet } from './template.js';
import type { WorkloadCondition } from './conditions.js';

export interface RollingUpdateDeployment {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DeploymentStrategy {
  type?: 'Recreate' | 'RollingUpdate' | string;
  rollingUpdate?: RollingUpdateDeployment | null;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface DeploymentCondition extends WorkloadCondition {
  lastUpdateTime?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export interface Deployment extends KubeObject {
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}

/** SetDefaults_Deployment plus the pod template defaults the generated defaulter applies. */
export function setDefaultsDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  setDefaultsPodTemplateSpec(ensureTemplate(spec));
}

function validateRollingUpdate(ru: RollingUpdateDeployment, fld: string): FieldError[] {
  const errs = validatePositiveIntOrPercent(ru.maxUnavailable, `${fld}.maxUnavailable`);
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${fld}.maxSurge`));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(`${fld}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${fld}.maxUnavailable`));
  return errs;
}

function validateStrategy(s: DeploymentStrategy | undefined, fld: string): FieldError[] {
  switch (s?.type) {
    case 'Recreate':
      return s.rollingUpdate ? [forbidden(`${fld}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      if (!s.rollingUpdate) return [required(`${fld}.rollingUpdate`, 'this should be defaulted and never be nil')];
      return validateRollingUpdate(s.rollingUpdate, `${fld}.rollingUpdate`);
    default:
      return [notSupported(fld, s ?? {}, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: DeploymentSpec, fld: string): FieldError[] {
  const errs = validateNonnegative(spec.replicas, `${fld}.replicas`);
  errs.push(...validateRequiredSelector(spec.selector, `${fld}.selector`, 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, fld));
  errs.push(...validateStrategy(spec.strategy, `${fld}.strategy`));
  errs.push(...validateNonnegative(spec.minReadySeconds, `${fld}.minReadySeconds`));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, `${fld}.revisionHistoryLimit`));
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, `${fld}.progressDeadlineSeconds`));
    if (pds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(`${fld}.progressDeadlineSeconds`, pds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** ValidateDeployment, minus ObjectMeta (the registry validates metadata). */
export function validateDeployment(d: Deployment): FieldError[] {
  return validateDeploymentSpec(d.spec ?? ({} as DeploymentSpec), 'spec');
}

/** What apps/v1 adds on update: the selector is fixed at creation. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return validateImmutableField(d.spec?.selector, old.spec?.selector, 'spec.selector');
}

const GT_REPLICAS = 'cannot be greater than status.replicas';

/** ValidateDeploymentStatus. */
export function validateDeploymentStatus(s: DeploymentStatus, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'] as const) {
    errs.push(...validateNonnegative(s[k], `${fld}.${k}`));
  }
  const replicas = s.replicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if ((s.updatedReplicas ?? 0) > replicas) errs.push(invalid(`${fld}.updatedReplicas`, s.updatedReplicas, GT_REPLICAS));
  if (ready > replicas) errs.push(invalid(`${fld}.readyReplicas`, ready, GT_REPLICAS));
  if (available > replicas) errs.push(invalid(`${fld}.availableReplicas`, available, GT_REPLICAS));
  if (available > ready) errs.push(invalid(`${fld}.availableReplicas`, available, 'cannot be greater than readyReplicas'));
  return errs;
}

/** ValidateDeploymentStatusUpdate. */
export function validateDeploymentStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateDeploymentStatus(d.status ?? {}, 'status');
  if (isDecremented(d.status?.collisionCount, old.status?.collisionCount)) {
    errs.push(invalid('status.collisionCount', d.status?.collisionCount ?? 0, 'cannot be decremented'));
  }
  return errs;
}
