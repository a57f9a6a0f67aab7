// equality.Semantic for JSON objects, as controllers compare templates: a missing field, null,
// an empty list and an empty map all mean "unset", and key order does not matter. kubectl's
// `rollout undo` sends templates with `creationTimestamp: null` and `resources: {}`, which must
// compare equal to the stored ones.
import type { PodTemplateSpec } from '@kubelite/api';

function isUnset(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const child = normalize((v as Record<string, unknown>)[k]);
    if (!isUnset(child)) out[k] = child;
  }
  return out;
}

export function canonicalJson(v: unknown): string {
  const n = normalize(v);
  return isUnset(n) ? 'null' : JSON.stringify(n);
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

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
