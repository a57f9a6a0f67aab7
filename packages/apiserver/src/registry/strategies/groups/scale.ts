// The `scale` subresource's view of a workload (Deployment, ReplicaSet, StatefulSet, and
// ReplicationController): an autoscaling/v1 Scale built from the parent, and a Scale applied back.
import {
  labelSelectorAsSelector,
  labelSelectorFromSet,
  validateScale,
  type LabelSelector,
  type Scale,
} from '@kubelite/api';
import { invalid } from '../../../errors.js';
import type { KObject } from '../../strategy.js';

interface ScalableSpec {
  replicas?: number;
  selector?: LabelSelector | Record<string, string> | null;
}

// ReplicationControllers select with a plain label map; the apps kinds with a LabelSelector.
function selectorText(kind: string, selector: ScalableSpec['selector']): string {
  if (kind === 'ReplicationController') return labelSelectorFromSet(selector as Record<string, string> | undefined).toString();
  return labelSelectorAsSelector(selector as LabelSelector | null | undefined).toString();
}

/** The Scale for `obj`; the parent's resourceVersion stands for the Scale's own. */
export function scaleOf(obj: KObject, kind: string): Scale & Record<string, unknown> {
  const spec = (obj.spec ?? {}) as ScalableSpec;
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  const metadata: Scale['metadata'] = {};
  if (m.name !== undefined) metadata.name = m.name;
  if (m.namespace !== undefined) metadata.namespace = m.namespace;
  if (m.uid !== undefined) metadata.uid = m.uid;
  if (m.resourceVersion !== undefined) metadata.resourceVersion = m.resourceVersion;
  metadata.creationTimestamp = m.creationTimestamp ?? null;
  const selector = selectorText(kind, spec.selector);
  // autoscaling/v1 omits a zero spec.replicas and an empty selector (omitempty); status.replicas stays.
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: spec.replicas ? { replicas: spec.replicas } : {},
    status: selector === '' ? { replicas: status.replicas ?? 0 } : { replicas: status.replicas ?? 0, selector },
  };
}

/**
 * Applies a requested Scale to its parent: spec.replicas only. An invalid Scale is rejected as
 * Kubernetes does, naming the Scale (`Scale.autoscaling "web" is invalid: spec.replicas: …`).
 */
export function applyScale(obj: KObject, scale: Record<string, unknown>): void {
  const s = scale as unknown as Scale;
  const errs = validateScale(s);
  if (errs.length > 0) throw invalid({ group: 'autoscaling', kind: 'Scale' }, obj.metadata.name ?? '', errs);
  const spec = ((obj.spec ??= {}) as ScalableSpec);
  spec.replicas = s.spec?.replicas ?? 0;
}
