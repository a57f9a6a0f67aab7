import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { isRestError } from './errors.js';
import { DEFAULT_BURST, DEFAULT_QPS, TokenBucketRateLimiter, rateLimiterFor, unlimitedRateLimiter } from './rate-limiter.js';

async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('TokenBucketRateLimiter', () => {
  it('lets a burst through at once, then spaces callers 1/qps apart in arrival order', async () => {
    const clock = new FakeClock();
    const rl = new TokenBucketRateLimiter(10, 2, clock);
    expect(await settled(rl.wait())).toBe(true);
    expect(await settled(rl.wait())).toBe(true);
    const third = rl.wait();
    const fourth = rl.wait();
    expect(await settled(third)).toBe(false);
    clock.advance(99);
    expect(await settled(third)).toBe(false);
    clock.advance(1);
    expect(await settled(third)).toBe(true);
    expect(await settled(fourth)).toBe(false);
    clock.advance(100);
    expect(await settled(fourth)).toBe(true);
  });

  it('refills over time up to the burst and tryAccept never waits', () => {
    const clock = new FakeClock();
    const rl = new TokenBucketRateLimiter(5, 3, clock);
    expect([rl.tryAccept(), rl.tryAccept(), rl.tryAccept(), rl.tryAccept()]).toEqual([true, true, true, false]);
    clock.advance(10_000);
    expect([rl.tryAccept(), rl.tryAccept(), rl.tryAccept(), rl.tryAccept()]).toEqual([true, true, true, false]);
  });

  it('an aborted waiter gives its reservation back', async () => {
    const clock = new FakeClock();
    const rl = new TokenBucketRateLimiter(10, 1, clock);
    await rl.wait();
    const ac = new AbortController();
    const waiting = rl.wait(ac.signal);
    ac.abort();
    await expect(waiting).rejects.toSatisfy(isRestError);
    // Only the first caller's debt remains: the next one waits 100 ms, not 200.
    const next = rl.wait();
    clock.advance(100);
    expect(await settled(next)).toBe(true);
  });

  it('follows client-go conventions for unset, zero and negative qps', () => {
    const d = rateLimiterFor(undefined, undefined) as TokenBucketRateLimiter;
    expect([d.qps, d.burst]).toEqual([DEFAULT_QPS, DEFAULT_BURST]);
    const z = rateLimiterFor(0, 0) as TokenBucketRateLimiter;
    expect([z.qps, z.burst]).toEqual([DEFAULT_QPS, DEFAULT_BURST]);
    expect(rateLimiterFor(-1, 0)).toBe(unlimitedRateLimiter);
    expect(() => new TokenBucketRateLimiter(0, 1)).toThrow(RangeError);
  });
});
