// The informer's local cache, after client-go's cache.Indexer (threadSafeMap + indexers): objects
// by key (`namespace/name`, or `name` for cluster-scoped ones) plus secondary indexes from an
// index name and value to the keys whose objects produce that value. Node runs one thread, so
// "thread safe" reduces to keeping every index consistent within each synchronous call.
import type { KubeObject } from '@kubelite/api';
import { informerError } from './errors.js';

/**
 * What onDelete receives when the informer missed the DELETED event (it happened while the
 * watch was down and a re-list no longer contained the object): the key and the last state seen.
 */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

export type KeyFunc<T> = (obj: T) => string;
export type IndexFunc<T> = (obj: T) => readonly string[];
export type Indexers<T> = Readonly<Record<string, IndexFunc<T>>>;

export const NAMESPACE_INDEX = 'namespace';

/** cache.MetaNamespaceKeyFunc: `namespace/name`, or `name` when there is no namespace. */
export function metaNamespaceKeyFunc(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): string {
  if (obj instanceof DeletedFinalStateUnknown) return obj.key;
  const { name, namespace } = obj.metadata;
  if (!name) throw informerError('NO_KEY');
  return namespace ? `${namespace}/${name}` : name;
}

/** The inverse of metaNamespaceKeyFunc. */
export function splitMetaNamespaceKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** cache.MetaNamespaceIndexFunc: cluster-scoped objects index under "". */
export function metaNamespaceIndexFunc(obj: KubeObject): readonly string[] {
  return [obj.metadata.namespace ?? ''];
}

/** The object inside a tombstone, or the object itself. */
export function unwrapTombstone<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

/** Read access to an informer's cache; what listers and controllers are given. */
export interface Store<T> {
  get(obj: T): T | undefined;
  getByKey(key: string): T | undefined;
  list(): T[];
  listKeys(): string[];
}

export class Indexer<T extends KubeObject = KubeObject> implements Store<T> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  /** The namespace index is always built; `indexers` may replace it or add others. */
  constructor(
    indexers: Indexers<T> = {},
    readonly keyFunc: KeyFunc<T> = metaNamespaceKeyFunc,
  ) {
    this.addIndexers({ [NAMESPACE_INDEX]: metaNamespaceIndexFunc, ...indexers });
  }

  get size(): number {
    return this.items.size;
  }

  /** Adds or replaces obj under its key. */
  add(obj: T): void {
    const key = this.keyFunc(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.reindex(key, old, obj);
  }

  update(obj: T): void {
    this.add(obj);
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    const key = obj instanceof DeletedFinalStateUnknown ? obj.key : this.keyFunc(obj);
    this.deleteByKey(key);
  }

  deleteByKey(key: string): void {
    const old = this.items.get(key);
    if (old === undefined) return;
    this.items.delete(key);
    this.reindex(key, old, undefined);
  }

  /** Makes the cache exactly `items` (a re-list), rebuilding every index. */
  replace(items: readonly T[]): void {
    this.items.clear();
    for (const obj of items) this.items.set(this.keyFunc(obj), obj);
    for (const name of this.indexers.keys()) this.rebuild(name);
  }

  get(obj: T): T | undefined {
    return this.items.get(this.keyFunc(obj));
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  /** Objects whose index function yields `value` for index `indexName`. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((k) => this.items.get(k)!);
  }

  indexKeys(indexName: string, value: string): string[] {
    const index = this.indexNamed(indexName);
    return [...(index.get(value) ?? [])];
  }

  /** Objects sharing any index value with obj (cache.Indexer.Index). */
  index(indexName: string, obj: T): T[] {
    const index = this.indexNamed(indexName);
    const keys = new Set<string>();
    for (const v of this.indexers.get(indexName)!(obj)) for (const k of index.get(v) ?? []) keys.add(k);
    return [...keys].map((k) => this.items.get(k)!);
  }

  /** Every value the index currently holds. */
  listIndexFuncValues(indexName: string): string[] {
    return [...this.indexNamed(indexName).keys()];
  }

  /** Registers more indexes (built at once over what is cached); names must be new. */
  addIndexers(indexers: Indexers<T>): void {
    for (const name of Object.keys(indexers)) if (this.indexers.has(name)) throw informerError('INDEX_EXISTS', name);
    for (const [name, fn] of Object.entries(indexers)) {
      this.indexers.set(name, fn);
      this.rebuild(name);
    }
  }

  getIndexers(): Indexers<T> {
    return Object.fromEntries(this.indexers);
  }

  private indexNamed(name: string): Map<string, Set<string>> {
    const index = this.indices.get(name);
    if (!index) throw informerError('UNKNOWN_INDEX', name);
    return index;
  }

  private rebuild(name: string): void {
    const index = new Map<string, Set<string>>();
    this.indices.set(name, index);
    const fn = this.indexers.get(name)!;
    for (const [key, obj] of this.items) for (const v of fn(obj)) addTo(index, v, key);
  }

  private reindex(key: string, old: T | undefined, next: T | undefined): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      const before = old === undefined ? [] : fn(old);
      const after = next === undefined ? [] : fn(next);
      // Most updates leave index values alone (status writes): skip the churn then.
      if (before.length === after.length && before.every((v, i) => v === after[i])) continue;
      for (const v of before) removeFrom(index, v, key);
      for (const v of after) addTo(index, v, key);
    }
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}

function removeFrom(index: Map<string, Set<string>>, value: string, key: string): void {
  const keys = index.get(value);
  if (!keys) return;
  keys.delete(key);
  // Drop empty sets so a namespace that empties out does not linger in listIndexFuncValues.
  if (keys.size === 0) index.delete(value);
}
