// autoscaling/horizontalpodautoscalers (pkg/registry/autoscaling/horizontalpodautoscaler and
// printHorizontalPodAutoscaler).
import {
  Quantity,
  setDefaultsHorizontalPodAutoscaler,
  validateHorizontalPodAutoscaler,
  type HorizontalPodAutoscaler,
  type MetricSpec,
  type MetricStatus,
  type MetricTarget,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { int } from '../../printers/groups-cells.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { resetStatus, statusZeros, view } from './common.js';

const DOCS = {
  reference:
    'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.',
  targets:
    'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.',
  minPods:
    'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.',
  maxPods: 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.',
  replicas: 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.',
};

/** Quantity.String(): the canonical form, whatever spelling the client sent. */
function q(v: string | undefined): string {
  if (v === undefined) return '<unknown>';
  try {
    return Quantity.parse(v).toString();
  } catch {
    return v;
  }
}

type Current = { averageUtilization?: number; averageValue?: string; value?: string };

function valueTarget(t: MetricTarget, current: Current | undefined): string {
  if (t.averageValue !== undefined) return `${current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`;
  return `${current?.value !== undefined ? q(current.value) : '<unknown>'}/${q(t.value)}`;
}

function resourceTarget(name: string, t: MetricTarget, current: Current | undefined): string {
  if (t.averageValue !== undefined) return `${name}: ${current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>'}/${q(t.averageValue)}`;
  const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
  const want = t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>';
  return `${name}: ${now}/${want}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return spec.external ? valueTarget(spec.external.target, status?.external?.current) : '<unknown type>';
    case 'Object':
      return spec.object ? valueTarget(spec.object.target, status?.object?.current) : '<unknown type>';
    case 'Pods': {
      const current = status?.pods?.current.averageValue;
      return `${current !== undefined ? q(current) : '<unknown>'}/${q(spec.pods?.target.averageValue)}`;
    }
    case 'Resource':
      return spec.resource ? resourceTarget(spec.resource.name, spec.resource.target, status?.resource?.current) : '<unknown type>';
    case 'ContainerResource': {
      const cr = spec.containerResource;
      return cr ? resourceTarget(cr.name, cr.target, status?.containerResource?.current) : '<unknown type>';
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: at most two targets, then "+ N more...". */
export function formatHPAMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  const list = specs ?? [];
  if (list.length === 0) return '<none>';
  const shown = list.slice(0, 2).map((s, i) => formatMetric(s, statuses?.[i])).join(', ');
  return list.length > 2 ? `${shown} + ${list.length - 2} more...` : shown;
}

export const hpaTable: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Reference', 'string', DOCS.reference),
    column('Targets', 'string', DOCS.targets),
    column('MinPods', 'string', DOCS.minPods),
    column('MaxPods', 'string', DOCS.maxPods),
    column('Replicas', 'string', DOCS.replicas),
    AGE_COLUMN,
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const hpa = view<HorizontalPodAutoscaler>(obj);
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min === undefined ? '<unset>' : String(min),
      int(hpa.spec?.maxReplicas),
      int(hpa.status?.currentReplicas),
      translateTimestampSince(hpa.metadata.creationTimestamp, now),
    ];
  },
};

export const horizontalPodAutoscalerStrategy: Strategy = {
  defaults(obj) {
    setDefaultsHorizontalPodAutoscaler(view<HorizontalPodAutoscaler>(obj));
    statusZeros(obj, { desiredReplicas: 0 });
  },
  prepareForCreate: resetStatus,
  validate: (obj) => validateHorizontalPodAutoscaler(view<HorizontalPodAutoscaler>(obj)),
  table: hpaTable,
};
