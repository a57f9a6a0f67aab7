// Keeps the cache in step with the store: list the prefix, then watch from the list's revision,
// one store watch for the whole resource (client-go's Reflector as the cacher runs it). A watch
// that ends or fails is resumed from the last revision applied, so nothing is missed or repeated;
// only a 410 (that revision compacted away) forces a re-list, because only then is a gap certain.
// Retries back off exponentially, bounded, so a down etcd is polled, not hammered.
import { isStorageError, type ObjectStore, type StoredObject, type WatchEvent, type Watcher } from '../storage/index.js';

export interface ReflectorSink {
  /** A complete list at revision `rv`. */
  replace(items: StoredObject[], rv: number): void;
  /** One change, in revision order. */
  apply(ev: WatchEvent): void;
  /** Everything up to `rv` has been delivered. */
  progress(rv: number): void;
  /** The store says the cache has a gap (410): it must not be served until the next replace. */
  invalidate(err: Error): void;
}

export interface CacherLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ReflectorOptions {
  store: ObjectStore;
  prefix: string;
  sink: ReflectorSink;
  logger?: CacherLogger;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class Reflector {
  private stopped = false;
  private running = false;
  private watcher: Watcher | null = null;
  private wakeSleep: (() => void) | null = null;
  private rv = 0;
  private needList = true;
  private backoffMs: number;

  constructor(private readonly opts: ReflectorOptions) {
    this.backoffMs = opts.minBackoffMs ?? 100;
  }

  run(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.wakeSleep?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.needList) await this.list();
        if (!this.stopped) await this.watch();
      } catch (err) {
        if (this.stopped) break;
        this.onFailure(err as Error);
        await this.sleep(this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 5_000);
      }
    }
  }

  private async list(): Promise<void> {
    const res = await this.opts.store.list(this.opts.prefix);
    if (this.stopped) return;
    this.rv = Number(res.resourceVersion);
    this.needList = false;
    this.opts.sink.replace(res.items, this.rv);
    this.opts.logger?.debug({ prefix: this.opts.prefix, resourceVersion: this.rv, objects: res.items.length }, 'watch cache initialized');
  }

  /** One store watch, until it ends; throws what ended it. */
  private async watch(): Promise<void> {
    const w = await this.opts.store.watch(this.opts.prefix, {
      recursive: true,
      resourceVersion: String(this.rv),
      // Progress notifications move the cache's revision on while this resource is quiet.
      progressNotify: true,
    });
    if (this.stopped) {
      w.close();
      return;
    }
    this.watcher = w;
    try {
      for await (const ev of w) {
        if (this.stopped) return;
        this.handle(ev);
      }
    } finally {
      this.watcher = null;
      w.close();
    }
    if (!this.stopped) throw new Error('store watch ended');
  }

  private handle(ev: WatchEvent): void {
    if (ev.type === 'ERROR') throw ev.error ?? new Error(String((ev.object as { message?: unknown }).message ?? 'store watch error'));
    const rv = Number(ev.resourceVersion);
    if (ev.type === 'BOOKMARK') {
      if (rv > this.rv) this.rv = rv;
      this.opts.sink.progress(rv);
    } else {
      this.opts.sink.apply(ev);
      this.rv = Math.max(this.rv, rv);
    }
    this.backoffMs = this.opts.minBackoffMs ?? 100;
  }

  private onFailure(err: Error): void {
    const expired = isStorageError(err, 'ResourceVersionTooOld');
    this.opts.logger?.warn(
      { prefix: this.opts.prefix, resourceVersion: this.rv, err: err.message, relist: expired || this.needList },
      expired ? 'watch cache fell behind a compaction; re-listing' : 'watch cache lost its store watch; resuming',
    );
    if (expired) {
      this.needList = true;
      this.opts.sink.invalidate(err);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
    });
  }
}
