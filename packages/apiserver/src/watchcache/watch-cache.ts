// The cache proper: the current object of every key of one resource, the revision the cache has
// reached, and the history ring (k8s.io/apiserver's watchCache). It is only ever changed by the
// reflector (replace on a list, apply per store event), synchronously, so a reader that takes a
// snapshot and registers a watcher in the same tick can never miss or duplicate an event.
import { tooOld, type StoredObject, type WatchEvent } from '../storage/index.js';
import { CacheEvent, type ChangeType, type ObjectPredicate } from './cache-event.js';
import { EventRing } from './event-ring.js';

/** The etcd key an object is stored under (events and list items do not carry it). */
export type KeyOf = (obj: StoredObject) => string;

/** A watch key: a prefix ending in '/' covers every key below it, anything else one exact key. */
export function keyMatches(watchKey: string, key: string): boolean {
  return watchKey.endsWith('/') ? key.startsWith(watchKey) : key === watchKey;
}

export class WatchCache {
  private readonly objects = new Map<string, StoredObject>();
  /** Keys in etcd (byte) order; rebuilt lazily after a key appears or disappears. */
  private sortedKeys: string[] | null = null;
  private readonly history: EventRing<CacheEvent>;
  private rv = 0;
  /**
   * The oldest resourceVersion a watch can resume from with nothing missing: the list revision
   * until an event is evicted from the history, then the revision of the last evicted event.
   */
  private resumableFrom = 0;
  /** One shared synthetic ADDED event per object version, for "get state" watches. */
  private readonly addedEvents = new WeakMap<StoredObject, WatchEvent>();

  constructor(
    historyCapacity: number,
    private readonly keyOf: KeyOf,
  ) {
    this.history = new EventRing<CacheEvent>(historyCapacity);
  }

  get resourceVersion(): number {
    return this.rv;
  }

  get size(): number {
    return this.objects.size;
  }

  /** A fresh list: everything known before is dropped, history included (the gap is unknown). */
  replace(items: StoredObject[], rv: number): void {
    this.objects.clear();
    for (const obj of items) this.objects.set(this.keyOf(obj), obj);
    this.sortedKeys = null;
    this.history.clear();
    this.rv = rv;
    this.resumableFrom = rv;
  }

  /** Applies one store event; null when it is older than the cache (already reflected). */
  apply(ev: WatchEvent): CacheEvent | null {
    const rv = Number(ev.resourceVersion);
    if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') return null;
    if (!Number.isSafeInteger(rv) || rv < this.rv) return null;
    const key = this.keyOf(ev.object);
    const prev = this.objects.get(key);
    let type: ChangeType = ev.type;
    if (type === 'DELETED') {
      this.objects.delete(key);
    } else {
      // The cache, not etcd's create_revision, decides ADDED vs MODIFIED: it is what watchers saw.
      type = prev === undefined ? 'ADDED' : 'MODIFIED';
      this.objects.set(key, ev.object);
    }
    // Only a key appearing or disappearing invalidates the order; updates leave it as it was.
    if ((prev === undefined) !== (type === 'DELETED')) this.sortedKeys = null;
    const change = new CacheEvent(type, key, rv, ev.object, prev);
    const evicted = this.history.push(change);
    if (evicted) this.resumableFrom = Math.max(this.resumableFrom, evicted.rv);
    this.rv = rv;
    return change;
  }

  /** Progress without events (an etcd progress notification); true when the cache moved on. */
  advance(rv: number): boolean {
    if (rv <= this.rv) return false;
    this.rv = rv;
    return true;
  }

  /** Every change after `rv`, for a watcher resuming there; 410 when some are no longer kept. */
  eventsSince(rv: number): CacheEvent[] {
    if (rv < this.resumableFrom) throw tooOld(rv, this.resumableFrom);
    return this.history.since(rv);
  }

  /** The current object at exactly `key`. Shared reference: never mutate. */
  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  /** Current objects under `watchKey` in key order, filtered. Shared references: never mutate. */
  list(watchKey: string, predicate?: ObjectPredicate): StoredObject[] {
    const out: StoredObject[] = [];
    for (const key of this.keysUnder(watchKey)) {
      const obj = this.objects.get(key);
      if (obj !== undefined && (!predicate || predicate(obj))) out.push(obj);
    }
    return out;
  }

  /** The synthetic ADDED events a "get state and start at most recent" watch begins with. */
  initialEvents(watchKey: string, predicate?: ObjectPredicate): WatchEvent[] {
    return this.list(watchKey, predicate).map((obj) => this.addedEvent(obj));
  }

  private addedEvent(obj: StoredObject): WatchEvent {
    let ev = this.addedEvents.get(obj);
    if (!ev) {
      ev = { type: 'ADDED', object: obj, resourceVersion: obj.metadata.resourceVersion ?? '' };
      this.addedEvents.set(obj, ev);
    }
    return ev;
  }

  private keysUnder(watchKey: string): string[] {
    if (!watchKey.endsWith('/')) return this.objects.has(watchKey) ? [watchKey] : [];
    const keys = this.sorted();
    // Binary-search the first key ≥ the prefix; the matching keys follow contiguously.
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as string) < watchKey) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < keys.length && (keys[end] as string).startsWith(watchKey)) end++;
    return keys.slice(lo, end);
  }

  private sorted(): string[] {
    // Kubernetes names and namespaces are ASCII, where UTF-16 order equals etcd's byte order.
    this.sortedKeys ??= [...this.objects.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sortedKeys;
  }
}
