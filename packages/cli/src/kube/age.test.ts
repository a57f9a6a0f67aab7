import { describe, expect, it } from 'vitest';
import { ageOf, humanDuration } from './age.js';

describe('humanDuration', () => {
  it('prints kubectl-style short durations', () => {
    expect(humanDuration(45_000)).toBe('45s');
    expect(humanDuration(119_000)).toBe('119s');
    expect(humanDuration(200_000)).toBe('3m20s');
    expect(humanDuration(30 * 60_000)).toBe('30m');
    expect(humanDuration(5 * 3600_000 + 7 * 60_000)).toBe('5h7m');
    expect(humanDuration(20 * 3600_000)).toBe('20h');
    expect(humanDuration(51 * 3600_000)).toBe('2d3h');
    expect(humanDuration(30 * 86400_000)).toBe('30d');
  });
  it('says <unknown> without a timestamp', () => {
    expect(ageOf(undefined)).toBe('<unknown>');
    expect(ageOf('2020-01-01T00:00:00Z', Date.parse('2020-01-01T00:00:10Z'))).toBe('10s');
  });
});
