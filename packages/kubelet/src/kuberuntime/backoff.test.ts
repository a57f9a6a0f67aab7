import { describe, expect, it } from 'vitest';
import { Backoff, goDuration } from './backoff.js';
import { expand } from './expansion.js';

describe('crash back-off', () => {
  it('restarts at once after the first exit, then waits 10 s, 20 s, … up to 300 s', () => {
    let now = 0;
    const b = new Backoff(10_000, 300_000, () => now);
    expect(b.isInBackOffSince('k', now)).toBe(false);
    b.next('k', now);
    now = 5_000;
    expect(b.isInBackOffSince('k', 0)).toBe(true);
    now = 10_001;
    expect(b.isInBackOffSince('k', 0)).toBe(false);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('k', now);
      delays.push(b.get('k'));
    }
    expect(delays).toEqual([20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    expect(goDuration(300_000)).toBe('5m0s');
    expect(goDuration(10_000)).toBe('10s');
  });
});

describe('$(VAR) expansion', () => {
  it('replaces defined variables, keeps undefined ones and unescapes $$', () => {
    const vars = new Map([['A', 'x'], ['B', 'y']]);
    expect(expand('$(A)-$(B)-$(C)-$$(A)-$', vars)).toBe('x-y-$(C)-$(A)-$');
  });
});
