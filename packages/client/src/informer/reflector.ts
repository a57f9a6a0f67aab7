// client-go's Reflector: keeps a store in step with the server by listing once, then watching from
// the list's resourceVersion, resuming each ended watch from the last resourceVersion seen, and
// listing again only when it must (the watch failed, or its resourceVersion expired: 410).
//
// Which resourceVersion a list asks for follows client-go exactly:
//   first list                          "0"  (any state, served from the watch cache if there is one)
//   later lists                         the last resourceVersion seen (not older than it)
//   after a list answered 410/too large ""   (a consistent read from storage)
// and paging: a first list at "0" uses the page size, and only if the server then actually split
// the answer do later lists at "N" page too; otherwise a list at "N" is unpaged so the apiserver
// can serve it from its cache.
import type { KubeObject } from '@kubelite/api';
import { realClock, type Clock } from '../clock.js';
import { ApiError, isGoneOrExpired, isRestError, isTooManyRequests } from '../rest/errors.js';
import { DEFAULT_PAGE_SIZE, listPages } from '../rest/pager.js';
import type { ListerWatcher, ListOptions } from '../rest/resource.js';
import type { Watch } from '../rest/watch.js';
import { ExponentialBackoff, sleep } from './backoff.js';
import { informerError } from './errors.js';

/** Where a reflector delivers what it learns; the shared informer implements it. */
export interface ReflectorStore<T> {
  /** the complete state as of a list at resourceVersion */
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export type ReflectorPhase = 'list' | 'watch';

export interface ReflectorOptions {
  /** names the reflector in errors (`v1/pods`) */
  name?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** list page size; default 500 under client-go's rules above; set to force paging */
  pageSize?: number;
  /** watches ask for timeoutSeconds in [min, 2*min); client-go's minWatchTimeout is 5 minutes */
  minWatchTimeoutSeconds?: number;
  backoff?: ExponentialBackoff;
  clock?: Clock;
  random?: () => number;
  /** every list/watch failure, for logging; the reflector itself carries on */
  onError?: (err: unknown, phase: ReflectorPhase) => void;
}

/** A watch that ends within this long without a single event is treated as a failure. */
const VERY_SHORT_WATCH_MS = 1000;

export class Reflector<T extends KubeObject> {
  private lastSyncRv = '';
  private lastSyncRvUnavailable = false;
  private paginatedResult = false;
  private readonly clock: Clock;
  private readonly backoff: ExponentialBackoff;
  private readonly random: () => number;
  private readonly name: string;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    private readonly opts: ReflectorOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? new ExponentialBackoff({ clock: this.clock, random: this.random });
    this.name = opts.name ?? 'reflector';
  }

  /** The resourceVersion of the last list or event applied to the store. */
  get lastSyncResourceVersion(): string {
    return this.lastSyncRv;
  }

  /**
   * Lists and watches until signal aborts. Failures never escape: each is reported and followed
   * by a back-off (800 ms doubling to 30 s, jittered) and a fresh list.
   */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (e) {
        if (!signal.aborted) this.report(e, 'list');
      }
      if (signal.aborted) break;
      await sleep(this.backoff.next(), signal, this.clock);
    }
  }

  /** One list followed by watches; returns when a re-list is needed (or on abort). */
  async listAndWatch(signal: AbortSignal): Promise<void> {
    await this.list(signal);
    await this.watchLoop(signal);
  }

  private relistResourceVersion(): string {
    if (this.lastSyncRvUnavailable) return '';
    return this.lastSyncRv === '' ? '0' : this.lastSyncRv;
  }

  private pageSizeFor(rv: string): number {
    if (this.opts.pageSize) return this.opts.pageSize;
    if (this.paginatedResult) return DEFAULT_PAGE_SIZE;
    return rv !== '' && rv !== '0' ? 0 : DEFAULT_PAGE_SIZE;
  }

  private async list(signal: AbortSignal): Promise<void> {
    const base: ListOptions = { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector, signal };
    let rv = this.relistResourceVersion();
    const list = (o: ListOptions) => this.lw.list(o);
    let result;
    try {
      result = await listPages(list, { ...base, resourceVersion: rv }, this.pageSizeFor(rv));
    } catch (e) {
      if (!isGoneOrExpired(e) && !isTooLargeResourceVersion(e)) throw e;
      // The version we asked for is gone (or not there yet): read the current state instead.
      this.lastSyncRvUnavailable = true;
      rv = this.relistResourceVersion();
      result = await listPages(list, { ...base, resourceVersion: rv }, this.pageSizeFor(rv));
    }
    if (rv === '0' && result.paginated) this.paginatedResult = true;
    this.lastSyncRvUnavailable = false;
    const listRv = result.list.metadata.resourceVersion ?? '';
    this.store.replace(result.list.items, listRv);
    this.lastSyncRv = listRv;
  }

  private async watchLoop(signal: AbortSignal): Promise<void> {
    const minTimeout = this.opts.minWatchTimeoutSeconds ?? 300;
    while (!signal.aborted) {
      let w: Watch<T>;
      try {
        w = await this.lw.watch({
          resourceVersion: this.lastSyncRv,
          labelSelector: this.opts.labelSelector,
          fieldSelector: this.opts.fieldSelector,
          allowWatchBookmarks: true,
          // Randomised so that many watchers do not all reconnect at the same moment.
          timeoutSeconds: Math.floor(minTimeout * (this.random() + 1)),
          signal,
        });
      } catch (e) {
        if (signal.aborted) return;
        this.report(e, 'watch');
        // client-go retries the watch itself (no re-list) only when the server is busy or down.
        if (isTooManyRequests(e) || isConnectionRefused(e)) {
          await sleep(this.backoff.next(), signal, this.clock);
          continue;
        }
        return;
      }
      const err = await this.handleWatch(w, signal);
      if (err === undefined) continue;
      if (signal.aborted) return;
      this.report(err, 'watch');
      if (isTooManyRequests(err)) {
        await sleep(this.backoff.next(), signal, this.clock);
        continue;
      }
      // 410 included: the next list asks for "not older than the last rv seen", which the server
      // can still answer, and only falls back to a consistent read if that is refused too.
      return;
    }
  }

  /** Applies events until the stream ends; returns why it ended badly, if it did. */
  private async handleWatch(w: Watch<T>, signal: AbortSignal): Promise<unknown> {
    const started = this.clock.now();
    let events = 0;
    const onAbort = (): void => w.close();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const event of w) {
        if (event.type === 'ERROR') return ApiError.fromStatus(event.object);
        const obj = event.object;
        if (event.type === 'ADDED') this.store.add(obj);
        else if (event.type === 'MODIFIED') this.store.update(obj);
        else if (event.type === 'DELETED') this.store.delete(obj);
        const rv = obj.metadata?.resourceVersion;
        if (rv) this.lastSyncRv = rv;
        events++;
      }
    } catch (e) {
      return e;
    } finally {
      signal.removeEventListener('abort', onAbort);
      w.close();
    }
    const lasted = this.clock.now() - started;
    if (!signal.aborted && events === 0 && lasted < VERY_SHORT_WATCH_MS) {
      return informerError('VERY_SHORT_WATCH', this.name, lasted);
    }
    return undefined;
  }

  private report(err: unknown, phase: ReflectorPhase): void {
    this.opts.onError?.(err, phase);
  }
}

/** apierrors' "Too large resource version": a 504 whose cause says the server is behind. */
function isTooLargeResourceVersion(e: unknown): boolean {
  return e instanceof ApiError && e.code === 504 && (e.status.details?.causes ?? []).some((c) => c.reason === 'ResourceVersionTooLarge');
}

function isConnectionRefused(e: unknown): boolean {
  return isRestError(e) && e.problem === 'CONNECTION' && /ECONNREFUSED/.test(e.message);
}
