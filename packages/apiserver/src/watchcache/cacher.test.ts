// Unit tests of the cacher's logic against an in-memory ObjectStore that behaves like etcd where
// the cacher depends on it: global revisions, watch from a revision with replay, compaction (410),
// progress notifications, and a watch that can be made to fail. The same behaviours are checked
// against a real etcd-lite process in test/apiserver/watchcache.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { EventQueue } from '../storage/event-queue.js';
import {
  isStorageError,
  parseResourceVersion,
  StorageError,
  tooOld,
  type ListOptions,
  type ListResult,
  type ObjectStore,
  type StoredObject,
  type Watcher,
  type WatchEvent,
  type WatchOptions,
} from '../storage/index.js';
import type { WatchSource } from '../registry/generic.js';
import { Cacher, type CacherOptions } from './cacher.js';
import { serializeOnce } from './memo.js';

interface LogEntry {
  rev: number;
  key: string;
  ev: WatchEvent;
}

interface FakeWatch {
  prefix: string;
  queue: EventQueue;
  progressNotify: boolean;
}

class FakeStore implements ObjectStore {
  rev = 1;
  compactedAt = 0;
  watchCalls = 0;
  listCalls: Array<{ prefix: string; opts: ListOptions }> = [];
  readonly watches = new Set<FakeWatch>();
  private readonly objects = new Map<string, StoredObject>();
  private readonly log: LogEntry[] = [];

  put(key: string, body: Record<string, unknown> = {}): StoredObject {
    const [ns, name] = key.split('/').slice(-2) as [string, string];
    const obj = { apiVersion: 'v1', kind: 'Pod', ...body, metadata: { namespace: ns, name, resourceVersion: String(++this.rev) } } as StoredObject;
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    this.objects.set(key, obj);
    this.emit(key, { type, object: obj, resourceVersion: String(this.rev) });
    return obj;
  }

  del(key: string): void {
    const cur = this.objects.get(key);
    if (!cur) throw new Error(`no ${key}`);
    this.objects.delete(key);
    const object = { ...cur, metadata: { ...cur.metadata, resourceVersion: String(++this.rev) } } as StoredObject;
    this.emit(key, { type: 'DELETED', object, resourceVersion: String(this.rev) });
  }

  /** Every open watch fails (etcd unreachable, or a compaction: `tooOld`). */
  breakWatches(err: Error): void {
    for (const w of [...this.watches]) w.queue.fail(err);
  }

  private emit(key: string, ev: WatchEvent): void {
    this.log.push({ rev: this.rev, key, ev });
    for (const w of this.watches) if (key.startsWith(w.prefix)) w.queue.push(ev);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.listCalls.push({ prefix, opts });
    const items = [...this.objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, o]) => o)
      .filter((o) => !opts.predicate || opts.predicate(o));
    return { items, resourceVersion: String(this.rev) };
  }

  async watch(key: string, opts: WatchOptions = {}): Promise<Watcher> {
    this.watchCalls++;
    const rv = parseResourceVersion(opts.resourceVersion);
    const w: FakeWatch = { prefix: key, queue: new EventQueue(() => this.watches.delete(w)), progressNotify: opts.progressNotify ?? false };
    if (rv > 0 && rv < this.compactedAt) {
      w.queue.fail(tooOld(rv, this.compactedAt));
      return w.queue;
    }
    for (const e of this.log) if (e.rev > rv && e.key.startsWith(key)) w.queue.push(e.ev);
    this.watches.add(w);
    return w.queue;
  }

  requestWatchProgress(): void {
    const rv = String(this.rev);
    queueMicrotask(() => {
      for (const w of this.watches) {
        if (w.progressNotify) w.queue.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: rv } } as StoredObject, resourceVersion: rv });
      }
    });
  }

  async currentRevision(): Promise<number> {
    return this.rev;
  }
  async compact(revision: number) {
    this.compactedAt = revision;
    return { compacted: true, revision: this.rev };
  }
  create(): Promise<StoredObject> {
    throw new Error('not used');
  }
  get(): Promise<StoredObject> {
    throw new Error('not used');
  }
  guaranteedUpdate(): Promise<StoredObject> {
    throw new Error('not used');
  }
  delete(): Promise<StoredObject> {
    throw new Error('not used');
  }
  async count(): Promise<number> {
    return this.objects.size;
  }
  async health(): Promise<void> {}
  close(): void {}
}

/** Reads one watcher with a deadline per call (bounded waits, never sleeps). */
function reader(w: Watcher) {
  const it = w[Symbol.asyncIterator]();
  return {
    async take(n: number, ms = 2_000): Promise<WatchEvent[]> {
      const out: WatchEvent[] = [];
      while (out.length < n) {
        const r = await withDeadline(it.next(), ms, `timed out after ${out.length}/${n} events`);
        if (r.done) break;
        out.push(r.value);
      }
      return out;
    },
    /** Resolves true when the watch ends (after draining), false if an event arrives first. */
    async ended(ms = 2_000): Promise<boolean> {
      const r = await withDeadline(it.next(), ms, 'watch did not end');
      return r.done === true;
    },
  };
}

async function withDeadline<T>(p: Promise<T>, ms: number, msg: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(msg)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Polls a condition that has no event to await (bounded). */
async function until(cond: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const names = (evs: WatchEvent[]): string[] => evs.map((e) => `${e.type} ${e.object.metadata.name ?? ''}@${e.resourceVersion}`);
const label = (app: string): Record<string, unknown> => ({ spec: { app } });
const isWeb = (o: StoredObject): boolean => (o as { spec?: { app?: string } }).spec?.app === 'web';

let cachers: Cacher[] = [];
afterEach(() => {
  for (const c of cachers) c.stop();
  cachers = [];
});

async function started(store: FakeStore, opts: Partial<CacherOptions> = {}): Promise<Cacher> {
  const c = new Cacher({ store, prefix: '/registry/pods/', ...opts });
  cachers.push(c);
  await c.start();
  return c;
}

describe('Cacher list', () => {
  it('serves resourceVersion 0 lists from the cache: same items as the store, key order, namespace and predicate', async () => {
    const store = new FakeStore();
    store.put('/registry/pods/b/x', label('web'));
    store.put('/registry/pods/a/y', label('db'));
    store.put('/registry/pods/a/x', label('web'));
    store.put('/registry/podsx/a/x'); // a sibling prefix is never included
    const c = await started(store);
    store.listCalls = [];
    const all = await c.list({ prefix: '/registry/pods/', resourceVersion: '0' });
    expect(all.items).toEqual((await store.list('/registry/pods/')).items);
    expect(all.items.map((o) => o.metadata.name)).toEqual(['x', 'y', 'x']);
    expect(Number(all.resourceVersion)).toBe(c.resourceVersion);
    const ns = await c.list({ prefix: '/registry/pods/a/', resourceVersion: '0', predicate: isWeb });
    expect(ns.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/x']);
    expect(store.listCalls.filter((l) => l.prefix !== '/registry/pods/' || l.opts.predicate)).toHaveLength(0);
  });

  it('ignores limit at resourceVersion 0 and delegates what the cache cannot answer to the store', async () => {
    const store = new FakeStore();
    for (const n of ['a', 'b', 'c']) store.put(`/registry/pods/ns/${n}`);
    const c = await started(store);
    store.listCalls = [];
    const unpaged = await c.list({ prefix: '/registry/pods/', resourceVersion: '0', limit: 1 });
    expect(unpaged.items).toHaveLength(3);
    expect(unpaged.continue).toBeUndefined();
    expect(store.listCalls).toHaveLength(0);
    await c.list({ prefix: '/registry/pods/', limit: 1 });
    await c.list({ prefix: '/registry/pods/', resourceVersion: '3', resourceVersionMatch: 'Exact' });
    await c.list({ prefix: '/registry/pods/', continue: 'tok' });
    expect(store.listCalls.map((l) => l.opts)).toEqual([
      { limit: 1 },
      { resourceVersion: '3', resourceVersionMatch: 'Exact' },
      { continue: 'tok' },
    ]);
  });

  it('a consistent list ("") and NotOlderThan N wait until the cache has caught up; too far ahead is a 504', async () => {
    const store = new FakeStore();
    store.put('/registry/pods/ns/a');
    const c = await started(store, { freshnessTimeoutMs: 200 });
    store.put('/registry/other/ns/z'); // moves etcd's revision, not this resource
    const consistent = await c.list({ prefix: '/registry/pods/' });
    expect(Number(consistent.resourceVersion)).toBeGreaterThanOrEqual(store.rev);
    const notOlder = await c.list({ prefix: '/registry/pods/', resourceVersion: String(store.rev), resourceVersionMatch: 'NotOlderThan' });
    expect(notOlder.items.map((o) => o.metadata.name)).toEqual(['a']);
    const err = await c.list({ prefix: '/registry/pods/', resourceVersion: String(store.rev + 10) }).catch((e: unknown) => e);
    expect(isStorageError(err, 'ResourceVersionTooLarge')).toBe(true);
    expect((err as StorageError).httpStatus).toBe(504);
  });
});

describe('Cacher watch', () => {
  it('many watchers share one store watch; rv 0 starts with the current objects as ADDED', async () => {
    const store = new FakeStore();
    store.put('/registry/pods/ns/a');
    const c = await started(store);
    const rs = Array.from({ length: 20 }, () => reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '0' })));
    expect(c.watcherCount).toBe(20);
    for (const r of rs) expect(names(await r.take(1))).toEqual(['ADDED a@2']);
    store.put('/registry/pods/ns/b');
    store.put('/registry/pods/ns/a');
    const seen = await Promise.all(rs.map((r) => r.take(2)));
    for (const evs of seen) expect(names(evs)).toEqual(['ADDED b@3', 'MODIFIED a@4']);
    // Shared, not copied: every watcher got the very same event object.
    expect(new Set(seen.map((evs) => evs[0])).size).toBe(1);
    expect(store.watchCalls).toBe(1);
    expect(store.watches.size).toBe(1);
  });

  it('resumes from a resourceVersion in the history with exactly the later changes', async () => {
    const store = new FakeStore();
    const c = await started(store);
    store.put('/registry/pods/ns/a'); // 2
    store.put('/registry/pods/ns/b'); // 3
    store.put('/registry/pods/ns/a'); // 4
    store.del('/registry/pods/ns/b'); // 5
    await c.waitUntilFresh(5);
    const r = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '3' }));
    expect(names(await r.take(2))).toEqual(['MODIFIED a@4', 'DELETED b@5']);
    store.put('/registry/pods/ns/c');
    expect(names(await r.take(1))).toEqual(['ADDED c@6']);
  });

  it('answers a resourceVersion older than the history with one 410 Expired ERROR, then the end', async () => {
    const store = new FakeStore();
    for (const n of ['a', 'b', 'c']) store.put(`/registry/pods/ns/${n}`); // 2..4
    const c = await started(store, { historyCapacity: 2 }); // listed at 4
    const atList = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '4' }));
    const beforeList = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '3' }));
    const [err] = await beforeList.take(1);
    expect(err?.type).toBe('ERROR');
    expect(err?.object).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'too old resource version: 3 (4)',
      reason: 'Expired',
      code: 410,
    });
    expect(await beforeList.ended()).toBe(true);
    for (const n of ['d', 'e', 'f']) store.put(`/registry/pods/ns/${n}`); // 5..7; 5 falls out
    expect(names(await atList.take(3))).toEqual(['ADDED d@5', 'ADDED e@6', 'ADDED f@7']);
    await c.waitUntilFresh(7);
    const evicted = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '4' }));
    expect((await evicted.take(1))[0]?.object).toMatchObject({ message: 'too old resource version: 4 (5)', code: 410 });
    const kept = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '5' }));
    expect(names(await kept.take(2))).toEqual(['ADDED e@6', 'ADDED f@7']);
  });

  it('waits for a resourceVersion the cache has not reached, and ends with a 504 ERROR if it never does', async () => {
    const store = new FakeStore();
    const c = await started(store, { freshnessTimeoutMs: 300 });
    store.put('/registry/other/ns/x'); // revision 2, another resource
    const r = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '2' }));
    store.put('/registry/pods/ns/a');
    expect(names(await r.take(1))).toEqual(['ADDED a@3']);
    const future = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '99' }));
    const [err] = await future.take(1);
    expect(err?.object).toMatchObject({ reason: 'Timeout', code: 504 });
    expect(await future.ended()).toBe(true);
  });

  it('turns predicate transitions into ADDED / MODIFIED / DELETED (old content, new rv) / nothing', async () => {
    const store = new FakeStore();
    store.put('/registry/pods/ns/a', label('db')); // 2
    const c = await started(store);
    const r = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '0', predicate: isWeb }));
    store.put('/registry/pods/ns/a', label('db')); // 3: never matched → nothing
    store.put('/registry/pods/ns/a', label('web')); // 4: starts matching → ADDED
    store.put('/registry/pods/ns/a', label('web')); // 5: keeps matching → MODIFIED
    store.put('/registry/pods/ns/a', label('db')); // 6: stops matching → DELETED
    store.put('/registry/pods/ns/b', label('web')); // 7
    store.del('/registry/pods/ns/b'); // 8
    const evs = await r.take(5);
    expect(names(evs)).toEqual(['ADDED a@4', 'MODIFIED a@5', 'DELETED a@6', 'ADDED b@7', 'DELETED b@8']);
    expect(evs[2]?.object).toMatchObject({ spec: { app: 'web' }, metadata: { resourceVersion: '6' } });
  });

  it('a single-key watch sees only that object', async () => {
    const store = new FakeStore();
    const c = await started(store);
    const r = reader(c.watch({ prefix: '/registry/pods/ns/a', resourceVersion: '0' }));
    store.put('/registry/pods/ns/ab');
    store.put('/registry/pods/ns/a');
    expect(names(await r.take(1))).toEqual(['ADDED a@3']);
  });

  it('sends BOOKMARKs with the cache revision to idle watchers that asked for them', async () => {
    const store = new FakeStore();
    const c = await started(store, { bookmarkIntervalMs: 30 });
    const plain = c.watch({ prefix: '/registry/pods/', resourceVersion: '1' });
    const r = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '1', allowBookmarks: true }));
    store.put('/registry/other/ns/x'); // only etcd's revision moves; progress carries it to the cache
    let bm: WatchEvent | undefined;
    do [bm] = await r.take(1);
    while (bm?.resourceVersion !== '2');
    expect(bm).toEqual({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '2' } }, resourceVersion: '2' });
    store.put('/registry/pods/ns/a');
    const next = await r.take(1);
    expect(names(next)).toEqual(['ADDED a@3']);
    const plainEvents = await reader(plain).take(1);
    expect(names(plainEvents)).toEqual(['ADDED a@3']);
  });

  it('ends a watcher that falls too far behind without disturbing the others', async () => {
    const store = new FakeStore();
    const c = await started(store, { maxWatcherBuffer: 5 });
    const slow = c.watch({ prefix: '/registry/pods/', resourceVersion: '1' });
    const fast = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '1' }));
    for (let i = 0; i < 10; i++) {
      store.put(`/registry/pods/ns/p${i}`);
      expect(names(await fast.take(1))).toEqual([`ADDED p${i}@${i + 2}`]);
    }
    expect(c.watcherCount).toBe(1);
    expect(await reader(slow).ended()).toBe(true);
  });

  it('resumes the store watch after a failure without gaps or duplicates', async () => {
    const store = new FakeStore();
    const c = await started(store);
    const r = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '0' }));
    store.put('/registry/pods/ns/a');
    expect(names(await r.take(1))).toEqual(['ADDED a@2']);
    store.breakWatches(new StorageError('Unavailable', 'etcd went away'));
    store.put('/registry/pods/ns/b'); // while no store watch is open
    store.put('/registry/pods/ns/c');
    expect(names(await r.take(2))).toEqual(['ADDED b@3', 'ADDED c@4']);
    expect(store.watchCalls).toBe(2);
    expect(store.listCalls).toHaveLength(1);
  });

  it('re-lists after a 410 from the store: watchers end, old revisions 410, the new state is served', async () => {
    const store = new FakeStore();
    store.put('/registry/pods/ns/a'); // 2
    const c = await started(store);
    const r = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '0' }));
    expect(await r.take(1)).toHaveLength(1);
    store.breakWatches(new StorageError('Unavailable', 'etcd went away'));
    store.put('/registry/pods/ns/b'); // 3
    store.del('/registry/pods/ns/a'); // 4
    await store.compact(4); // the resumed watch from 3 finds revision 3 gone
    expect(await r.ended()).toBe(true);
    await until(() => c.ready && c.resourceVersion === 4);
    expect(store.listCalls).toHaveLength(2);
    const listed = await c.list({ prefix: '/registry/pods/', resourceVersion: '0' });
    expect(listed.items.map((o) => o.metadata.name)).toEqual(['b']);
    const stale = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '2' }));
    expect((await stale.take(1))[0]?.object).toMatchObject({ code: 410, message: 'too old resource version: 2 (4)' });
    const fresh = reader(c.watch({ prefix: '/registry/pods/', resourceVersion: '4' }));
    store.put('/registry/pods/ns/c');
    expect(names(await fresh.take(1))).toEqual(['ADDED c@5']);
  });

  it('counts watchers until closed or broken out of; stop ends every watcher and refuses new ones', async () => {
    const store = new FakeStore();
    const c = await started(store);
    const a = c.watch({ prefix: '/registry/pods/' });
    const b = c.watch({ prefix: '/registry/pods/' });
    expect(c.watcherCount).toBe(2);
    a.close();
    expect(c.watcherCount).toBe(1);
    store.put('/registry/pods/ns/x');
    for await (const ev of b) {
      expect(ev.type).toBe('ADDED');
      break;
    }
    expect(c.watcherCount).toBe(0);
    const open = reader(c.watch({ prefix: '/registry/pods/' }));
    c.stop();
    expect(await open.ended()).toBe(true);
    expect(store.watches.size).toBe(0);
    const [err] = await reader(c.watch({ prefix: '/registry/pods/' })).take(1);
    expect(err?.object).toMatchObject({ code: 503 });
  });

  it('rejects an invalid resourceVersion with a 400 ERROR event', async () => {
    const c = await started(new FakeStore());
    const [err] = await reader(c.watch({ prefix: '/registry/pods/', resourceVersion: 'abc' })).take(1);
    expect(err?.object).toMatchObject({ reason: 'BadRequest', code: 400 });
  });

  it('fits the registry as its WatchSource, and lets the REST layer encode a shared event once', async () => {
    const store = new FakeStore();
    const c = await started(store);
    const source: WatchSource = c;
    const rs = [reader(source.watch({ prefix: '/registry/pods/' })), reader(source.watch({ prefix: '/registry/pods/' }))];
    store.put('/registry/pods/ns/a');
    let encodes = 0;
    for (const r of rs) {
      const [ev] = await r.take(1);
      serializeOnce(ev as WatchEvent, 'json', (e) => (encodes++, JSON.stringify(e)));
    }
    expect(encodes).toBe(1);
  });
});
