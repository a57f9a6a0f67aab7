// Listers: the read side controllers use instead of the API (client-go's generic listers). They
// read the informer's cache, so they cost nothing and never see a state older than the events
// the controller has been handed. Objects are shared with the cache: never mutate them.
import { parseLabelSelector, type KubeObject, type LabelsSelector } from '@kubelite/api';
import { NAMESPACE_INDEX, type Indexer } from './store.js';

export type SelectorInput = LabelsSelector | string | undefined;

function selectorOf(s: SelectorInput): LabelsSelector | undefined {
  if (s === undefined || s === '') return undefined;
  return typeof s === 'string' ? parseLabelSelector(s) : s;
}

function filter<T extends KubeObject>(objs: T[], s: SelectorInput): T[] {
  const sel = selectorOf(s);
  return sel ? objs.filter((o) => sel.matches(o.metadata.labels)) : objs;
}

export class Lister<T extends KubeObject = KubeObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** Every cached object (all namespaces) matching the label selector. */
  list(selector?: SelectorInput): T[] {
    return filter(this.indexer.list(), selector);
  }

  /** A cluster-scoped object by name. */
  get(name: string): T | undefined {
    return this.indexer.getByKey(name);
  }

  namespace(ns: string): NamespaceLister<T> {
    return new NamespaceLister<T>(this.indexer, ns);
  }
}

export class NamespaceLister<T extends KubeObject = KubeObject> {
  constructor(
    private readonly indexer: Indexer<T>,
    readonly ns: string,
  ) {}

  list(selector?: SelectorInput): T[] {
    return filter(this.indexer.byIndex(NAMESPACE_INDEX, this.ns), selector);
  }

  get(name: string): T | undefined {
    return this.indexer.getByKey(`${this.ns}/${name}`);
  }
}
