// apps/v1 StatefulSet: types, SetDefaults_StatefulSet and ValidateStatefulSet* (1.32).
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import type { KubeObject, LabelSelector, ObjectMeta } from '../../meta.js';
import { validateAnnotations, validateLabels } from '../../validation.js';
import { setDefaultsPodTemplateSpec, type PodTemplateSpec } from '../core/index.js';
import { validateNonnegative } from '../core/field-helpers.js';
import type { WorkloadCondition } from './conditions.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from './intstr.js';
import { selectorIsEmpty, trySelector, validateLabelSelector } from './label-selector.js';
import { isDecremented, semanticEqual } from './semantic.js';
import { ensureTemplate, validateAlwaysRestart, validateSelectorMatchesTemplate } from './template.js';

export type PersistentVolumeClaimRetentionPolicyType = 'Retain' | 'Delete';

export interface RollingUpdateStatefulSetStrategy {
  partition?: number;
  maxUnavailable?: IntOrString;
}

export interface StatefulSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete' | string;
  rollingUpdate?: RollingUpdateStatefulSetStrategy | null;
}

/** A PVC template: kept open, since only its defaults matter here. */
export interface PersistentVolumeClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: { volumeMode?: string } & Record<string, unknown>;
  status?: { phase?: string } & Record<string, unknown>;
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel' | string;
  updateStrategy?: StatefulSetUpdateStrategy;
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string } | null;
  ordinals?: { start?: number } | null;
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: WorkloadCondition[];
  availableReplicas?: number;
}

export interface StatefulSet extends KubeObject {
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export function setDefaultsStatefulSet(sts: StatefulSet): void {
  const spec = (sts.spec ??= {} as StatefulSetSpec);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  setDefaultsPodTemplateSpec(ensureTemplate(spec));
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    const pvcSpec = (pvc.spec ??= {});
    if (!pvcSpec.volumeMode) pvcSpec.volumeMode = 'Filesystem';
    const status = (pvc.status ??= {});
    if (!status.phase) status.phase = 'Pending';
  }
}

function validateRollingUpdate(ru: RollingUpdateStatefulSetStrategy, fld: string): FieldError[] {
  const errs = validateNonnegative(ru.partition, `${fld}.partition`);
  if (ru.maxUnavailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${fld}.maxUnavailable`));
    if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(`${fld}.maxUnavailable`, ru.maxUnavailable, 'cannot be 0'));
    errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${fld}.maxUnavailable`));
  }
  return errs;
}

function validatePolicies(spec: StatefulSetSpec, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required(`${fld}.podManagementPolicy`));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid(`${fld}.podManagementPolicy`, pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec.updateStrategy ?? {};
  const usFld = `${fld}.updateStrategy`;
  if (!us.type) errs.push(required(usFld));
  else if (us.type === 'OnDelete') {
    if (us.rollingUpdate) errs.push(invalid(`${usFld}.rollingUpdate`, us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === 'RollingUpdate') {
    if (us.rollingUpdate) errs.push(...validateRollingUpdate(us.rollingUpdate, `${usFld}.rollingUpdate`));
  } else {
    errs.push(invalid(usFld, us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  for (const k of ['whenDeleted', 'whenScaled'] as const) {
    const v = retention?.[k];
    if (retention && v !== 'Retain' && v !== 'Delete') {
      errs.push(notSupported(`${fld}.persistentVolumeClaimRetentionPolicy.${k}`, v ?? '', ['Retain', 'Delete']));
    }
  }
  return errs;
}

// StatefulSets check only the template's metadata: upstream has never validated the pod spec here.
function validateTemplate(spec: StatefulSetSpec, fld: string): FieldError[] {
  const selector = trySelector(spec.selector);
  if (!selector) return [invalid(`${fld}.selector`, spec.selector ?? null, '')];
  const template = spec.template ?? ({ spec: {} } as PodTemplateSpec);
  const errs = validateSelectorMatchesTemplate(selector, template, `${fld}.template`);
  errs.push(...validateLabels(template.metadata?.labels, `${fld}.template.labels`));
  errs.push(...validateAnnotations(template.metadata?.annotations, `${fld}.template.annotations`));
  errs.push(...validateAlwaysRestart(template, `${fld}.template`, 'StatefulSet'));
  return errs;
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(spec: StatefulSetSpec, fld: string): FieldError[] {
  const errs = validatePolicies(spec, fld);
  errs.push(...validateNonnegative(spec.replicas, `${fld}.replicas`));
  errs.push(...validateNonnegative(spec.minReadySeconds, `${fld}.minReadySeconds`));
  if (spec.ordinals) errs.push(...validateNonnegative(spec.ordinals.start, `${fld}.ordinals.start`));
  if (!spec.selector) errs.push(required(`${fld}.selector`));
  else {
    errs.push(...validateLabelSelector(spec.selector, `${fld}.selector`));
    if (selectorIsEmpty(spec.selector)) errs.push(invalid(`${fld}.selector`, spec.selector, 'empty selector is invalid for statefulset'));
  }
  errs.push(...validateTemplate(spec, fld));
  return errs;
}

export function validateStatefulSet(sts: StatefulSet): FieldError[] {
  return validateStatefulSetSpec(sts.spec ?? ({} as StatefulSetSpec), 'spec');
}

const MUTABLE_SPEC_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'] as const;

/** ValidateStatefulSetUpdate: only a few spec fields may change after creation. */
export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const next: Record<string, unknown> = { ...sts.spec };
  const prev: Record<string, unknown> = { ...old.spec };
  for (const k of MUTABLE_SPEC_FIELDS) {
    delete next[k];
    delete prev[k];
  }
  if (semanticEqual(next, prev)) return [];
  const allowed = "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'";
  return [forbidden('spec', `updates to statefulset spec for fields other than ${allowed} are forbidden`)];
}

const GT_REPLICAS = 'cannot be greater than status.replicas';

export function validateStatefulSetStatusUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const s = sts.status ?? {};
  const errs: FieldError[] = [];
  for (const k of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount'] as const) {
    errs.push(...validateNonnegative(s[k], `status.${k}`));
  }
  const replicas = s.replicas ?? 0;
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'] as const) {
    if ((s[k] ?? 0) > replicas) errs.push(invalid(`status.${k}`, s[k], GT_REPLICAS));
  }
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(invalid('status.availableReplicas', s.availableReplicas, 'cannot be greater than status.readyReplicas'));
  }
  if (isDecremented(s.collisionCount, old.status?.collisionCount)) {
    errs.push(invalid('status.collisionCount', s.collisionCount ?? 0, 'cannot be decremented'));
  }
  return errs;
}
