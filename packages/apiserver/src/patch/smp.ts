// Strategic merge patch, applied the way the apiserver applies it (strategicpatch's
// StrategicMergeMapPatch: parallel lists merged, unmatched nulls ignored). Kubernetes decodes the
// result into Go structs, which silently drops directives and nulls the patch carried into new
// subtrees; we have no structs, so new values are cleaned explicitly instead (`clean`).
import { goFormat, isObject, type JsonObject } from './json.js';
import { badRequest } from '../errors.js';
import { SMP_MESSAGES, unknownError, unprocessable } from './patch-errors.js';
import { childSchema, smpStrategy, type Schema } from './schema.js';
import { noMergeKey, normalizeOrder, partition } from './smp-order.js';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList';

/** Applies `patch` to `original` (neither is modified) using the kind's patch metadata. */
export function strategicMerge(original: JsonObject, patch: JsonObject, schema: Schema | undefined): JsonObject {
  return mergeMap(original, patch, schema);
}

function badPatchType(directive: unknown, m: JsonObject): Error {
  return unknownError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(m)}`);
}

function mergeMap(original: JsonObject | undefined, patch: JsonObject, schema: Schema | undefined): JsonObject {
  const p: JsonObject = { ...patch };
  if (DIRECTIVE in p) {
    const directive = p[DIRECTIVE];
    delete p[DIRECTIVE];
    if (directive === 'delete') return {};
    if (directive === 'replace') return mergeMap(undefined, p, schema);
    // `merge` is the default behaviour, so it is accepted rather than rejected.
    if (directive !== 'merge') throw badPatchType(directive, patch);
  }
  const out: JsonObject = original ? { ...original } : {};
  applyRetainKeys(out, p);
  applySetElementOrders(out, p, schema);
  for (const [k, v] of Object.entries(p)) {
    if (k.startsWith(DELETE_PRIMITIVE)) deleteFromPrimitiveList(out, k, v);
    else if (k.startsWith('$')) continue; // unknown directives must never be stored
    else if (v === null) delete out[k];
    else out[k] = mergeValue(out[k], v, childSchema(schema, k));
  }
  return out;
}

function mergeValue(current: unknown, patch: unknown, schema: Schema | undefined): unknown {
  const strategy = smpStrategy(schema);
  if (isObject(current) && isObject(patch)) {
    return strategy === 'replace' ? clean(patch, schema) : mergeMap(current, patch, schema);
  }
  if (Array.isArray(current) && Array.isArray(patch)) {
    return strategy === 'merge' ? mergeList(current, patch, schema) : clean(patch, schema);
  }
  return clean(patch, schema);
}

/** A patch value with nothing to merge into: directives applied, nulls and `$` keys dropped. */
function clean(v: unknown, schema: Schema | undefined): unknown {
  if (isObject(v)) return mergeMap(undefined, v, schema);
  if (!Array.isArray(v)) return v;
  if (smpStrategy(schema) === 'merge') return mergeList([], v, schema);
  return v.map((x) => (isObject(x) ? mergeMap(undefined, x, schema?.elem) : x));
}

function applyRetainKeys(out: JsonObject, p: JsonObject): void {
  if (!(RETAIN_KEYS in p)) return;
  const list = p[RETAIN_KEYS];
  delete p[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest(SMP_MESSAGES.retainKeys);
  const keep = new Set<unknown>(list);
  for (const [k, v] of Object.entries(p)) {
    if (v === null || k.startsWith(DELETE_PRIMITIVE) || k.startsWith(SET_ORDER)) continue;
    if (!keep.has(k)) throw badRequest(SMP_MESSAGES.retainKeys);
  }
  for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
}

/** `$deleteFromPrimitiveList/<field>: [values]` removes those values from a primitive list. */
function deleteFromPrimitiveList(out: JsonObject, key: string, values: unknown): void {
  const field = directiveField(key, DELETE_PRIMITIVE, SMP_MESSAGES.primitiveList);
  if (!Array.isArray(values)) throw badRequest(SMP_MESSAGES.primitiveList);
  const current = out[field];
  if (!Array.isArray(current)) return;
  const drop = new Set<unknown>(values);
  out[field] = current.filter((x) => !drop.has(x));
}

function directiveField(key: string, prefix: string, message: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequest(message);
  return key.slice(slash + 1);
}

function goSliceType(v: unknown): string {
  if (isObject(v)) return 'map[string]interface {}';
  if (v === null || v === undefined) return '<nil>';
  return typeof v === 'number' ? 'float64' : typeof v;
}

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw unknownError(`expected a []interface {}, but received a ${goSliceType(v)}`);
  return v;
}

/**
 * `$setElementOrder/<field>` gives the final order of a merged list; the list in the patch (if any)
 * is merged first, then everything is ordered. Both keys are consumed here.
 */
function applySetElementOrders(out: JsonObject, p: JsonObject, schema: Schema | undefined): void {
  for (const key of Object.keys(p)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = asList(p[key]);
    delete p[key];
    const field = directiveField(key, SET_ORDER, SMP_MESSAGES.setElementOrder);
    const fieldSchema = childSchema(schema, field);
    const mergeKey = fieldSchema?.mergeKey ?? '';
    const live = out[field] === undefined || out[field] === null ? undefined : asList(out[field]);
    const patched = p[field] === undefined ? undefined : asList(p[field]);
    delete p[field];
    validateSetOrder(patched ?? [], order, mergeKey);
    let merged: unknown[];
    if (live !== undefined && patched !== undefined) merged = asList(mergeValue(live, patched, fieldSchema));
    else if (patched !== undefined) merged = asList(clean(patched, fieldSchema));
    else if (live !== undefined) merged = live;
    else continue;
    const [named, serverOnly] = partition(merged, order, mergeKey);
    out[field] = normalizeOrder(named, serverOnly, order, live ?? [], mergeKey);
  }
}

function keyOf(item: unknown, mergeKey: string): unknown {
  if (mergeKey === '') return item;
  if (!isObject(item) || !(mergeKey in item)) throw noMergeKey(item, mergeKey);
  return item[mergeKey];
}

// The patch list must name its (non-deleted) items in the same relative order as the order list.
function validateSetOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : patchList.filter((x) => !(isObject(x) && x[DIRECTIVE] === 'delete'));
  let pi = 0;
  let oi = 0;
  while (pi < items.length && oi < order.length) {
    const item = items[pi];
    if (isObject(item) && DIRECTIVE in item) {
      pi++;
      continue;
    }
    if (keyOf(item, mergeKey) === keyOf(order[oi], mergeKey)) pi++;
    oi++;
  }
  if (pi < items.length) {
    throw unknownError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ORDER} list:\n${goFormat(order)}\n`);
  }
}

type ElementKind = 'map' | 'scalar' | 'none';

function elementKind(original: readonly unknown[], patch: readonly unknown[]): ElementKind {
  let kind: string | undefined;
  for (const x of [...original, ...patch]) {
    if (Array.isArray(x)) throw unprocessable(); // ErrNoListOfLists is answered as a generic 422
    const k = isObject(x) ? 'map' : x === null ? 'null' : typeof x;
    if (kind !== undefined && kind !== k) {
      throw unknownError(`list element types are not identical: ${goFormat([original, patch])}`);
    }
    kind = k;
  }
  if (kind === undefined) return 'none';
  return kind === 'map' ? 'map' : 'scalar';
}

/** Merges two lists whose field has `patchStrategy:"merge"`. */
function mergeList(original: readonly unknown[], patch: readonly unknown[], schema: Schema | undefined): unknown[] {
  const kind = elementKind(original, patch);
  if (kind === 'none') return [...original];
  if (kind === 'scalar') {
    const merged = [...new Set<unknown>([...original, ...patch])];
    const [named, serverOnly] = partition(merged, patch, '');
    return normalizeOrder(named, serverOnly, patch, original, '');
  }
  const mergeKey = schema?.mergeKey ?? '';
  if (mergeKey === '') throw unknownError('cannot merge lists without merge key for type struct');
  const [live, items] = applySpecialElements(original, patch, mergeKey, schema);
  const merged = mergeByKey(live, items, mergeKey, schema?.elem);
  const [named, serverOnly] = partition(merged, items, mergeKey);
  return normalizeOrder(named, serverOnly, items, live, mergeKey);
}

/** Handles `$patch: delete|replace` list items; returns the live list and the plain patch items. */
function applySpecialElements(
  original: readonly unknown[],
  patch: readonly unknown[],
  mergeKey: string,
  schema: Schema | undefined,
): [unknown[], unknown[]] {
  let live = [...original];
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch) {
    const m = item as JsonObject;
    if (!(DIRECTIVE in m)) {
      plain.push(item);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      live = live.filter((x) => !(isObject(x) && x[mergeKey] === m[mergeKey]));
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw unknownError('merging lists cannot yet be specified in the patch');
    else throw badPatchType(directive, m);
  }
  if (replace) return [plain.map((x) => clean(x, schema?.elem)), []];
  return [live, plain];
}

function mergeByKey(live: readonly unknown[], items: readonly unknown[], mergeKey: string, elem: Schema | undefined): unknown[] {
  const out = [...live];
  for (const item of items) {
    const m = item as JsonObject;
    if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
    const i = out.findIndex((x) => isObject(x) && mergeKey in x && x[mergeKey] === m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JsonObject, m, elem);
    else out.push(clean(m, elem));
  }
  return out;
}
