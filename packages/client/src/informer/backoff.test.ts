import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { ExponentialBackoff, sleep } from './backoff.js';

describe('ExponentialBackoff', () => {
  it('doubles from 800 ms to a 30 s cap without jitter and resets after two quiet minutes', () => {
    const clock = new FakeClock();
    const b = new ExponentialBackoff({ clock, random: () => 0 });
    const seq = Array.from({ length: 8 }, () => b.next());
    expect(seq).toEqual([800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000]);
    clock.advance(120_001);
    expect(b.next()).toBe(800);
    clock.advance(120_000);
    expect(b.next()).toBe(1600);
  });

  it('adds up to 100 % jitter', () => {
    const b = new ExponentialBackoff({ clock: new FakeClock(), random: () => 0.5 });
    expect([b.next(), b.next()]).toEqual([1200, 2400]);
  });
});

describe('sleep', () => {
  it('resolves after the time or at once on abort', async () => {
    const clock = new FakeClock();
    let done = false;
    const p = sleep(100, undefined, clock).then(() => (done = true));
    clock.advance(100);
    await p;
    expect(done).toBe(true);
    const ac = new AbortController();
    const q = sleep(1e9, ac.signal, clock);
    ac.abort();
    await q;
    expect(clock.pendingTimers).toBe(0);
  });
});
