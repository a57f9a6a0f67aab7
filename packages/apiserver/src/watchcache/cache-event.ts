// One change applied to the watch cache, and what each watcher is sent for it. Kubernetes'
// cacheWatcher judges an event by whether the object matched the watcher's selector before and
// after the change: starts matching → ADDED, keeps matching → MODIFIED, stops matching → DELETED
// (carrying the object as the watcher last saw it, stamped with the event's resourceVersion),
// never matched → nothing. The WatchEvent for each of the three outcomes is built at most once
// and shared by every watcher, so N watchers cost one object and one serialisation, not N.
import type { StoredObject, WatchEvent } from '../storage/index.js';

export type ObjectPredicate = (obj: StoredObject) => boolean;

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export class CacheEvent {
  readonly rvString: string;
  private added?: WatchEvent;
  private modified?: WatchEvent;
  private deleted?: WatchEvent;

  constructor(
    readonly type: ChangeType,
    readonly key: string,
    readonly rv: number,
    /** ADDED/MODIFIED: the new state. DELETED: the last state, stamped with the deletion revision. */
    readonly object: StoredObject,
    /** The cache's state of the key before this change; undefined when the key was absent. */
    readonly prev: StoredObject | undefined,
  ) {
    this.rvString = String(rv);
  }

  /** What a watcher with `predicate` is sent for this change; null when it is not interested. */
  forWatcher(predicate: ObjectPredicate | undefined): WatchEvent | null {
    const matches = predicate ?? (() => true);
    const nowMatches = this.type !== 'DELETED' && matches(this.object);
    // A delete of a key the cache never held has no "before" that matched: nobody is told.
    const wasMatching = this.prev !== undefined && matches(this.prev);
    if (nowMatches) return wasMatching ? this.asModified() : this.asAdded();
    return wasMatching ? this.asDeleted() : null;
  }

  private asAdded(): WatchEvent {
    this.added ??= { type: 'ADDED', object: this.object, resourceVersion: this.rvString };
    return this.added;
  }

  private asModified(): WatchEvent {
    this.modified ??= { type: 'MODIFIED', object: this.object, resourceVersion: this.rvString };
    return this.modified;
  }

  private asDeleted(): WatchEvent {
    if (this.deleted) return this.deleted;
    // The store already stamps a deleted object with the deletion revision; an update that makes
    // the object leave the selector needs the old content re-stamped (never mutated: it is shared).
    const object = this.type === 'DELETED' || this.prev === undefined ? this.object : restamp(this.prev, this.rvString);
    this.deleted = { type: 'DELETED', object, resourceVersion: this.rvString };
    return this.deleted;
  }
}

function restamp(obj: StoredObject, resourceVersion: string): StoredObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion } };
}
