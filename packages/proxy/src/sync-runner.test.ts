import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncRunner } from './sync-runner.js';

describe('SyncRunner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, batches requests to one run per min interval, and runs every max interval anyway', async () => {
    let runs = 0;
    const r = new SyncRunner(async () => void runs++, 1000, 30_000, (e) => { throw e; });
    await r.start();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) r.run();
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(3);
    await r.stop();
    r.run();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(3);
  });

  it('runs again after a run during which a change arrived, never two at once', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let r: SyncRunner | undefined;
    r = new SyncRunner(
      async () => {
        runs++;
        maxActive = Math.max(maxActive, ++active);
        if (runs === 1) r?.run(); // a change while syncing
        await new Promise((res) => setTimeout(res, 500));
        active--;
      },
      100,
      30_000,
      (e) => { throw e; },
    );
    const first = r.start();
    await vi.advanceTimersByTimeAsync(500);
    await first;
    await vi.advanceTimersByTimeAsync(600);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    await r.stop();
  });

  it('keeps a retry asked for during a run at its time, not at the next min interval', async () => {
    let runs = 0;
    let r: SyncRunner | undefined;
    r = new SyncRunner(async () => {
      if (++runs === 1) r?.runAfter(5000);
    }, 10, 30_000, (e) => { throw e; });
    await r.start();
    await vi.advanceTimersByTimeAsync(4999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    await r.stop();
  });

  it('honours runAfter for retries, and reports a failing run without stopping', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const r = new SyncRunner(async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    }, 10, 30_000, (e) => errors.push(e));
    await r.start();
    expect(errors.map(String)).toEqual(['Error: boom']);
    r.runAfter(2000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    await r.stop();
  });
});
