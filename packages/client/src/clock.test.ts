import { describe, expect, it } from 'vitest';
import { FakeClock, realClock } from './clock.js';

describe('FakeClock', () => {
  it('fires timers in due order, at their due time', () => {
    const clock = new FakeClock(100);
    const fired: Array<[string, number]> = [];
    clock.setTimer(() => fired.push(['b', clock.now()]), 20);
    clock.setTimer(() => fired.push(['a', clock.now()]), 10);
    clock.setTimer(() => fired.push(['c', clock.now()]), 30);
    clock.advance(25);
    expect(fired).toEqual([
      ['a', 110],
      ['b', 120],
    ]);
    expect(clock.now()).toBe(125);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires timers scheduled by a callback when they fall inside the same step', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 5);
    }, 5);
    clock.advance(10);
    expect(fired).toEqual([5, 10]);
  });

  it('does not fire a cleared timer', () => {
    const clock = new FakeClock();
    let fired = false;
    clock.setTimer(() => (fired = true), 1).clear();
    clock.advance(5);
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('realClock', () => {
  it('fires a timer and can clear one', async () => {
    let cleared = false;
    realClock.setTimer(() => (cleared = true), 1).clear();
    const start = realClock.now();
    await new Promise<void>((resolve) => realClock.setTimer(resolve, 2));
    expect(realClock.now() - start).toBeGreaterThanOrEqual(1);
    expect(cleared).toBe(false);
  });
});
