// metav1.Table as `kubectl get` receives it: columns, one row per object, and the object in the
// form includeObject asks for.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_COLUMNS, type KObject, type Strategy, type TablePrinter } from './strategy.js';
import { parseIncludeObject, toTable } from './table.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const cm = (name: string): KObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2024-05-01T11:00:00Z' }, data: { k: 'v' },
});

const PRINTER: TablePrinter = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
    { name: 'Data', type: 'integer', format: '', description: '', priority: 0 },
  ],
  cells: (o, now) => [o.metadata.name, Object.keys((o.data ?? {}) as object).length, now.toISOString()],
};

describe('parseIncludeObject', () => {
  it('defaults to Metadata and accepts the three values', () => {
    expect(parseIncludeObject(undefined)).toBe('Metadata');
    expect(parseIncludeObject('')).toBe('Metadata');
    expect(parseIncludeObject('None')).toBe('None');
    expect(parseIncludeObject('Object')).toBe('Object');
  });

  it('rejects anything else (values are case-sensitive)', () => {
    expect(parseIncludeObject('object')).toBeUndefined();
    expect(parseIncludeObject('All')).toBeUndefined();
  });
});

describe('toTable', () => {
  it('uses Kubernetes\' default Name / Created At columns without a printer', () => {
    const t = toTable({}, [cm('a'), cm('b')], { include: 'None', version: 'v1', now: NOW });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.columnDefinitions?.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', 'name'], ['Created At', 'date', '']]);
    expect(t.columnDefinitions).toBe(DEFAULT_TABLE_COLUMNS);
    expect(t.rows).toEqual([{ cells: ['a', '2024-05-01T11:00:00Z'] }, { cells: ['b', '2024-05-01T11:00:00Z'] }]);
  });

  it('prints a missing creation time as null', () => {
    const t = toTable({}, [{ metadata: { name: 'x' } }], { include: 'None', version: 'v1', now: NOW });
    expect(t.rows[0]?.cells).toEqual(['x', null]);
  });

  it('uses the kind\'s printer, handing it the request time', () => {
    const strategy: Strategy = { table: PRINTER };
    const t = toTable(strategy, [cm('a')], { include: 'None', version: 'v1', now: NOW });
    expect(t.columnDefinitions).toBe(PRINTER.columns);
    expect(t.rows[0]?.cells).toEqual(['a', 1, '2024-05-01T12:00:00.000Z']);
  });

  it('embeds PartialObjectMetadata in the Table\'s version for includeObject=Metadata', () => {
    for (const version of ['v1', 'v1beta1']) {
      const t = toTable({}, [cm('a')], { include: 'Metadata', version, now: NOW });
      expect(t.rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: cm('a').metadata });
    }
  });

  it('embeds the whole object for includeObject=Object and nothing for None', () => {
    expect(toTable({}, [cm('a')], { include: 'Object', version: 'v1', now: NOW }).rows[0]?.object).toEqual(cm('a'));
    expect(toTable({}, [cm('a')], { include: 'None', version: 'v1', now: NOW }).rows[0]).not.toHaveProperty('object');
  });

  it('leaves column definitions out for watch events after the first', () => {
    const t = toTable({ table: PRINTER }, [cm('a')], { include: 'Metadata', version: 'v1', now: NOW, noHeaders: true });
    expect(t).not.toHaveProperty('columnDefinitions');
    expect(t.rows).toHaveLength(1);
  });

  it('carries list metadata, and is an empty table for no objects', () => {
    const t = toTable({}, [], { include: 'Metadata', version: 'v1', now: NOW }, { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(t.metadata).toEqual({ resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(t.rows).toEqual([]);
    expect(t.columnDefinitions).toHaveLength(2);
  });
});
