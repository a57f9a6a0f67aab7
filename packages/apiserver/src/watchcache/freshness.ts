// Waiting for the cache to reach a resourceVersion (watchCache.waitUntilFreshAndBlock). A client
// may hold an rv the cache has not seen yet: from a write it just made, or from a list of another
// resource (etcd revisions are global, so this resource may have had no event at that revision).
// While anyone waits, etcd is asked for watch progress so the cache learns the store revision
// even when this resource is quiet; after a bounded wait the answer is 504 "Too large resource
// version", which clients retry, as Kubernetes answers.
import { tooLarge } from '../storage/index.js';

interface Waiter {
  rv: number;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export interface FreshnessOptions {
  /** The cache's current revision. */
  current: () => number;
  /** Asks the store for a progress notification (it advances `current` without an event). */
  requestProgress: () => void;
  timeoutMs: number;
  /** How often progress is asked for while someone waits. */
  progressEveryMs?: number;
  /** Names the resource in the 504's key. */
  key: string;
}

export class Freshness {
  private waiters = new Set<Waiter>();
  private progressTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: FreshnessOptions) {}

  wait(rv: number): Promise<void> {
    if (rv <= this.opts.current()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        rv,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          this.stopProgressIfIdle();
          reject(tooLarge(rv, this.opts.current(), this.opts.key));
        }, this.opts.timeoutMs),
      };
      this.waiters.add(waiter);
      this.opts.requestProgress();
      if (!this.progressTimer) {
        this.progressTimer = setInterval(() => this.opts.requestProgress(), this.opts.progressEveryMs ?? 200);
        this.progressTimer.unref();
      }
    });
  }

  /** The cache moved on: wakes everyone it has caught up with. */
  notify(): void {
    if (this.waiters.size === 0) return;
    const now = this.opts.current();
    for (const w of this.waiters) {
      if (w.rv > now) continue;
      clearTimeout(w.timer);
      this.waiters.delete(w);
      w.resolve();
    }
    this.stopProgressIfIdle();
  }

  /** Fails every waiter (the cacher is stopping). */
  rejectAll(err: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiters.clear();
    this.stopProgressIfIdle();
  }

  private stopProgressIfIdle(): void {
    if (this.waiters.size > 0 || !this.progressTimer) return;
    clearInterval(this.progressTimer);
    this.progressTimer = null;
  }
}
