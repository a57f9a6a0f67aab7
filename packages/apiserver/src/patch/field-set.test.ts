import { describe, expect, it } from 'vitest';
import { fieldPE, keyPE, pathString, valuePE } from './field-path.js';
import { FieldSet } from './field-set.js';

const f = fieldPE;

describe('FieldSet', () => {
  it('serializes as fieldsV1: "." first, fields before keys before values', () => {
    const s = FieldSet.of(
      [f('spec'), f('containers'), keyPE({ name: 'nginx' })],
      [f('spec'), f('containers'), keyPE({ name: 'nginx' }), f('name')],
      [f('spec'), f('containers'), keyPE({ name: 'nginx' }), f('image')],
      [f('metadata'), f('labels'), f('app')],
      [f('metadata'), f('finalizers'), valuePE('b')],
      [f('metadata'), f('finalizers'), valuePE('a')],
    );
    expect(JSON.stringify(s.toFieldsV1())).toBe(
      '{"f:metadata":{"f:finalizers":{"v:\\"a\\"":{},"v:\\"b\\"":{}},"f:labels":{"f:app":{}}},' +
        '"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
    );
  });
  it('round-trips through fieldsV1', () => {
    const v1 = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } };
    const s = FieldSet.fromFieldsV1(v1);
    expect(s.has([f('metadata'), f('labels')])).toBe(true);
    expect(s.has([f('metadata')])).toBe(false);
    expect(s.toFieldsV1()).toEqual(v1);
    expect(JSON.stringify(s.toFieldsV1())).toBe(JSON.stringify(v1));
  });
  it('sorts keys by field name then value, numbers before strings', () => {
    const s = FieldSet.of(
      [f('ports'), keyPE({ protocol: 'UDP', containerPort: 53 })],
      [f('ports'), keyPE({ containerPort: 53, protocol: 'TCP' })],
      [f('ports'), keyPE({ containerPort: 8080, protocol: 'TCP' })],
      [f('ports'), keyPE({ containerPort: 443, protocol: 'TCP' })],
    );
    expect(Object.keys(s.toFieldsV1()['f:ports'] as object)).toEqual([
      'k:{"containerPort":53,"protocol":"TCP"}',
      'k:{"containerPort":53,"protocol":"UDP"}',
      'k:{"containerPort":443,"protocol":"TCP"}',
      'k:{"containerPort":8080,"protocol":"TCP"}',
    ]);
  });
  it('does set algebra on members', () => {
    const a = FieldSet.of([f('a')], [f('b'), f('c')]);
    const b = FieldSet.of([f('b'), f('c')], [f('d')]);
    expect(a.union(b).paths()).toEqual([[f('a')], [f('b'), f('c')], [f('d')]]);
    expect(a.difference(b).paths()).toEqual([[f('a')]]);
    expect(a.intersection(b).paths()).toEqual([[f('b'), f('c')]]);
    expect(a.hasAtOrBelow([f('b')])).toBe(true);
    expect(a.difference(a).isEmpty()).toBe(true);
  });
  it('escapes HTML characters in keys as Go does', () => {
    expect(keyPE({ name: 'a&b' })).toBe('k:{"name":"a\\u0026b"}');
  });
  it('prints paths as conflict messages do', () => {
    expect(pathString([f('spec'), f('replicas')])).toBe('.spec.replicas');
    expect(pathString([f('spec'), f('containers'), keyPE({ name: 'nginx' }), f('image')])).toBe('.spec.containers[name="nginx"].image');
    expect(pathString([f('ports'), keyPE({ containerPort: 80, protocol: 'TCP' })])).toBe('.ports[containerPort=80,protocol="TCP"]');
    expect(pathString([f('finalizers'), valuePE('x')])).toBe('.finalizers[="x"]');
  });
});
