// The client-side request throttle, after client-go's flowcontrol.NewTokenBucketRateLimiter: every
// request (watches included) takes a token first, so one component cannot flood the apiserver in
// a tight loop. client-go's 5 qps / burst 10 would throttle our benchmarks, hence higher defaults.
import { realClock, type Clock, type Timer } from '../clock.js';
import { restError } from './errors.js';

export const DEFAULT_QPS = 50;
export const DEFAULT_BURST = 100;

export interface RequestRateLimiter {
  /** Resolves when the caller may send; rejects (and returns its token) if signal aborts first. */
  wait(signal?: AbortSignal): Promise<void>;
  /** Takes a token only if one is available now. */
  tryAccept(): boolean;
}

/** No throttling at all (client-go: a negative QPS). */
export const unlimitedRateLimiter: RequestRateLimiter = {
  wait: () => Promise.resolve(),
  tryAccept: () => true,
};

/**
 * Go's rate.Limiter reservation arithmetic: the bucket starts full, a waiter takes its token up
 * front (the balance may go negative) and sleeps until the balance would be back at zero. That
 * keeps waiters in arrival order and spaces them exactly 1/qps apart without a queue.
 */
export class TokenBucketRateLimiter implements RequestRateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(qps > 0) || !(burst >= 1)) throw new RangeError(`token bucket needs qps > 0 and burst >= 1 (got ${qps}, ${burst})`);
    this.tokens = burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
      this.last = now;
    }
  }

  tryAccept(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(restError('ABORTED', 'throttle', 'rate limiter'));
    this.refill();
    this.tokens -= 1;
    const delay = this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.qps;
    if (delay === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: Timer | undefined;
      const onAbort = (): void => {
        timer?.clear();
        // The reservation is cancelled, so the next waiter does not pay for one that never ran.
        this.tokens += 1;
        reject(restError('ABORTED', 'throttle', 'rate limiter'));
      };
      timer = this.clock.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delay);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** client-go's rules: unset or 0 means the default, negative means no limit. */
export function rateLimiterFor(qps: number | undefined, burst: number | undefined, clock?: Clock): RequestRateLimiter {
  if (qps !== undefined && qps < 0) return unlimitedRateLimiter;
  const q = qps || DEFAULT_QPS;
  const b = burst || Math.max(DEFAULT_BURST, Math.ceil(q));
  return new TokenBucketRateLimiter(q, b, clock);
}
