// The persisted range allocator. Two apiservers share one store, so the tests run two BitmapRange
// instances against one store whose updates are a real compare-and-swap, and check that racing
// allocations never hand out one offset twice.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../testing/memory-store.js';
import { AlreadyAllocatedError, BitmapRange, RangeFullError, type RangeAllocation } from './bitmap-range.js';

const KEY = '/registry/ranges/servicenodeports';
let store: MemoryStore;

afterEach(() => store.close());

async function range(size: number, dynamicFrom?: number, shared?: MemoryStore): Promise<BitmapRange> {
  store = shared ?? new MemoryStore();
  const r = new BitmapRange({ store, key: KEY, rangeText: `30000-${30000 + size - 1}`, size, ...(dynamicFrom === undefined ? {} : { dynamicFrom }) });
  await r.ensure();
  return r;
}

/** Offsets set in the stored bitmap: what any other apiserver would read. */
async function stored(size: number): Promise<number[]> {
  const bits = Buffer.from(((await store.get(KEY)) as RangeAllocation).data, 'base64');
  return [...Array(size).keys()].filter((i) => ((bits[i >> 3] ?? 0) & (1 << (i & 7))) !== 0);
}

describe('BitmapRange', () => {
  it('creates an empty RangeAllocation once, however often ensure runs', async () => {
    const r = await range(20);
    await r.ensure();
    const obj = (await store.get(KEY)) as RangeAllocation;
    expect(obj).toMatchObject({ apiVersion: 'v1', kind: 'RangeAllocation', range: '30000-30019' });
    expect(Buffer.from(obj.data, 'base64')).toEqual(Buffer.alloc(3));
    expect(await store.count('/registry/ranges')).toBe(1);
  });

  it('allocates a chosen offset once', async () => {
    const r = await range(16);
    await r.allocate(5);
    expect(await r.isAllocated(5)).toBe(true);
    expect(await r.isAllocated(4)).toBe(false);
    await expect(r.allocate(5)).rejects.toBeInstanceOf(AlreadyAllocatedError);
    await expect(r.allocate(5)).rejects.toThrow('provided value is already allocated');
    expect(await stored(16)).toEqual([5]);
  });

  it('hands out every offset exactly once, then reports the range full', async () => {
    const r = await range(10);
    const got: number[] = [];
    for (let i = 0; i < 10; i++) got.push(await r.allocateNext());
    expect([...got].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(r.allocateNext()).rejects.toBeInstanceOf(RangeFullError);
    await expect(r.allocateNext()).rejects.toThrow('range is full');
  });

  it('skips offsets allocated explicitly', async () => {
    const r = await range(4);
    await r.allocate(0);
    await r.allocate(2);
    const got = [await r.allocateNext(), await r.allocateNext()].sort();
    expect(got).toEqual([1, 3]);
  });

  it('takes random offsets from the dynamic part first, then the static band', async () => {
    const r = await range(16, 12);
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await r.allocateNext());
    expect(first.every((o) => o >= 12)).toBe(true);
    const rest = [];
    for (let i = 0; i < 12; i++) rest.push(await r.allocateNext());
    expect(rest.every((o) => o < 12)).toBe(true);
  });

  it('releases an offset for reuse, and a second release changes nothing', async () => {
    const r = await range(1);
    expect(await r.allocateNext()).toBe(0);
    await r.release(0);
    await r.release(0);
    expect(await r.isAllocated(0)).toBe(false);
    expect(await r.allocateNext()).toBe(0);
  });

  it('reads the bitmap other instances wrote', async () => {
    const a = await range(8);
    const b = await range(8, undefined, store);
    await a.allocate(3);
    expect(await b.isAllocated(3)).toBe(true);
    await expect(b.allocate(3)).rejects.toBeInstanceOf(AlreadyAllocatedError);
  });

  it('never gives two racing instances the same offset', async () => {
    const a = await range(64);
    const b = await range(64, undefined, store);
    // Waves of 16 racing writers: the store retries a lost compare-and-swap at most 32 times, and
    // this fake's lock-step scheduling lets only one writer per round win.
    const got: number[] = [];
    for (let wave = 0; wave < 4; wave++) {
      got.push(...(await Promise.all([...Array(16).keys()].map((i) => (i % 2 === 0 ? a : b).allocateNext()))));
    }
    expect(new Set(got).size).toBe(64);
    // The race was real: writers lost the compare-and-swap and retried.
    expect(store.conflicts).toBeGreaterThan(0);
    expect(await stored(64)).toHaveLength(64);
    await expect(a.allocateNext()).rejects.toBeInstanceOf(RangeFullError);
  });

  it('lets exactly one of two racing requests for the same offset win', async () => {
    const a = await range(8);
    const b = await range(8, undefined, store);
    const results = await Promise.allSettled([a.allocate(6), b.allocate(6)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(AlreadyAllocatedError);
  });

  it('keeps racing releases and allocations consistent', async () => {
    const a = await range(8);
    const b = await range(8, undefined, store);
    for (let i = 0; i < 8; i++) await a.allocate(i);
    await Promise.all([a.release(1), b.release(2), a.release(3), b.release(4)]);
    expect(await stored(8)).toEqual([0, 5, 6, 7]);
  });
});
