// Whether the cache may be served from: false until the first list, and again from a store
// watch's 410 until the re-list (the cache would otherwise serve a state with an unknown gap).
// Callers that need the cache wait for it, bounded, as Kubernetes' cacher blocks on `ready`.
import { StorageError } from '../storage/index.js';

export class ReadyGate {
  private isReady = false;
  private waiters = new Set<{ resolve: () => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();
  private failure: Error | null = null;

  constructor(private readonly what: string) {}

  get ready(): boolean {
    return this.isReady;
  }

  set(ready: boolean): void {
    this.isReady = ready;
    if (!ready) return;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve();
    }
    this.waiters.clear();
  }

  /** Resolves once ready; Unavailable (503) after `timeoutMs` or when the gate is closed for good. */
  wait(timeoutMs: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isReady) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const w = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(w);
          reject(new StorageError('Unavailable', `${this.what} is not ready yet (initializing); retry later`, this.what));
        }, timeoutMs),
      };
      this.waiters.add(w);
    });
  }

  /** Closes the gate for good (the cacher stopped): current and future waits fail with `err`. */
  close(err: Error): void {
    this.failure = err;
    this.isReady = false;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiters.clear();
  }
}
