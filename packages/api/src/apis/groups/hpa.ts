// autoscaling/v2 HorizontalPodAutoscaler: types, SetDefaults_HorizontalPodAutoscaler and the
// basic checks of ValidateHorizontalPodAutoscaler (replica bounds, target, metric kinds).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import type { KubeObject } from '../../meta.js';
import { isValidPathSegmentName } from './path-segment.js';

export interface CrossVersionObjectReference {
  kind: string;
  name: string;
  apiVersion?: string;
}

export interface MetricTarget {
  type: 'Utilization' | 'Value' | 'AverageValue' | string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface MetricSpec {
  type: 'Object' | 'Pods' | 'Resource' | 'ContainerResource' | 'External' | string;
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric: { name: string }; target: MetricTarget };
  object?: { describedObject: CrossVersionObjectReference; metric: { name: string }; target: MetricTarget };
  external?: { metric: { name: string }; target: MetricTarget };
}

export interface HPAScalingRules {
  stabilizationWindowSeconds?: number | null;
  selectPolicy?: 'Max' | 'Min' | 'Disabled' | string;
  policies?: Array<{ type: 'Pods' | 'Percent' | string; value: number; periodSeconds: number }>;
}

export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: { scaleUp?: HPAScalingRules; scaleDown?: HPAScalingRules } | null;
}

export interface MetricStatus {
  type: string;
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string; value?: string } };
  containerResource?: { name: string; container: string; current: { averageUtilization?: number; averageValue?: string; value?: string } };
  pods?: { metric: { name: string }; current: { averageValue?: string } };
  object?: { metric: { name: string }; current: { value?: string; averageValue?: string } };
  external?: { metric: { name: string }; current: { value?: string; averageValue?: string } };
}

export interface HorizontalPodAutoscalerStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  conditions?: Array<{ type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }>;
}

export interface HorizontalPodAutoscaler extends KubeObject {
  spec: HorizontalPodAutoscalerSpec;
  status?: HorizontalPodAutoscalerStatus;
}

const scaleUpDefaults = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

// The scale-down window is a controller flag, so the API leaves it unset.
const scaleDownDefaults = (): HPAScalingRules => ({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });

function fillRules(from: HPAScalingRules | undefined, to: HPAScalingRules): HPAScalingRules {
  if (!from) return to;
  if (from.selectPolicy !== undefined) to.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined && from.stabilizationWindowSeconds !== null) {
    to.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  }
  if (from.policies !== undefined) to.policies = from.policies;
  return to;
}

export function setDefaultsHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {} as HorizontalPodAutoscalerSpec);
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
  }
}

function validateRef(ref: Partial<CrossVersionObjectReference> | undefined, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['kind', 'name'] as const) {
    const v = ref?.[k] ?? '';
    if (v === '') errs.push(required(`${fld}.${k}`));
    else for (const msg of isValidPathSegmentName(v)) errs.push(invalid(`${fld}.${k}`, v, msg));
  }
  return errs;
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const METRIC_FIELD: Readonly<Record<string, keyof MetricSpec>> = {
  Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external',
};

function validateMetrics(metrics: readonly MetricSpec[], fld: string): FieldError[] {
  const errs: FieldError[] = [];
  metrics.forEach((m, i) => {
    const f = `${fld}[${i}]`;
    if (!m.type) errs.push(required(`${f}.type`, 'must specify a metric source type'));
    else if (!METRIC_TYPES.includes(m.type)) errs.push(notSupported(`${f}.type`, m.type, METRIC_TYPES));
    else {
      const key = METRIC_FIELD[m.type] as keyof MetricSpec;
      if (!m[key]) errs.push(required(`${f}.${key}`, `must populate information for the given metric source`));
    }
  });
  return errs;
}

/** ValidateHorizontalPodAutoscalerSpec's core (HPAScaleToZero off: minReplicas ≥ 1). */
export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  const spec = hpa.spec ?? ({} as HorizontalPodAutoscalerSpec);
  const errs: FieldError[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (min !== undefined && min < 1) errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const refErrs = validateRef(spec.scaleTargetRef, 'spec.scaleTargetRef');
  errs.push(...(refErrs.length > 0 ? refErrs : validateMetrics(spec.metrics ?? [], 'spec.metrics')));
  return errs;
}
