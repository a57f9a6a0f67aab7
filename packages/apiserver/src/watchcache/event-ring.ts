// The watch cache's history: the most recent events, oldest first, in a fixed-size ring (the
// cyclic buffer of k8s.io/apiserver's watchCache). A watcher resuming from resourceVersion N is
// replayed every kept event after N; the ring never grows, so memory stays bounded however busy
// the resource is, and resuming from before the oldest kept event becomes a 410 instead.

export interface Versioned {
  readonly rv: number;
}

export class EventRing<T extends Versioned> {
  private readonly buf: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`history capacity must be a positive integer, got ${capacity}`);
    this.buf = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Appends; when full, drops and returns the oldest event. */
  push(item: T): T | undefined {
    if (this.count < this.capacity) {
      this.buf[(this.start + this.count) % this.capacity] = item;
      this.count++;
      return undefined;
    }
    const evicted = this.buf[this.start];
    this.buf[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.start = 0;
    this.count = 0;
  }

  /** The i-th kept event, 0 = oldest. */
  at(i: number): T {
    const item = i >= 0 && i < this.count ? this.buf[(this.start + i) % this.capacity] : undefined;
    if (item === undefined) throw new RangeError(`history index ${i} out of range (${this.count} kept)`);
    return item;
  }

  /** Every kept event with rv > `rv`, oldest first. */
  since(rv: number): T[] {
    // Events are in rv order (several may share one rv: a multi-key etcd txn), so binary-search
    // the first one past `rv`.
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.count; i++) out.push(this.at(i));
    return out;
  }
}
