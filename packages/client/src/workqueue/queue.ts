// The controller work queue, after client-go's workqueue.Type: a FIFO of keys where a key is
// queued at most once, and a key being processed is never handed to a second worker. Workers
// call get(), reconcile the key, then done(key).
//
// Three sets carry the invariants, as in client-go:
//   dirty       keys that need processing (queued, or added again while being processed)
//   processing  keys a worker holds between get() and done()
//   fifo        the order of dirty keys that are not being processed
// A key added while processing stays only in dirty; done() moves it back into the fifo, so the
// change that arrived mid-reconcile is seen by a later pass and never by two workers at once.

/** Keys are compared with Set semantics; undefined is reserved to mean "shut down". */
export type QueueKey = NonNullable<unknown>;

type Waiter<T> = (item: T | undefined) => void;

/** An array used as a FIFO without the O(n) cost of shift() on long queues. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    // Compact once the consumed prefix dominates, so memory follows the live length.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export class WorkQueue<T extends QueueKey = string> {
  private readonly fifo = new Fifo<T>();
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly waiters = new Fifo<Waiter<T>>();
  private drainWaiters: Array<() => void> = [];
  private shutdownRequested = false;

  /** Marks key as needing processing; a no-op if it already is, or once shut down. */
  add(key: T): void {
    if (this.shutdownRequested || this.dirty.has(key)) return;
    this.dirty.add(key);
    // A worker holds it: done() re-queues it, so the same key never runs twice concurrently.
    if (this.processing.has(key)) return;
    this.fifo.push(key);
    this.handOff();
  }

  /**
   * The next key to process, waiting for one if none is queued. Resolves undefined only when the
   * queue is shutting down and nothing is left to hand out: the worker should then return.
   * Every key received must be given back with done(key).
   */
  get(): Promise<T | undefined> {
    if (this.fifo.length > 0) return Promise.resolve(this.take());
    if (this.shutdownRequested) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends processing of key; if it was added meanwhile it goes back on the queue. */
  done(key: T): void {
    if (!this.processing.delete(key)) return;
    if (this.dirty.has(key)) {
      this.fifo.push(key);
      this.handOff();
    }
    if (this.processing.size === 0) this.notifyDrained();
  }

  /** Keys waiting to be handed out (not counting those being processed). */
  len(): number {
    return this.fifo.length;
  }

  /**
   * Stops accepting keys. Keys already queued are still handed out; once none are left, get()
   * resolves undefined — immediately for workers already waiting on an empty queue.
   */
  shutDown(): void {
    this.shutdownRequested = true;
    if (this.fifo.length > 0) return;
    for (let w = this.waiters.shift(); w; w = this.waiters.shift()) w(undefined);
  }

  /** shutDown(), then resolves once every key handed out has been given back with done(). */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  get shuttingDown(): boolean {
    return this.shutdownRequested;
  }

  /** Moves the head of the fifo into processing. Callers ensure the fifo is not empty. */
  private take(): T {
    const key = this.fifo.shift() as T;
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  /** Gives queued keys to waiting workers; the key is marked processing before the worker runs. */
  private handOff(): void {
    while (this.fifo.length > 0 && this.waiters.length > 0) {
      const waiter = this.waiters.shift() as Waiter<T>;
      waiter(this.take());
    }
  }

  private notifyDrained(): void {
    const waiting = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiting) resolve();
  }
}
