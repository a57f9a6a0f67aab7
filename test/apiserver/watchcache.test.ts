// The watch cache against a real etcd-lite (and the real etcd when installed) through EtcdStore:
// what watchers and lists see, and that N watchers cost etcd one watch.
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EtcdStore,
  StorageError,
  type ListOptions,
  type ObjectInput,
  type ObjectStore,
  type StoredObject,
  type Watcher,
  type WatchEvent,
  type WatchOptions,
} from '../../packages/apiserver/src/storage/index.js';
import { Cacher, type CacherOptions } from '../../packages/apiserver/src/watchcache/index.js';
import { etcdLiteBin, realEtcdAvailable, requireTool, startEtcd, type EtcdFlavor, type EtcdServer } from '../support/etcd-servers.js';

const flavors: Array<{ flavor: EtcdFlavor; available: boolean }> = [
  { flavor: 'etcd-lite', available: requireTool(`etcd-lite (${etcdLiteBin})`, existsSync(etcdLiteBin)) },
  { flavor: 'etcd', available: requireTool('etcd', realEtcdAvailable()) },
];

/** The store the cacher sees, with a switch to take its watches away (etcd unreachable). */
class SeverableStore {
  watchCalls = 0;
  blocked = false;
  private readonly open = new Set<Watcher>();

  constructor(readonly inner: EtcdStore) {}

  view(): ObjectStore {
    return new Proxy(this.inner, {
      get: (target, prop, receiver) => {
        if (prop === 'watch') return (key: string, opts?: WatchOptions) => this.watch(key, opts);
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  /** Ends every open watch and refuses new ones until `blocked` is cleared. */
  sever(): void {
    this.blocked = true;
    for (const w of this.open) w.close();
    this.open.clear();
  }

  private async watch(key: string, opts?: WatchOptions): Promise<Watcher> {
    this.watchCalls++;
    if (this.blocked) throw new StorageError('Unavailable', 'etcd unavailable (test)');
    const w = await this.inner.watch(key, opts);
    this.open.add(w);
    return w;
  }
}

function reader(w: Watcher) {
  const it = w[Symbol.asyncIterator]();
  return {
    async take(n: number, ms = 10_000): Promise<WatchEvent[]> {
      const out: WatchEvent[] = [];
      while (out.length < n) {
        const r = await withDeadline(it.next(), ms, `timed out after ${out.length}/${n} events`);
        if (r.done) break;
        out.push(r.value);
      }
      return out;
    },
    async ended(ms = 10_000): Promise<boolean> {
      return (await withDeadline(it.next(), ms, 'watch did not end')).done === true;
    },
  };
}

async function withDeadline<T>(p: Promise<T>, ms: number, msg: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(msg)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Polls what has no event to await (a metric, readiness), bounded. */
async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pod = (ns: string, name: string, app = 'web'): ObjectInput => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, uid: `uid-${name}` },
  spec: { app },
});
const isWeb = (o: StoredObject): boolean => (o as { spec?: { app?: string } }).spec?.app === 'web';
const names = (evs: WatchEvent[]): string[] => evs.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`);
const rvOf = (o: StoredObject): number => Number(o.metadata.resourceVersion);

for (const { flavor, available } of flavors) {
  describe.skipIf(!available)(`watch cache against ${flavor}`, () => {
    let server: EtcdServer;
    let store: EtcdStore;
    let cachers: Cacher[] = [];
    let stores: EtcdStore[] = [];
    let n = 0;

    beforeAll(async () => {
      server = await startEtcd(flavor);
      store = EtcdStore.connect({ servers: server.clientUrl });
    });
    afterEach(() => {
      for (const c of cachers) c.stop();
      for (const s of stores) s.close();
      cachers = [];
      stores = [];
    });
    afterAll(async () => {
      store?.close();
      await server?.stop();
    });

    /** A cacher on its own connection and a fresh resource prefix. */
    async function cacher(opts: Partial<CacherOptions> = {}) {
      const prefix = `/registry/wc${++n}/`;
      const own = new SeverableStore(EtcdStore.connect({ servers: server.clientUrl }));
      stores.push(own.inner);
      const c = new Cacher({ store: own.view(), prefix, ...opts });
      cachers.push(c);
      return { c, prefix, own, key: (ns: string, name: string) => `${prefix}${ns}/${name}` };
    }

    async function etcdWatchers(): Promise<number> {
      const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
      const m = /^etcd_debugging_mvcc_watcher_total (\d+)/m.exec(text);
      if (!m) throw new Error('etcd_debugging_mvcc_watcher_total missing from /metrics');
      return Number(m[1]);
    }

    it('serves 20 watchers from one etcd watch; rv 0 lists equal the store list', async () => {
      const { c, prefix, own, key } = await cacher();
      await store.create(key('b', 'p1'), pod('b', 'p1'));
      await store.create(key('a', 'p2'), pod('a', 'p2', 'db'));
      const before = await etcdWatchers();
      await c.start();
      await until(async () => (await etcdWatchers()) === before + 1);
      const rs = Array.from({ length: 20 }, () => reader(c.watch({ prefix, resourceVersion: '0' })));
      for (const r of rs) expect(names(await r.take(2))).toEqual(['ADDED p2', 'ADDED p1']);
      const created = await store.create(key('a', 'p3'), pod('a', 'p3'));
      for (const r of rs) expect(await r.take(1)).toEqual([{ type: 'ADDED', object: created, resourceVersion: created.metadata.resourceVersion }]);
      expect(await etcdWatchers()).toBe(before + 1);
      expect(own.watchCalls).toBe(1);

      const fromCache = await c.list({ prefix, resourceVersion: '0' });
      expect(fromCache.items).toEqual((await store.list(prefix)).items);
      const ns = await c.list({ prefix: `${prefix}a/`, resourceVersion: '0', predicate: isWeb });
      expect(ns.items).toEqual((await store.list(`${prefix}a/`, { predicate: isWeb } satisfies ListOptions)).items);
      const consistent = await c.list({ prefix });
      expect(Number(consistent.resourceVersion)).toBeGreaterThanOrEqual(rvOf(created));
    });

    it('resumes from a resourceVersion in the history; too old → 410 Expired', async () => {
      const { c, prefix, key } = await cacher({ historyCapacity: 3 });
      await c.start();
      const listRV = c.resourceVersion;
      const a = await store.create(key('ns', 'a'), pod('ns', 'a'));
      const a2 = await store.guaranteedUpdate(key('ns', 'a'), undefined, (cur) => ({ ...cur, spec: { app: 'web', v: 2 } }));
      const gone = await store.delete(key('ns', 'a'));
      const deletedAt = String(await store.currentRevision());
      await c.waitUntilFresh(Number(deletedAt));
      const resumed = reader(c.watch({ prefix, resourceVersion: a.metadata.resourceVersion }));
      const evs = await resumed.take(2);
      expect(evs.map((e) => [e.type, e.object, e.resourceVersion])).toEqual([
        ['MODIFIED', a2, a2.metadata.resourceVersion],
        // A deleted object carries the deletion revision.
        ['DELETED', { ...gone, metadata: { ...gone.metadata, resourceVersion: deletedAt } }, deletedAt],
      ]);

      const fromList = reader(c.watch({ prefix, resourceVersion: String(listRV) }));
      expect(names(await fromList.take(3))).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
      const b = await store.create(key('ns', 'b'), pod('ns', 'b')); // evicts the oldest kept event
      await c.waitUntilFresh(rvOf(b));
      const tooOld = reader(c.watch({ prefix, resourceVersion: String(listRV) }));
      const [err] = await tooOld.take(1);
      expect(err?.type).toBe('ERROR');
      expect(err?.object).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${listRV} (${a.metadata.resourceVersion})`,
        reason: 'Expired',
        code: 410,
      });
      expect(await tooOld.ended()).toBe(true);
    });

    it('delivers predicate transitions as ADDED / MODIFIED / DELETED', async () => {
      const { c, prefix, key } = await cacher();
      await c.start();
      const r = reader(c.watch({ prefix, resourceVersion: '0', predicate: isWeb }));
      const k = key('ns', 'x');
      const set = (app: string) => store.guaranteedUpdate(k, undefined, (cur) => ({ ...cur, spec: { app } }));
      await store.create(k, pod('ns', 'x', 'db')); // never matched: nothing
      const added = await set('web'); // starts matching: ADDED
      const modified = await store.guaranteedUpdate(k, undefined, (cur) => ({ ...cur, spec: { app: 'web', v: 2 } }));
      const left = await set('db'); // stops matching: DELETED with the content it last matched with
      await set('db2'); // matches neither before nor after: nothing
      const back = await set('web');
      const evs = await r.take(4);
      expect(evs.map((e) => [e.type, e.resourceVersion])).toEqual([
        ['ADDED', added.metadata.resourceVersion],
        ['MODIFIED', modified.metadata.resourceVersion],
        ['DELETED', left.metadata.resourceVersion],
        ['ADDED', back.metadata.resourceVersion],
      ]);
      expect(evs[2]?.object).toEqual({ ...modified, metadata: { ...modified.metadata, resourceVersion: left.metadata.resourceVersion } });
    });

    it('sends bookmarks with etcd’s revision, and catches up to a revision made by another resource', async () => {
      const { c, prefix, key } = await cacher({ bookmarkIntervalMs: 100 });
      await c.start();
      const r = reader(c.watch({ prefix, resourceVersion: String(c.resourceVersion), allowBookmarks: true }));
      const elsewhere = await store.create('/registry/elsewhere/ns/z', pod('ns', `z${n}`));
      let bm: WatchEvent | undefined;
      do [bm] = await r.take(1);
      while (bm?.type === 'BOOKMARK' && Number(bm.resourceVersion) < rvOf(elsewhere));
      expect(bm).toEqual({ type: 'BOOKMARK', object: { metadata: { resourceVersion: bm?.resourceVersion } }, resourceVersion: bm?.resourceVersion });

      const other = await store.create('/registry/elsewhere/ns/y', pod('ns', `y${n}`));
      const fromOther = reader(c.watch({ prefix, resourceVersion: other.metadata.resourceVersion }));
      const mine = await store.create(key('ns', 'm'), pod('ns', 'm'));
      expect(await fromOther.take(1)).toEqual([{ type: 'ADDED', object: mine, resourceVersion: mine.metadata.resourceVersion }]);
    });

    it('re-lists when its store watch comes back to a compacted revision', async () => {
      const { c, prefix, own, key } = await cacher();
      await store.create(key('ns', 'a'), pod('ns', 'a'));
      await c.start();
      const startRV = c.resourceVersion;
      const r = reader(c.watch({ prefix, resourceVersion: '0' }));
      expect(names(await r.take(1))).toEqual(['ADDED a']);

      own.sever(); // etcd "unreachable" for the cacher while others write and compact
      await store.create(key('ns', 'b'), pod('ns', 'b'));
      await store.delete(key('ns', 'a'));
      await store.compact(await store.currentRevision());
      own.blocked = false;

      expect(await r.ended()).toBe(true); // ended, so the client resumes (and gets a 410 below)
      await until(() => c.ready && c.resourceVersion > startRV);
      const listed = await c.list({ prefix, resourceVersion: '0' });
      expect(listed.items.map((o) => o.metadata.name)).toEqual(['b']);
      const stale = reader(c.watch({ prefix, resourceVersion: String(startRV) }));
      expect((await stale.take(1))[0]?.object).toMatchObject({ reason: 'Expired', code: 410 });
      const fresh = reader(c.watch({ prefix, resourceVersion: listed.resourceVersion }));
      const d = await store.create(key('ns', 'd'), pod('ns', 'd'));
      expect(await fresh.take(1)).toEqual([{ type: 'ADDED', object: d, resourceVersion: d.metadata.resourceVersion }]);
    });
  });
}
