// Range semantics over one revision of the index: count is the whole range, limit truncates after
// the optional min/max filters and sorting, as etcd's apply layer does.
import { EtcdError } from '../errors.js';
import type { KeyHistory, ValueAt } from './key-index.js';
import { SortOrder, SortTarget, type KeyValue, type RangeOptions } from './types.js';

/** Resolves index entries to values, reading older ones from disk. */
export type ValueLoader = (entries: ValueAt[]) => Promise<KeyValue[]>;

export const defaultRangeOptions: RangeOptions = {
  limit: 0,
  revision: 0,
  sortOrder: SortOrder.NONE,
  sortTarget: SortTarget.KEY,
  keysOnly: false,
  countOnly: false,
  minModRevision: 0,
  maxModRevision: 0,
  minCreateRevision: 0,
  maxCreateRevision: 0,
};

export interface RangeSelection {
  entries: ValueAt[];
  count: number;
}

export function selectAt(histories: KeyHistory[], rev: number): RangeSelection {
  const entries: ValueAt[] = [];
  for (const h of histories) {
    const v = h.valueAt(rev);
    if (v.kind !== 'absent') entries.push(v);
  }
  return { entries, count: entries.length };
}

function effectiveOrder(o: RangeOptions): SortOrder {
  // etcdctl --sort-by=CREATE sends order NONE; etcd sorts ascending then
  if (o.sortOrder === SortOrder.NONE && o.sortTarget !== SortTarget.KEY) return SortOrder.ASCEND;
  return o.sortOrder;
}

function hasFilters(o: RangeOptions): boolean {
  return o.minModRevision !== 0 || o.maxModRevision !== 0 || o.minCreateRevision !== 0 || o.maxCreateRevision !== 0;
}

function passesFilters(kv: KeyValue, o: RangeOptions): boolean {
  if (o.minModRevision !== 0 && kv.mod_revision < o.minModRevision) return false;
  if (o.maxModRevision !== 0 && kv.mod_revision > o.maxModRevision) return false;
  if (o.minCreateRevision !== 0 && kv.create_revision < o.minCreateRevision) return false;
  if (o.maxCreateRevision !== 0 && kv.create_revision > o.maxCreateRevision) return false;
  return true;
}

function sortKey(kv: KeyValue, target: SortTarget): number | Buffer {
  switch (target) {
    case SortTarget.KEY:
      return kv.key;
    case SortTarget.VERSION:
      return kv.version;
    case SortTarget.CREATE:
      return kv.create_revision;
    case SortTarget.MOD:
      return kv.mod_revision;
    case SortTarget.VALUE:
      return kv.value;
  }
}

function compareBy(target: SortTarget): (a: KeyValue, b: KeyValue) => number {
  return (a, b) => {
    const x = sortKey(a, target);
    const y = sortKey(b, target);
    return typeof x === 'number' ? x - (y as number) : Buffer.compare(x, y as Buffer);
  };
}

export interface Shaped {
  kvs: KeyValue[];
  more: boolean;
}

/**
 * Applies filters, sort, limit and keys_only to a selection, loading only the values needed. As in
 * etcd, how much is fetched depends on the *requested* order: with order NONE only limit+1 keys (in
 * key order) are fetched, and a non-KEY target then sorts just those.
 */
export async function shape(sel: RangeSelection, o: RangeOptions, load: ValueLoader): Promise<Shaped> {
  if (o.countOnly) return { kvs: [], more: false };
  const fullFetch = o.sortOrder !== SortOrder.NONE || hasFilters(o);
  const wanted = !fullFetch && o.limit > 0 ? sel.entries.slice(0, o.limit + 1) : sel.entries;
  let kvs = await load(wanted);
  if (hasFilters(o)) kvs = kvs.filter((kv) => passesFilters(kv, o));
  const order = effectiveOrder(o);
  if (order !== SortOrder.NONE) {
    const cmp = compareBy(o.sortTarget);
    kvs.sort(order === SortOrder.ASCEND ? cmp : (a, b) => cmp(b, a));
  }
  let more = false;
  if (o.limit > 0 && kvs.length > o.limit) {
    more = true;
    kvs = kvs.slice(0, o.limit);
  }
  if (o.keysOnly) kvs = kvs.map((kv) => ({ ...kv, value: EMPTY }));
  return { kvs, more };
}

const EMPTY = Buffer.alloc(0);

/** The error for a value that compaction removed while a read was resolving it. */
export const compactedDuringRead = (): EtcdError => new EtcdError('COMPACTED', 'value compacted during read');
