// The object side of server-side apply: merging an applied configuration into the live object
// (structured-merge-diff's typed Merge) and removing fields an applier gave up.
import { type FieldPath } from './field-path.js';
import { keyItems } from './field-walk.js';
import { deepClone, isObject, type JsonObject } from './json.js';
import { childSchema, type Schema } from './schema.js';

/**
 * Merges `config` over `live`: maps key by key, associative lists item by item (live items keep
 * their order, new items follow in config order), everything else replaced by the config.
 */
export function ssaMerge(live: unknown, config: unknown, schema: Schema | undefined): unknown {
  if (config === undefined) return live;
  if (live === undefined || live === null) return deepClone(config);
  if (isObject(live) && isObject(config) && !schema?.atomic) {
    const out: JsonObject = { ...live };
    for (const [k, v] of Object.entries(config)) out[k] = ssaMerge(live[k], v, childSchema(schema, k));
    return out;
  }
  if (Array.isArray(live) && Array.isArray(config) && (schema?.listType === 'map' || schema?.listType === 'set')) {
    return mergeItems(live, config, schema);
  }
  return deepClone(config);
}

function mergeItems(live: readonly unknown[], config: readonly unknown[], schema: Schema): unknown[] {
  const liveKeys = keyItems(live, schema);
  const configKeys = keyItems(config, schema);
  // A live list that cannot be keyed (duplicates written before apply) is taken over whole.
  if (liveKeys === undefined || configKeys === undefined) return deepClone([...config]);
  const out = live.map((item, i) => {
    const j = configKeys.indexOf(liveKeys[i] ?? '');
    if (j < 0) return item;
    return schema.listType === 'set' ? item : ssaMerge(item, config[j], schema.elem);
  });
  config.forEach((item, j) => {
    if (!liveKeys.includes(configKeys[j] ?? '')) out.push(deepClone(item));
  });
  return out;
}

/** `v` without null members (an applied `null` means "not specified"). */
export function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}

const isEmptyContainer = (v: unknown): boolean =>
  (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/**
 * `node` without the field or item at `path`. Maps and lists emptied by the removal disappear too
 * (below the top level), as they would after Kubernetes' omitempty encoding. Key fields of list
 * items are never removed on their own: the item would lose its identity.
 */
export function removePath(node: unknown, path: FieldPath, schema: Schema | undefined, depth = 0): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  let out: unknown = node;
  if (head.startsWith('f:') && isObject(node)) {
    const name = head.slice(2);
    if (!(name in node)) return node;
    const child = removePath(node[name], rest, childSchema(schema, name), depth + 1);
    const copy: JsonObject = { ...node };
    if (child === undefined) delete copy[name];
    else copy[name] = child;
    out = copy;
  } else if ((head.startsWith('k:') || head.startsWith('v:')) && Array.isArray(node)) {
    const keys = keyItems(node, schema);
    const i = keys?.indexOf(head) ?? -1;
    if (i < 0 || isKeyField(rest, schema)) return node;
    const child = removePath(node[i], rest, schema?.elem, depth + 1);
    const copy = [...node];
    if (child === undefined) copy.splice(i, 1);
    else copy[i] = child;
    out = copy;
  } else {
    return node;
  }
  return depth >= 2 && isEmptyContainer(out) && !isEmptyContainer(node) ? undefined : out;
}

function isKeyField(rest: FieldPath, schema: Schema | undefined): boolean {
  const [only, ...more] = rest;
  if (only === undefined || more.length > 0 || !only.startsWith('f:')) return false;
  return (schema?.listMapKeys ?? []).includes(only.slice(2));
}
