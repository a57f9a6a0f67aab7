import { describe, expect, it } from 'vitest';
import { isApiError, type ApiError } from '../errors.js';
import type { JsonObject } from './json.js';
import { schemaFor } from './schema-table.js';
import { strategicMerge } from './smp.js';

const pod = schemaFor({ group: '', kind: 'Pod' });
const cm = schemaFor({ group: '', kind: 'ConfigMap' });

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const spec = (o: JsonObject): JsonObject => o.spec as JsonObject;
const base = (): JsonObject => ({
  metadata: { name: 'p', finalizers: ['a', 'b'] },
  spec: {
    containers: [
      { name: 'one', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
      { name: 'two', image: 'y' },
    ],
    volumes: [{ name: 'v', emptyDir: {} }],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  },
});

describe('maps', () => {
  it('merge recursively and delete with null', () => {
    const out = strategicMerge({ a: { b: 1, c: 2 }, d: 1 }, { a: { b: null, e: 3 }, d: null }, cm);
    expect(out).toEqual({ a: { c: 2, e: 3 } });
  });
  it('$patch: replace replaces the map', () => {
    const out = strategicMerge({ data: { a: '1', b: '2' } }, { data: { $patch: 'replace', c: '3' } }, cm);
    expect(out).toEqual({ data: { c: '3' } });
  });
  it('$patch: delete empties the map', () => {
    expect(strategicMerge({ data: { a: '1' }, x: 1 }, { data: { $patch: 'delete' } }, cm)).toEqual({ data: {}, x: 1 });
  });
  it('an unknown $patch value is an error the server does not map (500)', () => {
    const e = caught(() => strategicMerge({ data: {} }, { data: { $patch: 'bogus' } }, cm));
    expect(e.code).toBe(500);
    expect(e.message).toBe('unknown patch type: bogus in map: map[$patch:bogus]');
  });
  it('$retainKeys clears the keys it does not list', () => {
    const current = { spec: { volumes: [{ name: 'v', emptyDir: {} }] } };
    const patch = { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/x' } }] } };
    expect(spec(strategicMerge(current, patch, pod)).volumes).toEqual([{ name: 'v', hostPath: { path: '/x' } }]);
  });
  it('$retainKeys must list every key the patch sets', () => {
    const e = caught(() => strategicMerge({ a: {} }, { a: { $retainKeys: ['x'], y: 1 } }, cm));
    expect([e.code, e.message]).toEqual([400, 'invalid patch format of retainKeys']);
    expect(caught(() => strategicMerge({ a: {} }, { a: { $retainKeys: 'x' } }, cm)).code).toBe(400);
  });
  it('drops nulls and directives in values new to the object', () => {
    const out = strategicMerge({}, { spec: { affinity: { nodeAffinity: null, x: { $patch: 'delete' } }, $unknown: 1 } }, pod);
    expect(out).toEqual({ spec: { affinity: { x: {} } } });
  });
});

describe('lists with a merge key', () => {
  it('merge items by key, recursively', () => {
    const patch = { spec: { containers: [{ name: 'one', env: [{ name: 'B', value: '3' }], image: 'x2' }] } };
    const c = spec(strategicMerge(base(), patch, pod)).containers as JsonObject[];
    expect(c[0]).toEqual({ name: 'one', image: 'x2', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }], ports: [{ containerPort: 80 }] });
    expect(c[1]).toEqual({ name: 'two', image: 'y' });
  });
  it('put items new to the list first when no $setElementOrder is given (as upstream)', () => {
    const c = spec(strategicMerge(base(), { spec: { containers: [{ name: 'zero', image: 'z' }] } }, pod)).containers as JsonObject[];
    expect(c.map((x) => x.name)).toEqual(['zero', 'one', 'two']);
  });
  it('$patch: delete removes an item; $patch: replace replaces the list', () => {
    const deleted = spec(strategicMerge(base(), { spec: { containers: [{ name: 'one', $patch: 'delete' }] } }, pod));
    expect((deleted.containers as JsonObject[]).map((x) => x.name)).toEqual(['two']);
    const replaced = spec(strategicMerge(base(), { spec: { containers: [{ name: 'n', image: 'i' }, { $patch: 'replace' }] } }, pod));
    expect(replaced.containers).toEqual([{ name: 'n', image: 'i' }]);
  });
  it('$setElementOrder reorders, with or without a patch list', () => {
    const reordered = spec(strategicMerge(base(), { spec: { '$setElementOrder/containers': [{ name: 'two' }, { name: 'one' }] } }, pod));
    expect((reordered.containers as JsonObject[]).map((x) => x.name)).toEqual(['two', 'one']);
    const added = spec(
      strategicMerge(base(), { spec: { '$setElementOrder/containers': [{ name: 'one' }, { name: 'new' }, { name: 'two' }], containers: [{ name: 'new', image: 'n' }] } }, pod),
    );
    expect((added.containers as JsonObject[]).map((x) => x.name)).toEqual(['one', 'new', 'two']);
  });
  it('rejects a patch list that contradicts $setElementOrder', () => {
    const e = caught(() =>
      strategicMerge(base(), { spec: { '$setElementOrder/containers': [{ name: 'one' }], containers: [{ name: 'two', image: 'q' }] } }, pod),
    );
    expect(e.code).toBe(500);
    expect(e.message).toContain("doesn't match $setElementOrder list");
  });
  it('requires the merge key on every patch item', () => {
    const e = caught(() => strategicMerge(base(), { spec: { containers: [{ image: 'nginx' }] } }, pod));
    expect([e.code, e.reason, e.message]).toEqual([500, '', 'map: map[image:nginx] does not contain declared merge key: name']);
  });
  it('merges container ports by containerPort and conditions by type', () => {
    const current = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }] }, status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    const patch = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const out = strategicMerge(current, patch, pod);
    expect(out).toEqual({
      spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http', hostPort: 8080 }] }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });
  it('rejects lists of lists with the generic 422', () => {
    expect(caught(() => strategicMerge({ metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, pod)).code).toBe(422);
  });
});

describe('lists without a merge key', () => {
  it('replace atomically (tolerations)', () => {
    const out = spec(strategicMerge(base(), { spec: { tolerations: [{ key: 'other', operator: 'Exists' }] } }, pod));
    expect(out.tolerations).toEqual([{ key: 'other', operator: 'Exists' }]);
  });
});

describe('primitive lists with strategy merge (finalizers)', () => {
  it('merge as a set', () => {
    const meta = strategicMerge(base(), { metadata: { finalizers: ['b', 'c'] } }, pod).metadata as JsonObject;
    expect(meta.finalizers).toEqual(['a', 'b', 'c']);
  });
  it('$deleteFromPrimitiveList removes values', () => {
    const meta = strategicMerge(base(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, pod).metadata as JsonObject;
    expect(meta.finalizers).toEqual(['b']);
  });
  it('a malformed directive key is a 400', () => {
    const e = caught(() => strategicMerge(base(), { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } }, pod));
    expect([e.code, e.message]).toEqual([400, 'invalid patch format of primitive list']);
    expect(caught(() => strategicMerge(base(), { metadata: { $setElementOrderfinalizers: [] } }, pod)).message).toBe(
      'invalid patch format of setElementOrder list',
    );
  });
});

it('never modifies its inputs', () => {
  const current = base();
  const snapshot = JSON.stringify(current);
  const patch = { spec: { containers: [{ name: 'one', image: 'q' }] } };
  strategicMerge(current, patch, pod);
  expect(JSON.stringify(current)).toBe(snapshot);
  expect(patch).toEqual({ spec: { containers: [{ name: 'one', image: 'q' }] } });
});
