// metadata.managedFields: decoding, encoding, and the bookkeeping every non-apply write does
// (Kubernetes records an `Update` entry for the writer so that a later apply sees who changed
// what). Semantics follow structured-merge-diff's Updater and apimachinery's managedfields chain.
import { capUpdateManagers } from './cap-managers.js';
import { managerId, type Manager } from './manager.js';
import { fieldPE, type FieldPath } from './field-path.js';
import { FieldSet } from './field-set.js';
import { compareObjects, type Comparison } from './field-walk.js';
import { isObject, type JsonObject } from './json.js';
import type { Schema } from './schema.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

function decodeEntry(e: unknown): Manager | undefined {
  if (!isObject(e) || typeof e.manager !== 'string') return undefined;
  if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined;
  const m: Manager = {
    manager: e.manager,
    operation: e.operation,
    apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
    set: FieldSet.fromFieldsV1(e.fieldsV1),
  };
  if (typeof e.time === 'string') m.time = e.time;
  if (typeof e.subresource === 'string' && e.subresource !== '') m.subresource = e.subresource;
  return m;
}

/** The managers recorded on an object; entries that do not parse are dropped, duplicates merged. */
export function decodeManagers(obj: unknown): Manager[] {
  const list = isObject(obj) && isObject(obj.metadata) ? obj.metadata.managedFields : undefined;
  const byId = new Map<string, Manager>();
  for (const e of Array.isArray(list) ? list : []) {
    const m = decodeEntry(e);
    if (m === undefined) continue;
    const prev = byId.get(managerId(m));
    if (prev) prev.set = prev.set.union(m.set);
    else byId.set(managerId(m), m);
  }
  return [...byId.values()];
}

// Apply entries first, then oldest first, then by name, version and subresource.
function compareManagers(a: Manager, b: Manager): number {
  const secs = (m: Manager): number => (m.time ? Math.floor(Date.parse(m.time) / 1000) : 0);
  const keys = (m: Manager): (string | number)[] => [m.operation, secs(m), m.manager, m.apiVersion, m.subresource ?? ''];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function encodeManagers(managers: readonly Manager[]): ManagedFieldsEntry[] {
  return managers
    .filter((m) => !m.set.isEmpty())
    .sort(compareManagers)
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time !== undefined ? { time: m.time } : {}),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: m.set.toFieldsV1(),
      ...(m.subresource !== undefined ? { subresource: m.subresource } : {}),
    }));
}

/** Writes the managers into `obj.metadata.managedFields` (removing the field when none remain). */
export function storeManagers(obj: JsonObject, managers: readonly Manager[]): void {
  const meta = isObject(obj.metadata) ? obj.metadata : (obj.metadata = {});
  const entries = encodeManagers(capUpdateManagers(managers));
  if (entries.length > 0) meta.managedFields = entries;
  else delete meta.managedFields;
}

// Fields no manager owns (apimachinery's stripMeta set): identity and server-set metadata.
const STRIPPED = ['apiVersion', 'kind', 'metadata'].map((f) => [fieldPE(f)]).concat(
  ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'resourceVersion'].map((f) => [fieldPE('metadata'), fieldPE(f)]),
);
const STATUS = fieldPE('status');

/**
 * Keeps only the paths a manager can own through this endpoint: never the stripped metadata, and
 * only `status` on the status subresource (the main resource resets status, so owns none of it).
 */
export function ownable(set: FieldSet, subresource: string | undefined): FieldSet {
  return set.filter((p: FieldPath) => {
    if (STRIPPED.some((s) => s.length === p.length && s.every((x, i) => x === p[i]))) return false;
    if (p[0] === fieldPE('metadata') && p[1] === fieldPE('managedFields')) return false;
    if (subresource === 'status') return p[0] === STATUS;
    return subresource !== undefined || p[0] !== STATUS;
  });
}

/** compareObjects restricted to what the endpoint's managers can own. */
export function ownableChanges(before: unknown, after: unknown, schema: Schema, subresource: string | undefined): Comparison {
  const c = compareObjects(before, after, schema);
  return { added: ownable(c.added, subresource), modified: ownable(c.modified, subresource), removed: ownable(c.removed, subresource) };
}

/** The object without its managedFields, which never take part in diffs or merges. */
export function withoutManagedFields(obj: JsonObject | undefined): JsonObject {
  if (obj === undefined) return {};
  if (!isObject(obj.metadata) || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...meta } = obj.metadata;
  return { ...obj, metadata: meta };
}
