// The strategic-merge and server-side-apply metadata the patch code uses (patch/schema-table.ts)
// must say what the published OpenAPI schemas say, field by field.
import { describe, expect, it } from 'vitest';
import { definition, definitionForKind, RESOURCES, type TypeNode } from '@kubelite/api';
import type { Schema } from '../patch/schema.js';
import { schemaFor } from '../patch/schema-table.js';

interface Mismatch {
  path: string;
  table: unknown;
  openapi: unknown;
}

function defName(node: TypeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.t === 'ref') return node.name;
  if (node.t === 'list') return defName(node.items);
  if (node.t === 'map') return defName(node.values);
  return undefined;
}

function compare(schema: Schema, name: string | undefined, path: string, out: Mismatch[], seen: string[]): void {
  const d = name ? definition(name) : undefined;
  for (const [key, child] of Object.entries(schema.fields ?? {})) {
    const field = d?.fields?.[key];
    const p = `${path}.${key}`;
    if (!field) {
      out.push({ path: p, table: 'declared', openapi: 'missing' });
      continue;
    }
    const m = field.type.t === 'list' ? field.type.markers : undefined;
    const strategy = child.patchStrategy?.join(',');
    if (strategy !== undefined || m?.strategy !== undefined) {
      if (strategy !== (m?.strategy ?? field.strategy)) out.push({ path: `${p} strategy`, table: strategy, openapi: m?.strategy });
    }
    if ((child.mergeKey ?? '') !== (m?.mergeKey ?? '')) out.push({ path: `${p} mergeKey`, table: child.mergeKey, openapi: m?.mergeKey });
    if (field.type.t === 'list') {
      if ((child.listType ?? 'atomic') !== (m?.listType ?? 'atomic')) out.push({ path: `${p} listType`, table: child.listType, openapi: m?.listType });
      if (child.listMapKeys && JSON.stringify(child.listMapKeys) !== JSON.stringify(m?.mapKeys)) {
        out.push({ path: `${p} mapKeys`, table: child.listMapKeys, openapi: m?.mapKeys });
      }
    }
    const next = defName(field.type);
    // Recursive kinds are finite here; the guard keeps a mistake from looping.
    if (next && !seen.includes(next)) compare(child.elem ?? child, next, p, out, [...seen, next]);
  }
}

describe('patch metadata agrees with the OpenAPI definitions', () => {
  it.each(RESOURCES.map((r) => [`${r.group}/${r.version}/${r.kind}`, r] as const))('%s', (_key, r) => {
    const def = definitionForKind({ group: r.group, version: r.version, kind: r.kind });
    expect(def).toBeDefined();
    const out: Mismatch[] = [];
    compare(schemaFor(r), def?.name, '', out, []);
    expect(out).toEqual([]);
  });
});

describe('the cross-check itself', () => {
  it('reports a merge key the definitions do not have', () => {
    const out: Mismatch[] = [];
    const wrong: Schema = { fields: { spec: { fields: { containers: { patchStrategy: ['merge'], mergeKey: 'image', listType: 'map' }, nope: {} } } } };
    compare(wrong, 'io.k8s.api.core.v1.Pod', '', out, []);
    expect(out.map((m) => m.path)).toEqual(['.spec.containers mergeKey', '.spec.nope']);
  });
});
