// One client's watch on the cache (k8s.io/apiserver's cacheWatcher). It is fed synchronously by
// the cacher and read with `for await`. It starts with start-up events (the history replayed from
// the requested resourceVersion, or the current objects as ADDED), then live changes. Live
// changes are buffered up to a bound: the cacher cannot wait for one slow reader without holding
// up every other watcher, so a reader that falls that far behind has its watch ended (as
// Kubernetes does with unresponsive watchers) and re-watches from the last resourceVersion it
// got, which the history usually still covers.
import { statusObject } from '../storage/codec.js';
import type { WatchEvent, Watcher } from '../storage/index.js';
import type { CacheEvent, ObjectPredicate } from './cache-event.js';
import { keyMatches } from './watch-cache.js';

/** Why a watcher ended: its reader closed it, it fell behind, the cacher ended it, or an error. */
export type EndReason = 'closed' | 'overflow' | 'ended' | 'failed';

export interface CacheWatcherOptions {
  /** A prefix ending in '/' or one exact key. */
  key: string;
  predicate?: ObjectPredicate;
  allowBookmarks: boolean;
  /** Undelivered live events beyond this end the watch. */
  maxBuffered: number;
  onEnd: (w: CacheWatcher, reason: EndReason) => void;
}

export class CacheWatcher implements Watcher {
  private startup: WatchEvent[] = [];
  private startupPos = 0;
  private live: WatchEvent[] = [];
  private liveHead = 0;
  private active = false;
  private done = false;
  private wake: (() => void) | null = null;
  private lastRV = '';
  /** When the reader was last given something; bookmarks go to watchers idle for an interval. */
  private lastQueuedAt = Date.now();

  constructor(private readonly opts: CacheWatcherOptions) {}

  get key(): string {
    return this.opts.key;
  }

  get predicate(): ObjectPredicate | undefined {
    return this.opts.predicate;
  }

  get ended(): boolean {
    return this.done;
  }

  /** Receiving live changes (start-up done). */
  get isActive(): boolean {
    return this.active && !this.done;
  }

  /** Live changes buffered and not yet read. */
  get buffered(): number {
    return this.live.length - this.liveHead;
  }

  /** Switches to live delivery, after `startup` events that are exempt from the buffer bound. */
  activate(startup: WatchEvent[]): void {
    if (this.done) return;
    this.startup = startup;
    this.startupPos = 0;
    const last = startup[startup.length - 1];
    if (last) this.lastRV = last.resourceVersion;
    this.active = true;
    this.lastQueuedAt = Date.now();
    this.notify();
  }

  /** What this watcher is sent for `change` (null: outside its key or selector). */
  convert(change: CacheEvent): WatchEvent | null {
    return keyMatches(this.opts.key, change.key) ? change.forWatcher(this.opts.predicate) : null;
  }

  dispatch(change: CacheEvent): void {
    if (!this.isActive) return;
    const ev = this.convert(change);
    if (ev === null) return;
    if (this.buffered >= this.opts.maxBuffered) {
      this.overflow();
      return;
    }
    this.enqueue(ev);
  }

  /** Sends `bookmark` if this watcher asked for bookmarks and has been idle `intervalMs`. */
  offerBookmark(bookmark: WatchEvent, now: number, intervalMs: number): boolean {
    if (!this.opts.allowBookmarks || !this.isActive) return false;
    // Best effort, as in Kubernetes: a reader with events still to read is not sent one.
    if (now - this.lastQueuedAt < intervalMs || this.pending() > 0) return false;
    if (Number(bookmark.resourceVersion) < Number(this.lastRV)) return false;
    this.enqueue(bookmark);
    return true;
  }

  /** Will this watcher be due a bookmark by `at`? (Lets the cacher ask etcd for progress first.) */
  wantsBookmarkBy(at: number, intervalMs: number): boolean {
    return this.opts.allowBookmarks && this.isActive && at - this.lastQueuedAt >= intervalMs;
  }

  /** Delivers an ERROR event carrying `err` as a Status, then ends the watch. */
  fail(err: Error): void {
    if (this.done) return;
    this.live.push({ type: 'ERROR', object: statusObject(err), resourceVersion: this.lastRV, error: err });
    this.finish('failed');
  }

  /** Ends the watch after what is already queued has been read. */
  end(): void {
    this.finish('ended');
  }

  close(): void {
    this.dropQueued();
    this.finish('closed');
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    try {
      for (;;) {
        const ev = this.next();
        if (ev) {
          yield ev;
          continue;
        }
        if (this.done) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      // A reader leaving the loop (break, throw) is done with the watch.
      this.close();
    }
  }

  private enqueue(ev: WatchEvent): void {
    this.live.push(ev);
    this.lastRV = ev.resourceVersion;
    this.lastQueuedAt = Date.now();
    this.notify();
  }

  private next(): WatchEvent | undefined {
    if (this.startupPos < this.startup.length) {
      const ev = this.startup[this.startupPos++];
      if (this.startupPos === this.startup.length) {
        this.startup = [];
        this.startupPos = 0;
      }
      return ev;
    }
    if (this.liveHead >= this.live.length) return undefined;
    const ev = this.live[this.liveHead++];
    if (this.liveHead === this.live.length) {
      this.live = [];
      this.liveHead = 0;
    } else if (this.liveHead >= 1024 && this.liveHead * 2 >= this.live.length) {
      // Reclaim the read part now and then instead of shifting on every read (O(n) each).
      this.live = this.live.slice(this.liveHead);
      this.liveHead = 0;
    }
    return ev;
  }

  private pending(): number {
    return this.startup.length - this.startupPos + this.buffered;
  }

  private overflow(): void {
    // What is buffered is dropped: the reader resumes from the last resourceVersion it read.
    this.dropQueued();
    this.finish('overflow');
  }

  private dropQueued(): void {
    this.startup = [];
    this.startupPos = 0;
    this.live = [];
    this.liveHead = 0;
  }

  private finish(reason: EndReason): void {
    if (this.done) return;
    this.done = true;
    this.opts.onEnd(this, reason);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
