// Unknown fields: what Kubernetes' strict decoding reports (`unknown field "spec.foo"`) and what
// its non-strict decoding silently drops, found by walking a JSON value against the definitions.
import { definition } from './definitions.js';
import type { TypeNode } from './dsl.js';

export interface UnknownFieldsResult {
  /** Paths as upstream prints them: `spec.containers[0].imagePullPolicyy`. */
  paths: string[];
  /** The value with every unknown field removed (a copy; the input is untouched). */
  pruned: unknown;
}

export interface UnknownFieldsOptions {
  /**
   * The value is a strategic merge patch: `$patch`, `$retainKeys`, `$setElementOrder/…` and
   * `$deleteFromPrimitiveList/…` are directives, not fields.
   */
  patchDirectives?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

// A definition can refer to itself only through lists/maps of finite JSON, so depth is bounded by
// the input; the cap guards against pathological nesting all the same.
const MAX_DEPTH = 512;

function walk(node: TypeNode, value: unknown, path: string, out: string[], opts: UnknownFieldsOptions, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  switch (node.t) {
    case 'ref':
      return walkDefinition(node.name, value, path, out, opts, depth + 1);
    case 'list':
      if (!Array.isArray(value)) return value;
      return value.map((item, i) => walk(node.items, item, `${path}[${i}]`, out, opts, depth + 1));
    case 'map': {
      if (!isObject(value)) return value;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) copy[k] = walk(node.values, v, `${path}[${k}]`, out, opts, depth + 1);
      return copy;
    }
    default:
      return value;
  }
}

function walkDefinition(name: string, value: unknown, path: string, out: string[], opts: UnknownFieldsOptions, depth: number): unknown {
  const d = definition(name);
  if (!d?.fields || !isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const field = d.fields[k];
    if (field) copy[k] = walk(field.type, v, join(path, k), out, opts, depth);
    else if (opts.patchDirectives && k.startsWith('$')) copy[k] = v;
    else out.push(join(path, k));
  }
  return copy;
}

/** Unknown fields of `value` read as the definition `name` (e.g. `io.k8s.api.core.v1.Pod`). */
export function findUnknownFields(name: string, value: unknown, opts: UnknownFieldsOptions = {}): UnknownFieldsResult {
  const paths: string[] = [];
  const pruned = walkDefinition(name, value, '', paths, opts, 0);
  return { paths, pruned };
}
