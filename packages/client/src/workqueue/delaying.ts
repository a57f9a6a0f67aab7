// A work queue that can add a key later, after client-go's delaying queue: the way a controller
// retries without hot-looping. Each waiting key holds one timer; a key scheduled again keeps the
// earlier of its two due times, so a waiting retry is never pushed back by a later, longer one.
import { realClock, type Clock, type Timer } from '../clock.js';
import { WorkQueue, type QueueKey } from './queue.js';

export interface DelayingQueueOptions {
  clock?: Clock;
}

interface Waiting {
  readonly readyAt: number;
  readonly timer: Timer;
}

export class DelayingQueue<T extends QueueKey = string> extends WorkQueue<T> {
  protected readonly clock: Clock;
  private readonly waiting = new Map<T, Waiting>();

  constructor(options: DelayingQueueOptions = {}) {
    super();
    this.clock = options.clock ?? realClock;
  }

  /** Adds key once ms have passed (at once if ms <= 0); ignored after shutDown(). */
  addAfter(key: T, ms: number): void {
    if (this.shuttingDown) return;
    if (!(ms > 0)) {
      this.add(key);
      return;
    }
    const readyAt = this.clock.now() + ms;
    const existing = this.waiting.get(key);
    if (existing && existing.readyAt <= readyAt) return;
    existing?.timer.clear();
    const timer = this.clock.setTimer(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { readyAt, timer });
  }

  /** Keys scheduled with addAfter() that have not been added yet. */
  numWaiting(): number {
    return this.waiting.size;
  }

  /** Also drops every scheduled add, so no timer outlives the queue. */
  override shutDown(): void {
    for (const { timer } of this.waiting.values()) timer.clear();
    this.waiting.clear();
    super.shutDown();
  }
}
