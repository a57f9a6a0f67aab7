// The in-memory index of the MVCC store (etcd's treeIndex): for every key, the revisions at which
// it changed, in key order. The newest value of each key is kept here too, so reads at the
// current revision never touch the disk; older values live on disk under their revision.
import sortedBtree from 'sorted-btree';

type BTreeClass = typeof sortedBtree.default;
// sorted-btree is CommonJS: Node hands us module.exports (class on `default`), vitest the class
const BTree: BTreeClass =
  (sortedBtree as unknown as { default?: BTreeClass }).default ?? (sortedBtree as unknown as BTreeClass);
type BTree<K, V> = InstanceType<typeof BTree<K, V>>;
import type { KeyRange, KeyValue } from './types.js';

/** Where one change of a key is stored: main revision and its index within the txn. */
export interface RevisionPointer {
  main: number;
  sub: number;
  tombstone: boolean;
}

export type ValueAt =
  | { kind: 'absent' }
  | { kind: 'memory'; kv: KeyValue }
  | { kind: 'disk'; at: RevisionPointer };

const ABSENT: ValueAt = { kind: 'absent' };

/** A key's history: its changes in revision order and its newest value. */
export class KeyHistory {
  readonly changes: RevisionPointer[] = [];
  /** the value at the newest change; null when that change is a deletion */
  latest: KeyValue | null = null;

  constructor(readonly key: Buffer) {}

  get lastRevision(): number {
    return this.changes.length === 0 ? 0 : this.changes[this.changes.length - 1]!.main;
  }

  record(kv: KeyValue | null, main: number, sub: number): void {
    this.changes.push({ main, sub, tombstone: kv === null });
    this.latest = kv;
  }

  /** The key's value as of revision `rev`. */
  valueAt(rev: number): ValueAt {
    const changes = this.changes;
    const n = changes.length;
    if (n === 0) return ABSENT;
    if (changes[n - 1]!.main <= rev) return this.latest === null ? ABSENT : { kind: 'memory', kv: this.latest };
    // binary search for the newest change at or below rev
    let lo = 0;
    let hi = n - 2;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid]!.main <= rev) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0 || changes[found]!.tombstone) return ABSENT;
    return { kind: 'disk', at: changes[found]! };
  }

  /**
   * Forgets changes that compaction at `rev` makes unreachable: all but the newest change at or
   * below rev, and that one too if it is a deletion. Returns the dropped changes.
   */
  compact(rev: number): RevisionPointer[] {
    let keepFrom = 0;
    for (let i = this.changes.length - 1; i >= 0; i--) {
      if (this.changes[i]!.main <= rev) {
        keepFrom = this.changes[i]!.tombstone ? i + 1 : i;
        break;
      }
    }
    return keepFrom === 0 ? [] : this.changes.splice(0, keepFrom);
  }
}

/**
 * Keys are held as latin1 strings: one char per byte, so JavaScript's string order is exactly
 * etcd's bytewise (memcmp) order, and Map/BTree lookups stay fast.
 */
export const keyString = (key: Buffer): string => key.toString('latin1');

export class KeyIndex {
  private readonly tree = new BTree<string, KeyHistory>();

  get size(): number {
    return this.tree.size;
  }

  get(key: Buffer): KeyHistory | undefined {
    return this.tree.get(keyString(key));
  }

  getOrCreate(key: Buffer): KeyHistory {
    const k = keyString(key);
    let h = this.tree.get(k);
    if (h === undefined) {
      h = new KeyHistory(key);
      this.tree.set(k, h);
    }
    return h;
  }

  remove(key: Buffer): void {
    this.tree.delete(keyString(key));
  }

  /** Visits every key history in the range in key order; return true from fn to stop. */
  forRange(range: KeyRange, fn: (h: KeyHistory) => boolean | void): void {
    if (range.end === null) {
      const h = this.get(range.key);
      if (h !== undefined) fn(h);
      return;
    }
    const low = keyString(range.key);
    const openEnded = range.end.length === 0;
    const high = openEnded ? this.tree.maxKey() : keyString(range.end);
    if (high === undefined || high < low) return;
    this.tree.forRange(low, high, openEnded, (_k, h) => (fn(h) === true ? { break: true } : undefined));
  }

  *all(): IterableIterator<KeyHistory> {
    for (const [, h] of this.tree.entries()) yield h;
  }
}
