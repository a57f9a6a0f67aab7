import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
} from './rate-limiters.js';

describe('ItemExponentialFailureRateLimiter', () => {
  it('doubles from the base per failure of one key, independently of other keys', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1_000_000);
    expect([l.when('a'), l.when('a'), l.when('a'), l.when('a')]).toEqual([5, 10, 20, 40]);
    expect(l.when('b')).toBe(5);
    expect(l.numRequeues('a')).toBe(4);
    expect(l.numRequeues('b')).toBe(1);
  });

  it('caps the delay, even after enough failures to overflow', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1000);
    const delays = Array.from({ length: 2000 }, () => l.when('a'));
    expect(delays.slice(6, 10)).toEqual([320, 640, 1000, 1000]);
    expect(delays.at(-1)).toBe(1000);
  });

  it('starts over after forget()', () => {
    const l = new ItemExponentialFailureRateLimiter(5, 1000);
    l.when('a');
    l.when('a');
    l.forget('a');
    expect(l.numRequeues('a')).toBe(0);
    expect(l.when('a')).toBe(5);
  });
});

describe('BucketRateLimiter', () => {
  it('lets a full burst through, then spaces calls 1/qps apart', () => {
    const clock = new FakeClock();
    const l = new BucketRateLimiter(10, 100, clock);
    for (let i = 0; i < 100; i++) expect(l.when(`k${i}`)).toBe(0);
    expect(l.when('x')).toBeCloseTo(100);
    expect(l.when('y')).toBeCloseTo(200);
    expect(l.when('z')).toBeCloseTo(300);
  });

  it('refills at qps up to the burst', () => {
    const clock = new FakeClock();
    const l = new BucketRateLimiter(10, 2, clock);
    expect([l.when('a'), l.when('a')]).toEqual([0, 0]);
    expect(l.when('a')).toBeCloseTo(100);
    clock.advance(100); // pays back the overdraft exactly
    expect(l.when('a')).toBeCloseTo(100);
    clock.advance(10_000); // long idle: refills to the burst, no further
    expect([l.when('a'), l.when('a')]).toEqual([0, 0]);
    expect(l.when('a')).toBeCloseTo(100);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('backs one failing key off 5 ms, 10 ms, 20 ms … and caps it at 1000 s', () => {
    const l = defaultControllerRateLimiter(new FakeClock());
    expect([l.when('a'), l.when('a'), l.when('a'), l.when('a'), l.when('a')]).toEqual([5, 10, 20, 40, 80]);
    const clock = new FakeClock();
    const capped = defaultControllerRateLimiter(clock);
    let last = 0;
    for (let i = 0; i < 40; i++) {
      clock.advance(1_000_000); // keep the bucket full so only the per-key back-off shows
      last = capped.when('a');
    }
    expect(last).toBe(1_000_000);
  });

  it('limits the retries of many keys together by the bucket (10 qps, burst 100)', () => {
    const l = defaultControllerRateLimiter(new FakeClock());
    const delays = Array.from({ length: 102 }, (_, i) => l.when(`key-${i}`));
    expect(delays.slice(0, 100).every((d) => d === 5)).toBe(true);
    expect(delays[100]).toBeCloseTo(100);
    expect(delays[101]).toBeCloseTo(200);
  });

  it('counts and forgets requeues per key', () => {
    const l = defaultControllerRateLimiter(new FakeClock());
    l.when('a');
    l.when('a');
    expect(l.numRequeues('a')).toBe(2);
    l.forget('a');
    expect(l.numRequeues('a')).toBe(0);
    expect(l.when('a')).toBe(5);
  });
});

describe('MaxOfRateLimiter', () => {
  it('takes the longest delay and records the failure in every limiter', () => {
    const a = new ItemExponentialFailureRateLimiter(1, 1000);
    const b = new ItemExponentialFailureRateLimiter(3, 1000);
    const l = new MaxOfRateLimiter(a, b);
    expect(l.when('k')).toBe(3);
    expect(a.numRequeues('k')).toBe(1);
    expect(b.numRequeues('k')).toBe(1);
  });
});
