import { describe, expect, it } from 'vitest';
import { WorkQueue } from './queue.js';

const PENDING = Symbol('pending');

/** The promise's value if it has settled after pending microtasks ran, else PENDING. */
async function peek<T>(p: Promise<T>): Promise<T | typeof PENDING> {
  return Promise.race([p, new Promise<typeof PENDING>((resolve) => setImmediate(() => resolve(PENDING)))]);
}

describe('WorkQueue', () => {
  it('hands keys out in the order they were first added', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('c');
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
    expect(await q.get()).toBe('c');
  });

  it('queues a key once however often it is added', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    q.add('a');
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
    expect(q.len()).toBe(0);
    expect(await peek(q.get())).toBe(PENDING);
  });

  it('never hands a key being processed to a second worker; done() re-queues it', async () => {
    const q = new WorkQueue();
    q.add('a');
    const first = await q.get();
    expect(first).toBe('a');

    q.add('a'); // changed again while worker 1 reconciles it
    expect(q.len()).toBe(0);
    const second = q.get();
    expect(await peek(second)).toBe(PENDING);

    q.done('a');
    expect(await peek(second)).toBe('a');
  });

  it('does not re-queue a key on done() when it was not added again', async () => {
    const q = new WorkQueue();
    q.add('a');
    await q.get();
    q.done('a');
    expect(q.len()).toBe(0);
    expect(await peek(q.get())).toBe(PENDING);
  });

  it('collapses many adds during processing into one more pass', async () => {
    const q = new WorkQueue();
    q.add('a');
    await q.get();
    q.add('a');
    q.add('a');
    q.done('a');
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('a');
    expect(q.len()).toBe(0);
  });

  it('wakes waiting workers in order, one key each', async () => {
    const q = new WorkQueue();
    const w1 = q.get();
    const w2 = q.get();
    q.add('x');
    expect(await peek(w1)).toBe('x');
    expect(await peek(w2)).toBe(PENDING);
    q.add('y');
    expect(await w2).toBe('y');
  });

  it('keeps many concurrent workers from ever holding the same key', async () => {
    const q = new WorkQueue();
    const held = new Set<string>();
    let overlaps = 0;
    let handled = 0;
    const worker = async (): Promise<void> => {
      for (let key = await q.get(); key !== undefined; key = await q.get()) {
        if (held.has(key)) overlaps++;
        held.add(key);
        await new Promise((r) => setImmediate(r));
        if (handled++ < 200) q.add(key); // re-add while held
        held.delete(key);
        q.done(key);
      }
    };
    for (const k of ['a', 'b', 'c']) q.add(k);
    const workers = Array.from({ length: 5 }, worker);
    while (handled < 200) await new Promise((r) => setImmediate(r));
    await q.shutDownWithDrain();
    await Promise.all(workers);
    expect(overlaps).toBe(0);
  });

  it('ignores add() after shutDown but still hands out what was queued, then undefined', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.shutDown();
    expect(q.shuttingDown).toBe(true);
    q.add('b');
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBeUndefined();
  });

  it('releases workers waiting on an empty queue when it shuts down', async () => {
    const q = new WorkQueue();
    const waiting = [q.get(), q.get()];
    expect(await peek(waiting[0]!)).toBe(PENDING);
    q.shutDown();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
  });

  it('shutDownWithDrain waits for keys in flight to be done', async () => {
    const q = new WorkQueue();
    q.add('a');
    await q.get();
    const drained = q.shutDownWithDrain();
    expect(await peek(drained)).toBe(PENDING);
    q.done('a');
    expect(await peek(drained)).toBeUndefined();
  });

  it('works with non-string keys by identity', async () => {
    const q = new WorkQueue<number>();
    q.add(0);
    q.add(0);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe(0);
  });
});
