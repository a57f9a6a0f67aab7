import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { ItemExponentialFailureRateLimiter } from './rate-limiters.js';
import { RateLimitingQueue } from './rate-limiting.js';

/** Advances the clock 1 ms at a time until the queue has a key; returns the ms waited. */
function msUntilQueued(clock: FakeClock, q: RateLimitingQueue): number {
  let waited = 0;
  while (q.len() === 0 && waited < 10_000) {
    clock.advance(1);
    waited++;
  }
  return waited;
}

describe('RateLimitingQueue', () => {
  it('retries a failing key after 5 ms, 10 ms, 20 ms, 40 ms with the default limiter', async () => {
    const clock = new FakeClock();
    const q = new RateLimitingQueue({ clock });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      q.addRateLimited('ns/a');
      waits.push(msUntilQueued(clock, q));
      expect(await q.get()).toBe('ns/a');
      q.done('ns/a');
    }
    expect(waits).toEqual([5, 10, 20, 40]);
    expect(q.numRequeues('ns/a')).toBe(4);
  });

  it('starts the back-off over after forget()', async () => {
    const clock = new FakeClock();
    const q = new RateLimitingQueue({ clock });
    q.addRateLimited('a');
    q.addRateLimited('a');
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
    clock.advance(5);
    expect(await q.get()).toBe('a'); // the 5 ms schedule won over the later 10 ms one
    q.done('a');
    q.addRateLimited('a');
    expect(msUntilQueued(clock, q)).toBe(5);
  });

  it('uses an injected rate limiter', () => {
    const clock = new FakeClock();
    const q = new RateLimitingQueue({ clock, rateLimiter: new ItemExponentialFailureRateLimiter(100, 1000) });
    q.addRateLimited('a');
    expect(msUntilQueued(clock, q)).toBe(100);
  });

  it('drops pending retries on shutDown', () => {
    const clock = new FakeClock();
    const q = new RateLimitingQueue({ clock });
    q.addRateLimited('a');
    q.shutDown();
    expect(clock.pendingTimers).toBe(0);
    clock.advance(1000);
    expect(q.len()).toBe(0);
  });
});
