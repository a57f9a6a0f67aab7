import { describe, expect, it } from 'vitest';
import { ProxierHealth, goTime } from './health.js';

describe('ProxierHealth', () => {
  it('renders times as Go prints a time.Time', () => {
    expect(goTime(Date.UTC(2024, 4, 1, 10, 2, 3, 45))).toBe('2024-05-01 10:02:03.045 +0000 UTC');
    expect(goTime(0)).toBe('0001-01-01 00:00:00 +0000 UTC');
  });

  it('is healthy until a queued change waits longer than the timeout', () => {
    let now = Date.UTC(2024, 0, 1);
    const h = new ProxierHealth(60_000, () => now);
    expect(h.healthz().code).toBe(200);
    h.queued();
    now += 59_999;
    expect(h.healthz().code).toBe(200);
    now += 1;
    expect([h.healthz().code, h.livez().code]).toEqual([503, 503]);
    h.updated();
    expect(h.healthz()).toEqual({
      code: 200,
      body: '{"lastUpdated": "2024-01-01 00:01:00.000 +0000 UTC","currentTime": "2024-01-01 00:01:00.000 +0000 UTC", "nodeEligible": true}',
    });
  });

  it('fails /healthz but not /livez when the node is not eligible', () => {
    const h = new ProxierHealth(60_000);
    h.nodeEligible = false;
    expect(h.healthz().code).toBe(503);
    expect(h.healthz().body).toContain('"nodeEligible": false');
    expect(h.livez().code).toBe(200);
    expect(h.livez().body).not.toContain('nodeEligible');
  });
});
