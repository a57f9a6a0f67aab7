// The watch cache of one resource (k8s.io/apiserver's Cacher): one store watch feeds an
// in-memory copy that answers watches and resourceVersion "0" / NotOlderThan / consistent lists,
// so a hundred watchers of pods cost etcd one watch, not a hundred. Objects are shared, never
// copied: whatever the cacher hands out (list items, event objects) must not be mutated.
import {
  parseResourceVersion,
  StorageError,
  type ListOptions,
  type ListResult,
  type ObjectStore,
  type StoredObject,
  type Watcher,
  type WatchEvent,
} from '../storage/index.js';
import type { ObjectPredicate } from './cache-event.js';
import { CacheWatcher, type EndReason } from './cache-watcher.js';
import { shouldDelegateList, type CacheListOptions } from './delegate.js';
import { Freshness } from './freshness.js';
import { ReadyGate } from './ready-gate.js';
import { Reflector, type CacherLogger } from './reflector.js';
import { WatchCache, type KeyOf } from './watch-cache.js';

export interface CacherOptions {
  store: ObjectStore;
  /** The resource's list prefix, ending in '/', e.g. '/registry/pods/'. */
  prefix: string;
  /** Events kept for watchers resuming from an older resourceVersion. Default 5000. */
  historyCapacity?: number;
  /** How long a watcher that asked for bookmarks may go without any event before it gets one. Default 60 s. */
  bookmarkIntervalMs?: number;
  /** How long a request for a resourceVersion newer than the cache waits before a 504. Default 3 s. */
  freshnessTimeoutMs?: number;
  /** How long a watch waits for the cache's first list (or a re-list) before a 503. Default 10 s. */
  readyTimeoutMs?: number;
  /** Unread live events a watcher may accumulate before its watch is ended. Default 10 000. */
  maxWatcherBuffer?: number;
  /** Where an object lives; default `<prefix>[<namespace>/]<name>`, the registry's layout. */
  keyOf?: KeyOf;
  logger?: CacherLogger;
}

export interface CacheWatchOptions {
  /** A prefix ending in '/' (the resource, or one namespace), or one object's exact key. */
  prefix: string;
  resourceVersion?: string;
  predicate?: ObjectPredicate;
  allowBookmarks?: boolean;
}

export type CacherListOptions = { prefix: string } & CacheListOptions;

const defaultKeyOf =
  (prefix: string): KeyOf =>
  (obj) => {
    const { namespace, name } = obj.metadata;
    return `${prefix}${namespace ? `${namespace}/` : ''}${name ?? ''}`;
  };

export class Cacher {
  private readonly store: ObjectStore;
  private readonly prefix: string;
  private readonly cache: WatchCache;
  private readonly reflector: Reflector;
  private readonly gate: ReadyGate;
  private readonly freshness: Freshness;
  private readonly watchers = new Set<CacheWatcher>();
  private readonly bookmarkIntervalMs: number;
  private readonly readyTimeoutMs: number;
  private readonly maxWatcherBuffer: number;
  private readonly logger: CacherLogger | undefined;
  private readonly firstReady: Promise<void>;
  private settleFirst: { resolve: () => void; reject: (err: Error) => void } | null = null;
  private bookmarkTimer: NodeJS.Timeout | null = null;
  private started = false;
  private stopped = false;

  constructor(opts: CacherOptions) {
    if (!opts.prefix.endsWith('/')) throw new Error(`watch cache prefix must end in '/': ${opts.prefix}`);
    this.store = opts.store;
    this.prefix = opts.prefix;
    this.logger = opts.logger;
    this.bookmarkIntervalMs = opts.bookmarkIntervalMs ?? 60_000;
    this.readyTimeoutMs = opts.readyTimeoutMs ?? 10_000;
    this.maxWatcherBuffer = opts.maxWatcherBuffer ?? 10_000;
    this.cache = new WatchCache(opts.historyCapacity ?? 5_000, opts.keyOf ?? defaultKeyOf(opts.prefix));
    this.gate = new ReadyGate(`watch cache for ${opts.prefix}`);
    this.freshness = new Freshness({
      current: () => this.cache.resourceVersion,
      requestProgress: () => this.store.requestWatchProgress(),
      timeoutMs: opts.freshnessTimeoutMs ?? 3_000,
      key: opts.prefix,
    });
    this.reflector = new Reflector({
      store: opts.store,
      prefix: opts.prefix,
      ...(opts.logger ? { logger: opts.logger } : {}),
      sink: {
        replace: (items, rv) => this.onReplace(items, rv),
        apply: (ev) => this.onEvent(ev),
        progress: (rv) => this.onProgress(rv),
        invalidate: () => this.onInvalidate(),
      },
    });
    this.firstReady = new Promise<void>((resolve, reject) => (this.settleFirst = { resolve, reject }));
    // Nobody may await start(); a stop() before the first list must not be an unhandled rejection.
    this.firstReady.catch(() => undefined);
  }

  /** Lists, then watches; resolves once the cache is first ready (rejects if stopped before). */
  start(): Promise<void> {
    if (!this.started && !this.stopped) {
      this.started = true;
      this.reflector.run();
      this.startBookmarks();
    }
    return this.firstReady;
  }

  /** The revision of the last event applied, of the last progress notification, or of the list. */
  get resourceVersion(): number {
    return this.cache.resourceVersion;
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Serving from the cache (false before the first list and while re-listing after a 410). */
  get ready(): boolean {
    return this.gate.ready;
  }

  /** Resolves once the cache has reached `rv`; a 504 'ResourceVersionTooLarge' StorageError after the bound. */
  waitUntilFresh(rv: number): Promise<void> {
    return this.freshness.wait(rv);
  }

  /**
   * A list from the cache, or from the store where the cache cannot answer (see delegate.ts):
   * "0" = the cache as it is; "N"/NotOlderThan N = once the cache has reached N; "" = a consistent
   * read, once the cache has reached etcd's current revision. Items in key order; `limit` ignored.
   */
  async list(opts: CacherListOptions): Promise<ListResult> {
    const { prefix: given, ...listOpts } = opts;
    const prefix = this.checkKey(given.endsWith('/') ? given : `${given}/`);
    // Values the cache does not serve are validated by the store, with its errors.
    const delegate = (): Promise<ListResult> => this.store.list(prefix, listOpts as ListOptions);
    if (shouldDelegateList(listOpts) || !this.gate.ready) return delegate();
    const rv = listOpts.resourceVersion ?? '';
    await this.freshness.wait(rv === '' ? await this.store.currentRevision() : Number(rv));
    if (!this.gate.ready) return delegate();
    return { items: this.cache.list(prefix, listOpts.predicate), resourceVersion: String(this.cache.resourceVersion) };
  }

  /**
   * The object at exactly `key` as the cache holds it now (resourceVersion "0" semantics: possibly
   * a little behind etcd), or undefined when absent or before the first list. Shared: never mutate.
   */
  get(key: string): StoredObject | undefined {
    if (!this.gate.ready) return undefined;
    return this.cache.get(this.checkKey(key));
  }

  /**
   * A watch from the cache. ""/"0": the matching objects as ADDED, then every change. "N": every
   * change after N (410 Expired ERROR if the history no longer reaches back to N; a wait, then a
   * 504 ERROR, if N is ahead of the cache). Failures arrive as one ERROR event, then the end.
   */
  watch(opts: CacheWatchOptions): Watcher {
    const key = this.checkKey(opts.prefix === this.prefix.slice(0, -1) ? this.prefix : opts.prefix);
    const w = new CacheWatcher({
      key,
      ...(opts.predicate ? { predicate: opts.predicate } : {}),
      allowBookmarks: opts.allowBookmarks ?? false,
      maxBuffered: this.maxWatcherBuffer,
      onEnd: (ended, reason) => this.onWatcherEnd(ended, reason),
    });
    this.watchers.add(w);
    let rv: number;
    try {
      rv = parseResourceVersion(opts.resourceVersion);
    } catch (err) {
      w.fail(err as Error);
      return w;
    }
    if (this.stopped) w.fail(this.stoppedError());
    else void this.startWatcher(w, rv);
    return w;
  }

  /** Stops the store watch and ends every watcher. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reflector.stop();
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    this.bookmarkTimer = null;
    const err = this.stoppedError();
    this.gate.close(err);
    this.freshness.rejectAll(err);
    this.settleFirst?.reject(err);
    for (const w of [...this.watchers]) w.end();
  }

  private async startWatcher(w: CacheWatcher, rv: number): Promise<void> {
    try {
      do {
        await this.gate.wait(this.readyTimeoutMs);
        if (rv > 0) await this.freshness.wait(rv);
      } while (!this.gate.ready); // a re-list began while waiting for freshness: wait for it
      if (w.ended) return;
      // From here to activate() nothing yields, so no event slips between start-up and live.
      w.activate(rv === 0 ? this.cache.initialEvents(w.key, w.predicate) : this.replay(w, rv));
    } catch (err) {
      w.fail(err as Error);
    }
  }

  /** The changes after `rv` this watcher would have been sent; 410 if the history is too short. */
  private replay(w: CacheWatcher, rv: number): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (const change of this.cache.eventsSince(rv)) {
      const ev = w.convert(change);
      if (ev) out.push(ev);
    }
    return out;
  }

  private onReplace(items: StoredObject[], rv: number): void {
    this.cache.replace(items, rv);
    this.gate.set(true);
    this.settleFirst?.resolve();
    this.freshness.notify();
  }

  private onEvent(ev: WatchEvent): void {
    const change = this.cache.apply(ev);
    if (!change) return;
    for (const w of this.watchers) w.dispatch(change);
    this.freshness.notify();
  }

  private onProgress(rv: number): void {
    if (this.cache.advance(rv)) this.freshness.notify();
  }

  /**
   * The store watch hit a compaction: changes were lost, so every live watcher is ended (its
   * client resumes from its last resourceVersion, which the re-listed cache answers or 410s, and
   * a 410 makes it re-list), as Kubernetes' cacher terminates all watchers when it re-lists.
   */
  private onInvalidate(): void {
    this.gate.set(false);
    for (const w of [...this.watchers]) if (w.isActive) w.end();
  }

  private onWatcherEnd(w: CacheWatcher, reason: EndReason): void {
    this.watchers.delete(w);
    if (reason === 'overflow') {
      this.logger?.warn({ prefix: this.prefix, key: w.key, limit: this.maxWatcherBuffer }, 'ending a watcher that fell too far behind');
    }
  }

  private startBookmarks(): void {
    const tickMs = Math.max(10, Math.min(1_000, this.bookmarkIntervalMs));
    this.bookmarkTimer = setInterval(() => this.sendBookmarks(tickMs), tickMs);
    this.bookmarkTimer.unref();
  }

  private sendBookmarks(tickMs: number): void {
    const rv = this.cache.resourceVersion;
    if (rv === 0 || !this.gate.ready) return;
    const rvString = String(rv);
    // One bookmark object per round, shared by every watcher it goes to (serialised once).
    const bookmark: WatchEvent = { type: 'BOOKMARK', object: { metadata: { resourceVersion: rvString } } as StoredObject, resourceVersion: rvString };
    const now = Date.now();
    let dueNextRound = false;
    for (const w of this.watchers) {
      if (!w.offerBookmark(bookmark, now, this.bookmarkIntervalMs)) dueNextRound ||= w.wantsBookmarkBy(now + tickMs, this.bookmarkIntervalMs);
    }
    // Ask etcd where it is now so the bookmarks due next round carry a current revision even when
    // this resource has been quiet (etcd revisions move with every resource's writes).
    if (dueNextRound) this.store.requestWatchProgress();
  }

  private checkKey(key: string): string {
    if (!key.startsWith(this.prefix)) throw new Error(`${key} is outside the watch cache for ${this.prefix}`);
    return key;
  }

  private stoppedError(): StorageError {
    return new StorageError('Unavailable', `watch cache for ${this.prefix} is stopped`, this.prefix);
  }
}
