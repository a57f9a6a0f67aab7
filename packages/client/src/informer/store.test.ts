import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelite/api';
import { isInformerError } from './errors.js';
import {
  DeletedFinalStateUnknown,
  Indexer,
  NAMESPACE_INDEX,
  metaNamespaceKeyFunc,
  splitMetaNamespaceKey,
  unwrapTombstone,
} from './store.js';

interface Pod extends KubeObject {
  spec?: { nodeName?: string };
}

const pod = (ns: string, name: string, nodeName?: string, rv = '1'): Pod => ({
  metadata: { namespace: ns, name, resourceVersion: rv },
  spec: { nodeName },
});

const byNode = (p: Pod): string[] => (p.spec?.nodeName ? [p.spec.nodeName] : []);
const names = (ps: Pod[]): string[] => ps.map((p) => p.metadata.name!).sort();

describe('keys', () => {
  it('uses namespace/name, or name alone for cluster-scoped objects and tombstones', () => {
    expect(metaNamespaceKeyFunc(pod('ns', 'a'))).toBe('ns/a');
    expect(metaNamespaceKeyFunc({ metadata: { name: 'node1' } })).toBe('node1');
    expect(metaNamespaceKeyFunc(new DeletedFinalStateUnknown('ns/gone', pod('ns', 'gone')))).toBe('ns/gone');
    expect(splitMetaNamespaceKey('ns/a')).toEqual({ namespace: 'ns', name: 'a' });
    expect(splitMetaNamespaceKey('node1')).toEqual({ name: 'node1' });
    expect(() => metaNamespaceKeyFunc({ metadata: {} })).toThrow(/no metadata.name/);
    expect(unwrapTombstone(new DeletedFinalStateUnknown('k', 1))).toBe(1);
  });
});

describe('Indexer', () => {
  it('stores by key and keeps the namespace index and custom indexes in step', () => {
    const idx = new Indexer<Pod>();
    idx.addIndexers({ node: byNode });
    idx.add(pod('a', 'p1', 'n1'));
    idx.add(pod('a', 'p2', 'n2'));
    idx.add(pod('b', 'p3', 'n1'));
    expect(idx.size).toBe(3);
    expect(names(idx.byIndex(NAMESPACE_INDEX, 'a'))).toEqual(['p1', 'p2']);
    expect(names(idx.byIndex('node', 'n1'))).toEqual(['p1', 'p3']);

    idx.update(pod('a', 'p1', 'n2', '2'));
    expect(names(idx.byIndex('node', 'n1'))).toEqual(['p3']);
    expect(names(idx.byIndex('node', 'n2'))).toEqual(['p1', 'p2']);
    expect(idx.getByKey('a/p1')!.metadata.resourceVersion).toBe('2');
    expect(names(idx.index('node', pod('x', 'probe', 'n2')))).toEqual(['p1', 'p2']);

    idx.delete(pod('b', 'p3'));
    expect(idx.byIndex('node', 'n1')).toEqual([]);
    expect(idx.listIndexFuncValues('node')).toEqual(['n2']);
    expect(idx.listIndexFuncValues(NAMESPACE_INDEX)).toEqual(['a']);
    idx.delete(new DeletedFinalStateUnknown('a/p2', pod('a', 'p2')));
    expect(idx.listKeys()).toEqual(['a/p1']);
    expect(idx.get(pod('a', 'p1'))).toBeDefined();
  });

  it('replace swaps the whole content and rebuilds the indexes', () => {
    const idx = new Indexer<Pod>({ node: byNode });
    idx.add(pod('a', 'old', 'n1'));
    idx.replace([pod('a', 'new1', 'n2'), pod('c', 'new2', 'n2')]);
    expect(names(idx.list())).toEqual(['new1', 'new2']);
    expect(idx.byIndex('node', 'n1')).toEqual([]);
    expect(names(idx.byIndex('node', 'n2'))).toEqual(['new1', 'new2']);
    expect(names(idx.byIndex(NAMESPACE_INDEX, 'c'))).toEqual(['new2']);
  });

  it('builds an index added late over what is cached, and rejects unknown or duplicate names', () => {
    const idx = new Indexer<Pod>();
    idx.add(pod('a', 'p1', 'n1'));
    idx.addIndexers({ node: byNode });
    expect(names(idx.byIndex('node', 'n1'))).toEqual(['p1']);
    expect(() => idx.byIndex('nope', 'x')).toThrow(/does not exist/);
    const dup = (() => {
      try {
        idx.addIndexers({ node: byNode });
      } catch (e) {
        return e;
      }
    })();
    expect(isInformerError(dup) && dup.problem).toBe('INDEX_EXISTS');
    expect(Object.keys(idx.getIndexers()).sort()).toEqual(['namespace', 'node']);
  });
});
