// The PATCH verb's entry points: which patch a Content-Type names, how its body is decoded, and how
// json / merge / strategic patches are applied. Error wording follows kube-apiserver's patch
// handler (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go), which decodes each body
// with Go's JSON (or YAML) decoder before applying it.
import YAML from 'yaml';
import { badRequest } from '../errors.js';
import { parseJsonLikeGo } from './go-json-syntax.js';
import { applyJsonPatch, decodeJsonPatch } from './json-patch.js';
import { deepClone, goJsonKind, isObject, type JsonObject } from './json.js';
import { mergePatch } from './merge-patch.js';
import type { GroupVersionKind } from './schema.js';
import { schemaFor } from './schema-table.js';
import { strategicMerge } from './smp.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The media types PATCH accepts, for the 415 answer to anything else. */
export const PATCH_CONTENT_TYPES: readonly string[] = Object.keys(CONTENT_TYPES);

/** The patch type a request Content-Type names (parameters such as `charset` are ignored). */
export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  if (contentType === undefined) return undefined;
  const base = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return CONTENT_TYPES[base];
}

const MAP_TARGET = 'Go value of type map[string]interface {}';

function parseJson(body: string, prefix: string): unknown {
  const r = parseJsonLikeGo(body);
  if (!r.ok) throw badRequest(`${prefix}${r.message}`);
  return r.value;
}

// YAML 1.1 as go-yaml v2 reads it (yes/no/on/off are booleans, 0777 is octal), minus the
// sexagesimal numbers and timestamps the yaml package adds but go-yaml's JSON path leaves as text.
const YAML_OPTIONS = {
  version: '1.1' as const,
  merge: true,
  uniqueKeys: false,
  customTags: (tags: YAML.Tags): YAML.Tags => tags.filter((t) => !isTimeTag(t)),
};

function isTimeTag(t: YAML.Tags[number]): boolean {
  if (typeof t === 'string') return t === 'intTime' || t === 'floatTime' || t === 'timestamp';
  return ('format' in t && t.format === 'TIME') || t.tag === 'tag:yaml.org,2002:timestamp';
}

function parseApplyYaml(body: string): JsonObject {
  const docs = YAML.parseAllDocuments(body, YAML_OPTIONS);
  const doc = Array.isArray(docs) ? docs[0] : docs;
  if (doc === undefined) return {};
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const line = problem.message.split('\n')[0] ?? problem.message;
    throw badRequest(`error decoding YAML: error converting YAML to JSON: yaml: ${line}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isObject(value)) {
    throw badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goJsonKind(value)} into ${MAP_TARGET}`,
    );
  }
  return value;
}

/**
 * Decodes a PATCH body: the operation list of a JSON patch, or the patch object of the other
 * types. Malformed bodies fail with the 400 Kubernetes answers.
 */
export function parsePatch(type: PatchType, body: string): unknown {
  switch (type) {
    case 'json':
      return decodeJsonPatch(parseJson(body, 'error decoding patch: '));
    case 'merge': {
      const v = parseJson(body, 'error decoding patch: ');
      if (v === null) throw badRequest('Invalid JSON Patch');
      if (!isObject(v)) throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonKind(v)} into ${MAP_TARGET}`);
      return v;
    }
    case 'strategic': {
      const v = parseJson(body, '');
      if (v === null) return {};
      if (!isObject(v)) throw badRequest(`json: cannot unmarshal ${goJsonKind(v)} into ${MAP_TARGET}`);
      return v;
    }
    case 'apply':
      return parseApplyYaml(body);
  }
}

function asPatchObject(type: PatchType, patch: unknown): JsonObject {
  if (isObject(patch)) return patch;
  if (type === 'merge' && patch === null) throw badRequest('Invalid JSON Patch');
  throw badRequest(`json: cannot unmarshal ${goJsonKind(patch)} into ${MAP_TARGET}`);
}

/**
 * Applies a parsed json / merge / strategic patch to a copy of `current`. `gvk` selects the
 * strategic-merge metadata (kinds without any behave like merge patch, but with SMP directives).
 */
export function applyPatch(
  type: 'json' | 'merge' | 'strategic',
  current: object,
  patch: unknown,
  gvk: GroupVersionKind,
): Record<string, unknown> {
  const base = deepClone(current) as JsonObject;
  switch (type) {
    case 'json':
      return applyJsonPatch(base, decodeJsonPatch(patch ?? null));
    case 'merge':
      return deepClone(mergePatch(base, asPatchObject(type, patch)));
    case 'strategic':
      return deepClone(strategicMerge(base, asPatchObject(type, patch), schemaFor(gvk)));
  }
}
