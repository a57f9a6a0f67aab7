// Path elements of structured-merge-diff, kept in their serialized fieldsV1 form (`f:name`,
// `k:{"name":"nginx"}`, `v:"x"`, `i:0`) because that is how managedFields store them and the form
// is canonical: key fields sorted by name, values JSON-encoded like Go (HTML characters escaped).
import { goQuote } from '@kubelite/api';
import { isObject } from './json.js';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

/** Go's encoding/json string form, which escapes <, > and & (and the JS line separators). */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v).sort().map((k) => `${goJson(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  const s = JSON.stringify(v) ?? 'null';
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const fieldPE = (name: string): PathElement => `f:${name}`;
export const keyPE = (fields: Readonly<Record<string, unknown>>): PathElement => `k:${goJson(fields)}`;
export const valuePE = (v: unknown): PathElement => `v:${goJson(v)}`;
export const indexPE = (i: number): PathElement => `i:${i}`;

const RANK: Readonly<Record<string, number>> = { f: 0, k: 1, v: 2, i: 3 };

function valueRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isObject(v)) return 4;
  return 5;
}

// structured-merge-diff's value ordering: numbers, strings, booleans, lists, maps, then null.
function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function compareKeys(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const na = ka[i];
    const nb = kb[i];
    if (na === undefined) return -1;
    if (nb === undefined) return 1;
    if (na !== nb) return na < nb ? -1 : 1;
    const c = compareValues(a[na], b[nb]);
    if (c !== 0) return c;
  }
  return 0;
}

function payload(pe: PathElement): unknown {
  try {
    return JSON.parse(pe.slice(2)) as unknown;
  } catch {
    return pe.slice(2);
  }
}

/** The order structured-merge-diff sorts path elements in: fields, keys, values, indexes. */
export function comparePE(a: PathElement, b: PathElement): number {
  const ta = a.slice(0, 1);
  const tb = b.slice(0, 1);
  if (ta !== tb) return (RANK[ta] ?? 9) - (RANK[tb] ?? 9);
  if (ta === 'f') return a < b ? -1 : a > b ? 1 : 0;
  if (ta === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  const pa = payload(a);
  const pb = payload(b);
  if (ta === 'k' && isObject(pa) && isObject(pb)) return compareKeys(pa, pb);
  return compareValues(pa, pb);
}

function valueString(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (v === null || v === undefined) return 'null';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A path as conflicts print it: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      const kind = pe.slice(0, 1);
      if (kind === 'f') return `.${pe.slice(2)}`;
      if (kind === 'i') return `[${pe.slice(2)}]`;
      const p = payload(pe);
      if (kind === 'v') return `[=${valueString(p)}]`;
      if (!isObject(p)) return pe;
      return `[${Object.keys(p).sort().map((k) => `${k}=${valueString(p[k])}`).join(',')}]`;
    })
    .join('');
}
