// policy/v1 PodDisruptionBudget (ValidatePodDisruptionBudget*, 1.32) and Eviction, the body of
// pods/eviction.
import { invalid, notSupported, type FieldError } from '../../field.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { validateNonnegative } from '../core/field-helpers.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from '../apps/intstr.js';
import { validateLabelSelector } from '../apps/label-selector.js';

export interface PodDisruptionBudgetSpec {
  minAvailable?: IntOrString | null;
  selector?: LabelSelector | null;
  maxUnavailable?: IntOrString | null;
  unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow' | string | null;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Array<{ type: string; status: string; observedGeneration?: number; lastTransitionTime: string; reason: string; message: string }>;
}

export interface PodDisruptionBudget extends KubeObject {
  spec?: PodDisruptionBudgetSpec;
  status?: PodDisruptionBudgetStatus;
}

/** policy/v1 Eviction: a request to delete one pod, subject to its disruption budgets. */
export interface Eviction extends KubeObject {
  deleteOptions?: {
    gracePeriodSeconds?: number;
    preconditions?: { uid?: string; resourceVersion?: string };
    propagationPolicy?: string;
    dryRun?: string[];
  };
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function validateIntOrPercent(v: IntOrString | null | undefined, fld: string): FieldError[] {
  if (v === undefined || v === null) return [];
  return [...validatePositiveIntOrPercent(v, fld), ...isNotMoreThan100Percent(v, fld)];
}

/** ValidatePodDisruptionBudgetSpec. */
export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  const has = (v: unknown): boolean => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) {
    errs.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (typeof policy === 'string' && !EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  }
  return errs;
}

/** ValidatePodDisruptionBudgetStatusUpdate for policy/v1 (conditions are not checked here). */
export function validatePodDisruptionBudgetStatusUpdate(pdb: PodDisruptionBudget): FieldError[] {
  const s = pdb.status;
  const errs: FieldError[] = [];
  for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const) {
    errs.push(...validateNonnegative(s?.[k], `status.${k}`));
  }
  return errs;
}
