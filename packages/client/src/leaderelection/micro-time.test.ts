import { describe, expect, it } from 'vitest';
import { isLeaderElectionError } from './errors.js';
import { formatMicroTime, parseMicroTime } from './micro-time.js';

describe('MicroTime', () => {
  it('formats UTC with exactly six fractional digits', () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 123) + 0.456;
    expect(formatMicroTime(ms)).toBe('2024-01-02T03:04:05.123456Z');
    expect(formatMicroTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02T03:04:05.000000Z');
  });

  it('parses what it formats, and other RFC 3339 spellings', () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 123) + 0.456;
    expect(parseMicroTime(formatMicroTime(ms))).toBeCloseTo(ms, 3);
    expect(parseMicroTime('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseMicroTime('2024-01-02T04:04:05.5+01:00')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 500));
    expect(parseMicroTime('2024-01-02T03:04:05.123456789Z')).toBeCloseTo(Date.UTC(2024, 0, 2, 3, 4, 5, 123) + 0.456, 3);
  });

  it('rejects anything else', () => {
    for (const bad of ['', '2024-01-02', '2024-01-02 03:04:05Z', 'yesterday', '2024-13-45T99:00:00Z']) {
      let err: unknown;
      try {
        parseMicroTime(bad);
      } catch (e) {
        err = e;
      }
      expect(isLeaderElectionError(err), bad).toBe(true);
    }
  });
});
