import { describe, expect, it } from 'vitest';
import { formatNs, nowRfc3339Nano, timestampMs, toRfc3339Nano } from './log-time.js';

describe('log timestamps', () => {
  it('formats nanoseconds with exactly nine digits', () => {
    expect(formatNs(1_700_000_000_000_000_123n)).toBe('2023-11-14T22:13:20.000000123Z');
    expect(nowRfc3339Nano()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(Math.abs(timestampMs(nowRfc3339Nano()) - Date.now())).toBeLessThan(50);
  });

  it('normalizes trimmed and zoned RFC3339 times', () => {
    expect(toRfc3339Nano('2026-11-24T09:59:44.6012026Z')).toBe('2026-11-24T09:59:44.601202600Z');
    expect(toRfc3339Nano('2026-11-24T09:59:44Z')).toBe('2026-11-24T09:59:44.000000000Z');
    expect(toRfc3339Nano('2026-11-24T10:59:44.5+01:00')).toBe('2026-11-24T09:59:44.500000000Z');
    expect(toRfc3339Nano('not a time')).toBeUndefined();
  });

  it('is monotonic across calls', () => {
    let prev = '';
    for (let i = 0; i < 1000; i++) {
      const t = nowRfc3339Nano();
      expect(t >= prev).toBe(true);
      prev = t;
    }
  });
});
