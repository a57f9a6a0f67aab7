// Field sets computed from objects, as structured-merge-diff computes them from typed values:
// the set an applied configuration claims (ToFieldSet) and the added / modified / removed sets
// between two versions of an object (Compare), which decide ownership on every write.
import { fieldPE, keyPE, pathString, valuePE, type FieldPath, type PathElement } from './field-path.js';
import { FieldSet } from './field-set.js';
import { deepEqual, isObject } from './json.js';
import { unknownError } from './patch-errors.js';
import { childSchema, type Schema } from './schema.js';

const isAssociative = (s: Schema | undefined): boolean => s?.listType === 'map' || s?.listType === 'set';

/** The `k:` element of a map-list item, filling key fields the item omits from their defaults. */
export function itemKey(item: unknown, schema: Schema | undefined): PathElement | { missing: string } {
  if (schema?.listType === 'set') return valuePE(item);
  const keys = schema?.listMapKeys ?? [];
  const fields: Record<string, unknown> = {};
  for (const k of keys) {
    const v = isObject(item) ? (item[k] ?? schema?.keyDefaults?.[k]) : undefined;
    if (v === undefined || v === null) return { missing: k };
    fields[k] = v;
  }
  return keyPE(fields);
}

/** The path element of every item, or undefined when the list cannot be keyed (missing or duplicate keys). */
export function keyItems(list: readonly unknown[], schema: Schema | undefined): PathElement[] | undefined {
  const out: PathElement[] = [];
  for (const item of list) {
    const pe = itemKey(item, schema);
    if (typeof pe !== 'string' || out.includes(pe)) return undefined;
    out.push(pe);
  }
  return out;
}

// Go's typed objects never hold JSON null: a null field decodes to "absent".
const present = (v: unknown): boolean => v !== undefined && v !== null;

/** The set an applied configuration claims. Bad list keys fail the apply, as upstream. */
export function appliedFieldSet(config: unknown, schema: Schema | undefined): FieldSet {
  const set = new FieldSet();
  walkApplied(config, schema, [], set);
  return set;
}

function walkApplied(v: unknown, schema: Schema | undefined, path: FieldPath, set: FieldSet): void {
  if (isObject(v) && !schema?.atomic && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) {
      if (present(x)) walkApplied(x, childSchema(schema, k), [...path, fieldPE(k)], set);
    }
  } else if (Array.isArray(v) && isAssociative(schema) && v.length > 0) {
    walkAppliedItems(v, schema, path, set);
  } else if (path.length > 0) {
    set.insert(path);
  }
}

function walkAppliedItems(list: readonly unknown[], schema: Schema | undefined, path: FieldPath, set: FieldSet): void {
  const seen = new Set<PathElement>();
  list.forEach((item, i) => {
    const pe = itemKey(item, schema);
    if (typeof pe !== 'string') {
      throw unknownError(
        `${pathString(path)}: element ${i}: associative list with keys has an element that omits key field ${JSON.stringify(pe.missing)} (and doesn't have default value)`,
      );
    }
    if (seen.has(pe)) throw unknownError(`${pathString(path)}: duplicate entries for key ${pathString([pe])}`);
    seen.add(pe);
    const elemPath = [...path, pe];
    set.insert(elemPath);
    if (isObject(item) && !schema?.elem?.atomic) {
      for (const [k, x] of Object.entries(item)) {
        if (present(x)) walkApplied(x, childSchema(schema?.elem, k), [...elemPath, fieldPE(k)], set);
      }
    }
  });
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

// Non-pointer structs (and `containers`, which has no omitempty) exist in Go even when empty, so
// Kubernetes never sees them "added" and never lists them as owned nodes; every other new map or
// list is owned as a node (`.`).
const ALWAYS_PRESENT = new Set(['metadata', 'spec', 'status', 'template', 'jobTemplate', 'strategy', 'updateStrategy', 'containers']);
const alwaysPresent = (path: FieldPath): boolean => ALWAYS_PRESENT.has((path[path.length - 1] ?? '').slice(2));

/** What changed from `before` to `after`, path by path. */
export function compareObjects(before: unknown, after: unknown, schema: Schema | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareAt(before, after, schema, [], c);
  return c;
}

function compareAt(a: unknown, b: unknown, schema: Schema | undefined, path: FieldPath, c: Comparison): void {
  const av = present(a) ? a : undefined;
  const bv = present(b) ? b : undefined;
  if (av === undefined && bv === undefined) return;
  if (isGranularMap(av, bv, schema)) return compareMaps(av, bv, schema, path, c);
  if (isAssociative(schema) && (av === undefined || Array.isArray(av)) && (bv === undefined || Array.isArray(bv))) {
    const ak = keyItems(av ?? [], schema);
    const bk = keyItems(bv ?? [], schema);
    if (ak && bk && ((av?.length ?? 0) > 0 || (bv?.length ?? 0) > 0)) {
      return compareLists(av ?? [], ak, bv ?? [], bk, schema, path, c, av === undefined, bv === undefined);
    }
  }
  if (path.length === 0) return;
  if (av === undefined) c.added.insert(path);
  else if (bv === undefined) c.removed.insert(path);
  else if (!deepEqual(av, bv)) c.modified.insert(path);
}

function isGranularMap(a: unknown, b: unknown, schema: Schema | undefined): boolean {
  if (schema?.atomic) return false;
  if (!(a === undefined || isObject(a)) || !(b === undefined || isObject(b))) return false;
  const size = (x: unknown): number => (isObject(x) ? Object.keys(x).length : 0);
  return size(a) > 0 || size(b) > 0;
}

function compareMaps(a: unknown, b: unknown, schema: Schema | undefined, path: FieldPath, c: Comparison): void {
  const am = isObject(a) ? a : undefined;
  const bm = isObject(b) ? b : undefined;
  if (path.length > 0 && !alwaysPresent(path)) {
    if (am === undefined) c.added.insert(path);
    if (bm === undefined) c.removed.insert(path);
  }
  for (const k of new Set([...Object.keys(am ?? {}), ...Object.keys(bm ?? {})])) {
    compareAt(am?.[k], bm?.[k], childSchema(schema, k), [...path, fieldPE(k)], c);
  }
}

function compareLists(
  a: readonly unknown[],
  ak: readonly PathElement[],
  b: readonly unknown[],
  bk: readonly PathElement[],
  schema: Schema | undefined,
  path: FieldPath,
  c: Comparison,
  wasAbsent: boolean,
  isAbsent: boolean,
): void {
  if (!alwaysPresent(path)) {
    if (wasAbsent) c.added.insert(path);
    if (isAbsent) c.removed.insert(path);
  }
  for (const pe of new Set([...ak, ...bk])) {
    const ia = ak.indexOf(pe);
    const ib = bk.indexOf(pe);
    const elemPath = [...path, pe];
    if (ia < 0) c.added.insert(elemPath);
    if (ib < 0) c.removed.insert(elemPath);
    if (schema?.listType !== 'map' || schema.elem?.atomic) {
      if (ia >= 0 && ib >= 0 && !deepEqual(a[ia], b[ib])) c.modified.insert(elemPath);
      continue;
    }
    const ea = ia >= 0 && isObject(a[ia]) ? a[ia] : {};
    const eb = ib >= 0 && isObject(b[ib]) ? b[ib] : {};
    for (const k of new Set([...Object.keys(ea), ...Object.keys(eb)])) {
      compareAt(ea[k], eb[k], childSchema(schema.elem, k), [...elemPath, fieldPE(k)], c);
    }
  }
}
