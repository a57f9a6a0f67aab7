// Template comparison for controllers, on @kubelite/api's semantic equality (a missing field, null,
// an empty list and an empty map all mean "unset"; key order does not matter): kubectl's
// `rollout undo` sends templates with `creationTimestamp: null` and `resources: {}`, which must
// compare equal to the stored ones.
import { canonicalJson, semanticEqual, type PodTemplateSpec } from '@kubelite/api';

export { canonicalJson, semanticEqual };

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The template without the pod-template-hash label (deployment util's EqualIgnoreHash). */
export function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  return { ...t, metadata: { ...t.metadata, labels } };
}

export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}
