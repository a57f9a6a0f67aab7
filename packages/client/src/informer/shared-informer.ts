// client-go's SharedIndexInformer: one reflector and one cache per resource, fanned out to any
// number of event handlers (controllers). What handlers see follows client-go:
//   - onAdd for new objects (isInInitialList while the first list is being delivered, and for
//     the replay a handler added later gets of everything already cached);
//   - onUpdate(old, new) for every change, and for every object of a re-list (even unchanged:
//     handlers compare resourceVersions if they care);
//   - onDelete(obj) with the final state, or with a DeletedFinalStateUnknown tombstone when the
//     deletion was missed and only a re-list revealed that the object is gone;
//   - onUpdate(obj, obj) for every cached object each resync period the handler asked for.
// Handlers run synchronously in registration order; one that throws is reported and skipped,
// so a bug in one controller cannot stall the others or the watch.
import type { KubeObject } from '@kubelite/api';
import { realClock, type Clock, type Timer } from '../clock.js';
import type { ListerWatcher } from '../rest/resource.js';
import { Reflector, type ReflectorOptions, type ReflectorStore } from './reflector.js';
import { DeletedFinalStateUnknown, Indexer, type Indexers } from './store.js';

export interface ResourceEventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  /** true once the handler has been given the informer's initial state */
  hasSynced(): boolean;
}

export interface SharedInformerOptions<T> extends Omit<ReflectorOptions, 'clock' | 'onError'> {
  /** default resync period for handlers that do not give one; 0 = never */
  resyncPeriodMs?: number;
  /** extra indexes; the namespace index is always there */
  indexers?: Indexers<T>;
  clock?: Clock;
  /** reflector failures and handler exceptions, for logging */
  onError?: (err: unknown, where: string) => void;
}

interface Listener<T> {
  readonly handler: ResourceEventHandler<T>;
  readonly resyncPeriodMs: number;
  nextResyncAt: number;
  synced: boolean;
}

/** A handler may not ask for resyncs more often than this (client-go's minimumResyncPeriod). */
const MIN_RESYNC_MS = 1000;

export class SharedIndexInformer<T extends KubeObject = KubeObject> {
  private readonly indexer: Indexer<T>;
  private readonly listeners = new Set<Listener<T>>();
  private readonly registrations = new WeakMap<HandlerRegistration, Listener<T>>();
  private readonly reflector: Reflector<T>;
  private readonly clock: Clock;
  private readonly defaultResyncMs: number;
  private synced = false;
  private started = false;
  private stopped = false;
  private resyncTimer: Timer | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(
    lw: ListerWatcher<T>,
    private readonly options: SharedInformerOptions<T> = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.defaultResyncMs = options.resyncPeriodMs ?? 0;
    this.indexer = new Indexer<T>(options.indexers);
    const store: ReflectorStore<T> = {
      replace: (items) => this.onReplace(items),
      add: (obj) => this.onUpsert(obj),
      update: (obj) => this.onUpsert(obj),
      delete: (obj) => this.onDeleted(obj),
    };
    this.reflector = new Reflector<T>(lw, store, {
      ...options,
      clock: this.clock,
      onError: (err, phase) => options.onError?.(err, `${options.name ?? 'informer'} ${phase}`),
    });
  }

  /** Registers a handler; if the informer already has state, the handler gets it as adds first. */
  addEventHandler(handler: ResourceEventHandler<T>, resyncPeriodMs?: number): HandlerRegistration {
    const period = resyncPeriodMs ?? this.defaultResyncMs;
    const listener: Listener<T> = {
      handler,
      resyncPeriodMs: period > 0 ? Math.max(period, MIN_RESYNC_MS) : 0,
      nextResyncAt: 0,
      synced: false,
    };
    listener.nextResyncAt = this.clock.now() + listener.resyncPeriodMs;
    this.listeners.add(listener);
    if (this.synced) {
      for (const obj of this.indexer.list()) this.call(listener, 'onAdd', () => handler.onAdd?.(obj, true));
      listener.synced = true;
    }
    if (this.started) this.scheduleResync();
    const reg: HandlerRegistration = { hasSynced: () => listener.synced };
    this.registrations.set(reg, listener);
    return reg;
  }

  /** Stops delivering to the handler this registration belongs to. */
  removeEventHandler(reg: HandlerRegistration): void {
    const listener = this.registrations.get(reg);
    if (listener) this.listeners.delete(listener);
  }

  /** The cache: read it, never write it. */
  getIndexer(): Indexer<T> {
    return this.indexer;
  }

  getStore(): Indexer<T> {
    return this.indexer;
  }

  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** True once the first complete list has been delivered to the cache and every handler. */
  hasSynced(): boolean {
    return this.synced;
  }

  get lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Runs until signal aborts (or stop()); resolves once fully stopped. Calling it again while
   * running returns the same promise; an informer cannot be restarted once stopped.
   */
  run(signal?: AbortSignal): Promise<void> {
    if (this.running) return this.running;
    if (this.stopped) return Promise.resolve();
    this.started = true;
    this.controller = new AbortController();
    const inner = signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal;
    this.scheduleResync();
    this.running = this.reflector.run(inner).finally(() => {
      this.stopped = true;
      this.resyncTimer?.clear();
      this.resyncTimer = undefined;
    });
    return this.running;
  }

  /** Starts in the background (client-go's `go informer.Run(stopCh)`). */
  start(signal?: AbortSignal): void {
    void this.run(signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
    this.stopped = true;
  }

  // ---- what the reflector delivers ------------------------------------------------------------

  private onReplace(items: T[]): void {
    const initial = !this.synced;
    const keep = new Set<string>();
    for (const obj of items) {
      keep.add(this.indexer.keyFunc(obj));
      this.onUpsert(obj, initial);
    }
    for (const key of this.indexer.listKeys()) {
      if (keep.has(key)) continue;
      const last = this.indexer.getByKey(key)!;
      this.indexer.deleteByKey(key);
      const tombstone = new DeletedFinalStateUnknown(key, last);
      this.distribute('onDelete', (h) => h.onDelete?.(tombstone));
    }
    if (initial) {
      this.synced = true;
      for (const l of this.listeners) l.synced = true;
    }
  }

  private onUpsert(obj: T, isInInitialList = false): void {
    const old = this.indexer.get(obj);
    this.indexer.add(obj);
    if (old === undefined) this.distribute('onAdd', (h) => h.onAdd?.(obj, isInInitialList));
    else this.distribute('onUpdate', (h) => h.onUpdate?.(old, obj));
  }

  private onDeleted(obj: T): void {
    this.indexer.delete(obj);
    this.distribute('onDelete', (h) => h.onDelete?.(obj));
  }

  private distribute(what: string, fn: (h: ResourceEventHandler<T>) => void): void {
    for (const l of this.listeners) this.call(l, what, () => fn(l.handler));
  }

  private call(l: Listener<T>, what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.options.onError?.(e, `${this.options.name ?? 'informer'} ${what} handler`);
    }
  }

  // ---- resync ---------------------------------------------------------------------------------

  /** One timer for all handlers, due at the earliest handler's next resync. */
  private scheduleResync(): void {
    this.resyncTimer?.clear();
    this.resyncTimer = undefined;
    if (this.stopped) return;
    let due = Infinity;
    for (const l of this.listeners) if (l.resyncPeriodMs > 0) due = Math.min(due, l.nextResyncAt);
    if (due === Infinity) return;
    this.resyncTimer = this.clock.setTimer(() => this.resync(), due - this.clock.now());
  }

  private resync(): void {
    const now = this.clock.now();
    const due = [...this.listeners].filter((l) => l.resyncPeriodMs > 0 && l.nextResyncAt <= now);
    // Before the first list there is nothing to resync; the period still restarts.
    if (this.synced) {
      for (const obj of this.indexer.list()) {
        for (const l of due) this.call(l, 'onUpdate', () => l.handler.onUpdate?.(obj, obj));
      }
    }
    for (const l of due) l.nextResyncAt = now + l.resyncPeriodMs;
    this.scheduleResync();
  }
}
