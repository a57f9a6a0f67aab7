// apps/v1 ReplicaSet: types, SetDefaults_ReplicaSet and ValidateReplicaSet* (1.32).
import { invalid, type FieldError } from '../../field.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { setDefaultsPodTemplateSpec, type PodTemplateSpec } from '../core/index.js';
import { validateNonnegative } from '../core/field-helpers.js';
import type { WorkloadCondition } from './conditions.js';
import { validateImmutableField } from './semantic.js';
import { ensureTemplate, validateRequiredSelector, validateTemplateForReplicaSet } from './template.js';

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: WorkloadCondition[];
}

export interface ReplicaSet extends KubeObject {
  spec: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

export function setDefaultsReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as ReplicaSetSpec);
  spec.replicas ??= 1;
  setDefaultsPodTemplateSpec(ensureTemplate(spec));
}

/** ValidateReplicaSetSpec (upstream words the empty-selector error "for deployment" here too). */
export function validateReplicaSetSpec(spec: ReplicaSetSpec, fld: string): FieldError[] {
  const errs = validateNonnegative(spec.replicas, `${fld}.replicas`);
  errs.push(...validateNonnegative(spec.minReadySeconds, `${fld}.minReadySeconds`));
  errs.push(...validateRequiredSelector(spec.selector, `${fld}.selector`, 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, fld));
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return validateReplicaSetSpec(rs.spec ?? ({} as ReplicaSetSpec), 'spec');
}

/** apps/v1 fixes the selector at creation. */
export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return validateImmutableField(rs.spec?.selector, old.spec?.selector, 'spec.selector');
}

const GT_REPLICAS = 'cannot be greater than status.replicas';

export function validateReplicaSetStatus(s: ReplicaSetStatus, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const) {
    errs.push(...validateNonnegative(s[k], `${fld}.${k}`));
  }
  const replicas = s.replicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if ((s.fullyLabeledReplicas ?? 0) > replicas) errs.push(invalid(`${fld}.fullyLabeledReplicas`, s.fullyLabeledReplicas, GT_REPLICAS));
  if (ready > replicas) errs.push(invalid(`${fld}.readyReplicas`, ready, GT_REPLICAS));
  if (available > replicas) errs.push(invalid(`${fld}.availableReplicas`, available, GT_REPLICAS));
  if (available > ready) errs.push(invalid(`${fld}.availableReplicas`, available, 'cannot be greater than readyReplicas'));
  return errs;
}

export function validateReplicaSetStatusUpdate(rs: ReplicaSet): FieldError[] {
  return validateReplicaSetStatus(rs.status ?? {}, 'status');
}
