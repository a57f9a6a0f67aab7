import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { DelayingQueue } from './delaying.js';

describe('DelayingQueue', () => {
  it('adds a key only once its delay has passed', async () => {
    const clock = new FakeClock();
    const q = new DelayingQueue({ clock });
    q.addAfter('a', 50);
    expect(q.len()).toBe(0);
    clock.advance(49);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('a');
    expect(q.numWaiting()).toBe(0);
  });

  it('adds at once when the delay is zero or negative', () => {
    const q = new DelayingQueue({ clock: new FakeClock() });
    q.addAfter('a', 0);
    q.addAfter('b', -5);
    expect(q.len()).toBe(2);
    expect(q.numWaiting()).toBe(0);
  });

  it('releases keys in due order, not in the order they were scheduled', async () => {
    const clock = new FakeClock();
    const q = new DelayingQueue({ clock });
    q.addAfter('slow', 30);
    q.addAfter('fast', 10);
    q.addAfter('mid', 20);
    clock.advance(30);
    expect([await q.get(), await q.get(), await q.get()]).toEqual(['fast', 'mid', 'slow']);
  });

  it('keeps the earlier due time when a key is scheduled twice', () => {
    const clock = new FakeClock();
    const q = new DelayingQueue({ clock });
    q.addAfter('a', 100);
    q.addAfter('a', 10); // sooner: replaces
    q.addAfter('a', 500); // later: ignored
    expect(q.numWaiting()).toBe(1);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(10);
    expect(q.len()).toBe(1);
    clock.advance(1000);
    expect(q.len()).toBe(1);
  });

  it('dedupes a delayed key against one already queued', () => {
    const clock = new FakeClock();
    const q = new DelayingQueue({ clock });
    q.add('a');
    q.addAfter('a', 5);
    clock.advance(5);
    expect(q.len()).toBe(1);
  });

  it('clears its timers on shutDown and ignores addAfter afterwards', () => {
    const clock = new FakeClock();
    const q = new DelayingQueue({ clock });
    q.addAfter('a', 10);
    q.addAfter('b', 20);
    q.shutDown();
    expect(clock.pendingTimers).toBe(0);
    q.addAfter('c', 5);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(100);
    expect(q.len()).toBe(0);
  });

  it('uses real, unref-ed timers by default', async () => {
    const q = new DelayingQueue();
    q.addAfter('a', 2);
    expect(await q.get()).toBe('a');
    q.shutDown();
  });
});
