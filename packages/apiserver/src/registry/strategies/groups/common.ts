// Small pieces the named groups' strategies share.
import { semanticEqual } from '@kubelite/api';
import type { KObject } from '../../strategy.js';

/** The registry hands strategies untyped objects; each strategy reads them as its kind. */
export const view = <T>(obj: KObject): T => obj as unknown as T;

/** PrepareForCreate of kinds with a status: a client may not create one with status set. */
export function resetStatus(obj: KObject): void {
  obj.status = {};
}

/**
 * Kinds whose generation also moves when something outside the spec changes (Deployment:
 * annotations, since they are copied to ReplicaSets; EndpointSlice: labels).
 */
export function bumpGenerationIfChanged(obj: KObject, old: KObject, next: unknown, prev: unknown): void {
  if (semanticEqual(next, prev)) return;
  obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
}

/**
 * Go always serialises a status struct, and its counters without `omitempty` even when zero
 * (ReplicaSet `replicas`, DaemonSet `numberReady`, …): give the stored JSON the same fields.
 */
export function statusZeros(obj: KObject, zeros: Readonly<Record<string, number>>): void {
  const current = typeof obj.status === 'object' && obj.status !== null ? (obj.status as Record<string, unknown>) : {};
  obj.status = { ...zeros, ...current };
}
