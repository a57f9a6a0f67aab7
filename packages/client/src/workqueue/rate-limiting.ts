// The queue controllers use, after client-go's rate-limiting queue: a failed key goes back with
// addRateLimited() (delayed by the rate limiter), and a key that succeeded is forget()-ten so its
// back-off starts over next time. forget() does not replace done(): a worker calls both.
import type { Clock } from '../clock.js';
import { DelayingQueue } from './delaying.js';
import type { QueueKey } from './queue.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export interface RateLimitingQueueOptions<T extends QueueKey> {
  clock?: Clock;
  /** defaults to defaultControllerRateLimiter() on the same clock */
  rateLimiter?: RateLimiter<T>;
}

export class RateLimitingQueue<T extends QueueKey = string> extends DelayingQueue<T> {
  private readonly rateLimiter: RateLimiter<T>;

  constructor(options: RateLimitingQueueOptions<T> = {}) {
    super(options);
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<T>(this.clock);
  }

  /** Adds key after the delay the rate limiter gives it, counting one more failure. */
  addRateLimited(key: T): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Clears key's failure history; call it when key was processed successfully. */
  forget(key: T): void {
    this.rateLimiter.forget(key);
  }

  /** How many times key has been added with addRateLimited() since it was last forgotten. */
  numRequeues(key: T): number {
    return this.rateLimiter.numRequeues(key);
  }
}
