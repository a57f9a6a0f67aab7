// JSON patch (RFC 6902). fast-json-patch does the work; what we add is the apiserver's framing:
// the operation list is checked the way Go decodes it into `[]jsonPatchOp` (400 on a wrong shape),
// and any operation that cannot be applied, including a failed `test`, becomes the same generic
// 422 the real server answers.
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { ApiError, badRequest, failure } from '../errors.js';
import { goJsonKind, isObject, type JsonObject } from './json.js';
import { unprocessable } from './patch-errors.js';

const MAX_OPERATIONS = 10000;

/** Checks a decoded body is a list of operations; returns it typed. */
export function decodeJsonPatch(body: unknown): Operation[] {
  if (body === null) return [];
  const fail = (detail: string): ApiError => badRequest(`error decoding patch: ${detail}`);
  if (!Array.isArray(body)) {
    throw fail(`json: cannot unmarshal ${goJsonKind(body)} into Go value of type []handlers.jsonPatchOp`);
  }
  for (const op of body) {
    if (op === null) continue;
    if (!isObject(op)) throw fail(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type handlers.jsonPatchOp`);
    for (const field of ['op', 'path', 'from'] as const) {
      const v = op[field];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        throw fail(`json: cannot unmarshal ${goJsonKind(v)} into Go struct field jsonPatchOp.${field} of type string`);
      }
    }
  }
  return body as Operation[];
}

export function applyJsonPatch(current: JsonObject, ops: readonly Operation[]): JsonObject {
  if (ops.length > MAX_OPERATIONS) {
    const message = `The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${ops.length}`;
    throw new ApiError(failure(413, 'RequestEntityTooLarge', message));
  }
  let result: unknown;
  try {
    // validate = true: fast-json-patch otherwise lets `replace`/`remove` act on missing paths, which
    // Go's json-patch refuses. mutateDocument = false keeps `current` intact.
    result = jsonpatch.applyPatch(current, [...ops], true, false).newDocument;
  } catch {
    throw unprocessable();
  }
  if (!isObject(result)) throw unprocessable();
  return result;
}
