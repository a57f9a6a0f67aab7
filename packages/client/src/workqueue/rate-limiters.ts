// How long a failed key waits before its next try, after client-go's workqueue rate limiters.
// The default controller limiter is the max of a per-key exponential back-off (5 ms doubling to
// 1000 s) and one token bucket shared by all keys (10 per second, burst 100): a single broken key
// backs off on its own, and a storm of failures cannot retry faster than the bucket allows.
import { realClock, type Clock } from '../clock.js';
import type { QueueKey } from './queue.js';

export interface RateLimiter<T extends QueueKey = string> {
  /** Delay in ms before key may be retried; counts one more failure for it. */
  when(key: T): number;
  /** Stops tracking key (it succeeded, or was given up on). */
  forget(key: T): void;
  /** Failures counted for key since it was last forgotten. */
  numRequeues(key: T): number;
}

/** baseMs * 2^failures, capped at maxMs. */
export class ItemExponentialFailureRateLimiter<T extends QueueKey = string> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  when(key: T): number {
    const exponent = this.failures.get(key) ?? 0;
    this.failures.set(key, exponent + 1);
    // Grows to Infinity rather than overflowing, and Infinity is capped like any large value.
    return Math.min(this.baseMs * 2 ** exponent, this.maxMs);
  }

  forget(key: T): void {
    this.failures.delete(key);
  }

  numRequeues(key: T): number {
    return this.failures.get(key) ?? 0;
  }
}

/**
 * A token bucket with the reservation semantics of Go's rate.Limiter: it starts full, each call
 * takes a token even when none is left (the balance goes negative), and the delay is the time
 * until the balance is back to zero. So calls beyond the burst are spaced 1/qps apart.
 */
export class BucketRateLimiter<T extends QueueKey = string> implements RateLimiter<T> {
  private tokens: number;
  private last: number;

  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly clock: Clock = realClock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  when(_key: T): number {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.qps) / 1000);
    this.last = Math.max(this.last, now);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.qps;
  }

  forget(_key: T): void {}

  numRequeues(_key: T): number {
    return 0;
  }
}

/** Asks every limiter and takes the longest delay; forget() reaches all of them. */
export class MaxOfRateLimiter<T extends QueueKey = string> implements RateLimiter<T> {
  private readonly limiters: ReadonlyArray<RateLimiter<T>>;

  constructor(...limiters: Array<RateLimiter<T>>) {
    this.limiters = limiters;
  }

  when(key: T): number {
    // Every limiter must see the failure, so no short-circuit on the first long delay.
    return this.limiters.reduce((worst, l) => Math.max(worst, l.when(key)), 0);
  }

  forget(key: T): void {
    for (const l of this.limiters) l.forget(key);
  }

  numRequeues(key: T): number {
    return this.limiters.reduce((most, l) => Math.max(most, l.numRequeues(key)), 0);
  }
}

/** client-go's DefaultControllerRateLimiter. */
export function defaultControllerRateLimiter<T extends QueueKey = string>(clock: Clock = realClock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ItemExponentialFailureRateLimiter<T>(5, 1000 * 1000),
    new BucketRateLimiter<T>(10, 100, clock),
  );
}
