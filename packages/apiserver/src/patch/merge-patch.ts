// JSON merge patch (RFC 7386) with the details of evanphx/json-patch's MergePatch, which the
// apiserver uses: a value that lands where there was no object has the null members of its
// objects pruned, while an array or scalar replacing an object is stored
// as sent. Null array elements survive (only objects are pruned), as upstream.
import { isObject, type JsonObject } from './json.js';

export function mergePatch(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (isObject(cur) && isObject(v)) out[k] = mergePatch(cur, v);
    else if (isObject(cur)) out[k] = v;
    else out[k] = pruneNulls(v);
  }
  return out;
}

function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
  return out;
}
