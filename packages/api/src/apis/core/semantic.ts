// Semantic equality as apimachinery's equality.Semantic sees JSON objects: an absent field, null,
// an empty list and an empty map all mean "unset", and key order does not matter.

function isUnset(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** A canonical form: unset members dropped, keys sorted. */
export function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const child = normalize((v as Record<string, unknown>)[k]);
    if (!isUnset(child)) out[k] = child;
  }
  return out;
}

/** The canonical JSON text of a value: equal texts mean semantically equal values. */
export function canonicalJson(v: unknown): string {
  const n = normalize(v);
  return isUnset(n) ? 'null' : JSON.stringify(n);
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * A short diff of two objects' top-level fields, in the spirit of the go-cmp diff Kubernetes
 * appends to immutability errors: `-` lines for the old value, `+` for the new.
 */
export function describeDiff(typeName: string, oldObj: object, newObj: object): string {
  const o = normalize(oldObj) as Record<string, unknown>;
  const n = normalize(newObj) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])].sort();
  const lines = [`  ${typeName}{`];
  for (const k of keys) {
    const before = JSON.stringify(o[k]);
    const after = JSON.stringify(n[k]);
    if (before === after) continue;
    if (before !== undefined) lines.push(`- \t${k}: ${before},`);
    if (after !== undefined) lines.push(`+ \t${k}: ${after},`);
  }
  lines.push('  }');
  return lines.join('\n') + '\n';
}
