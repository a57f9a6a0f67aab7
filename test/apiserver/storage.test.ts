// The apiserver storage layer, run as one suite against etcd-lite AND the real etcd: a difference
// between the two is a bug in one of them (or in a storage assumption).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EtcdStore,
  compactRound,
  decodeContinue,
  encodeContinue,
  isStorageError,
  type ObjectInput,
  type StorageError,
  type Watcher,
  type WatchEvent,
} from '../../packages/apiserver/src/storage/index.js';
import { freePort } from '../support/ports.js';
import { etcdLiteBin, realEtcdAvailable, requireTool, startEtcd, type EtcdFlavor, type EtcdServer } from '../support/etcd-servers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const flavors: Array<{ flavor: EtcdFlavor; available: boolean }> = [
  { flavor: 'etcd-lite', available: requireTool(`etcd-lite (${etcdLiteBin})`, existsSync(etcdLiteBin)) },
  { flavor: 'etcd', available: requireTool('etcd', realEtcdAvailable()) },
];

const pod = (name: string, extra: Record<string, unknown> = {}): ObjectInput => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  ...extra,
});

/** Awaits a storage rejection and returns it, so tests can check code and message. */
async function storageError(p: Promise<unknown>): Promise<StorageError> {
  try {
    await p;
  } catch (err) {
    if (isStorageError(err)) return err;
    throw err;
  }
  throw new Error('expected a StorageError, got success');
}

/** Reads events from one watcher with a deadline (one iterator per watcher: single consumer). */
function reader(w: Watcher) {
  const it = w[Symbol.asyncIterator]();
  return {
    async take(n: number, ms = 10_000): Promise<WatchEvent[]> {
      const out: WatchEvent[] = [];
      const deadline = Date.now() + ms;
      while (out.length < n) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, rej) => {
          timer = setTimeout(() => rej(new Error(`timed out after ${out.length}/${n} events`)), deadline - Date.now());
        });
        const r = await Promise.race([it.next(), timeout]).finally(() => clearTimeout(timer));
        if (r.done) break;
        out.push(r.value);
      }
      return out;
    },
  };
}

describe('continue tokens', () => {
  it('round-trip in the Kubernetes format and reject path traversal and garbage', () => {
    const t = encodeContinue('/registry/pods/a/b\0', '/registry/pods/', 42);
    expect(JSON.parse(Buffer.from(t, 'base64url').toString())).toEqual({ v: 'meta.k8s.io/v1', rv: 42, start: 'a/b\0' });
    expect(decodeContinue(t, '/registry/pods/')).toEqual({ key: '/registry/pods/a/b\0', rv: 42 });
    const evil = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 5, start: '../secrets/x' })).toString('base64url');
    expect(() => decodeContinue(evil, '/registry/pods/')).toThrow(/continue key is not valid/);
    expect(() => decodeContinue('not-a-token', '/registry/pods/')).toThrow(/invalid continue token/);
    const zero = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' })).toString('base64url');
    expect(() => decodeContinue(zero, '/registry/pods/')).toThrow(/resourceVersion/);
  });
});

for (const { flavor, available } of flavors) {
  describe.skipIf(!available)(`storage against ${flavor}`, () => {
    let server: EtcdServer;
    let store: EtcdStore;
    let other: EtcdStore; // a second apiserver's view, for concurrent writers

    beforeAll(async () => {
      server = await startEtcd(flavor);
      store = EtcdStore.connect({ servers: server.clientUrl });
      other = EtcdStore.connect({ servers: server.clientUrl });
    });
    afterAll(async () => {
      store?.close();
      other?.close();
      await server?.stop();
    });

    it('create sets resourceVersion to the put revision; get reads it back; the stored JSON has none', async () => {
      const before = await store.currentRevision();
      const created = await store.create('/registry/pods/default/web', pod('web'));
      expect(Number(created.metadata.resourceVersion)).toBe(before + 1);
      const got = await store.get('/registry/pods/default/web');
      expect(got).toEqual(created);
      const raw = await store.client.range({ key: Buffer.from('/registry/pods/default/web') });
      const stored = JSON.parse(raw.kvs[0]!.value.toString()) as { metadata: Record<string, unknown> };
      expect(stored.metadata.resourceVersion).toBeUndefined();
      expect(raw.kvs[0]!.mod_revision).toBe(created.metadata.resourceVersion);

      const dup = await storageError(store.create('/registry/pods/default/web', pod('web')));
      expect(dup.code).toBe('AlreadyExists');
      expect(dup.httpStatus).toBe(409);
      const missing = await storageError(store.get('/registry/pods/default/nope'));
      expect(missing.code).toBe('NotFound');
      const withRv = await storageError(store.create('/registry/pods/default/x', pod('x', { metadata: { name: 'x', resourceVersion: '5' } })));
      expect(withRv.code).toBe('InvalidResourceVersion');
      const future = await storageError(store.get('/registry/pods/default/web', { resourceVersion: String(before + 1000) }));
      expect(future.code).toBe('ResourceVersionTooLarge');
    });

    it('guaranteedUpdate: precondition conflict, no-op update, new revision on change', async () => {
      const c = await store.create('/registry/pods/default/upd', pod('upd'));
      const stale = await storageError(
        store.guaranteedUpdate('/registry/pods/default/upd', { resourceVersion: '1' }, (cur) => cur),
      );
      expect(stale.code).toBe('Conflict');
      expect(stale.message).toMatch(/the object has been modified/);
      const badUid = await storageError(store.guaranteedUpdate('/registry/pods/default/upd', { uid: 'other' }, (cur) => cur));
      expect(badUid.code).toBe('Conflict');

      const same = await store.guaranteedUpdate('/registry/pods/default/upd', undefined, (cur) => cur);
      expect(same.metadata.resourceVersion).toBe(c.metadata.resourceVersion);

      const u = await store.guaranteedUpdate('/registry/pods/default/upd', { resourceVersion: c.metadata.resourceVersion }, (cur) => ({
        ...cur,
        metadata: { ...cur.metadata, labels: { a: 'b' } },
      }));
      expect(Number(u.metadata.resourceVersion)).toBeGreaterThan(Number(c.metadata.resourceVersion));
      expect((await store.get('/registry/pods/default/upd')).metadata.labels).toEqual({ a: 'b' });
      expect((await storageError(store.guaranteedUpdate('/registry/pods/default/none', undefined, (x) => x))).code).toBe('NotFound');
    });

    it('guaranteedUpdate retries with the fresh object when a concurrent writer wins the CAS', async () => {
      const key = '/registry/configmaps/default/counter';
      await store.create(key, { kind: 'ConfigMap', metadata: { name: 'counter' }, data: { n: '0', by: '' } });
      let calls = 0;
      const result = await store.guaranteedUpdate(key, undefined, async (cur) => {
        calls++;
        if (calls === 1) {
          // Another apiserver writes between our read and our Txn.
          await other.guaranteedUpdate(key, undefined, (o) => ({ ...o, data: { ...(o.data as object), by: 'other' } }));
        }
        const data = cur.data as { n: string; by: string };
        return { ...cur, data: { ...data, n: String(Number(data.n) + 1) } };
      });
      expect(calls).toBe(2);
      expect(result.data).toEqual({ n: '1', by: 'other' });

      // Many concurrent increments from two clients: none is lost.
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? store : other).guaranteedUpdate(key, undefined, (cur) => {
            const data = cur.data as { n: string; by: string };
            return { ...cur, data: { ...data, n: String(Number(data.n) + 1) } };
          }),
        ),
      );
      expect((await store.get(key)).data).toMatchObject({ n: '13' });
    });

    it('guaranteedUpdate from a cached object: no read when fresh; stale → etcd decides; lease kept', async () => {
      const key = '/registry/configmaps/default/cached';
      const v1 = await store.create(key, { kind: 'ConfigMap', metadata: { name: 'cached' }, data: { n: '1' } });
      let reads = 0;
      const range = store.client.range.bind(store.client);
      store.client.range = (req) => {
        reads++;
        return range(req);
      };
      try {
        const bump = (cur: ObjectInput): ObjectInput => ({ ...cur, data: { n: String(Number((cur.data as { n: string }).n) + 1) } });
        // Fresh: one Txn, no Range.
        const v2 = await store.guaranteedUpdate(key, undefined, bump, { cachedExisting: v1 });
        expect([v2.data, reads]).toEqual([{ n: '2' }, 0]);
        // Stale (v1 again): the CAS fails and the failure branch's read is used — still no Range.
        const v3 = await store.guaranteedUpdate(key, undefined, bump, { cachedExisting: v1 });
        expect([v3.data, reads]).toEqual([{ n: '3' }, 0]);
        // Stale and refused by tryUpdate (it only accepts n=3): decided again on etcd's version.
        const strict = (cur: ObjectInput): ObjectInput => {
          if ((cur.data as { n: string }).n !== '3') throw new Error('refused on stale data');
          return bump(cur);
        };
        expect((await store.guaranteedUpdate(key, undefined, strict, { cachedExisting: v2 })).data).toEqual({ n: '4' });
        // A stale precondition failure is re-checked against etcd too.
        const v4 = await store.get(key);
        const pre = { resourceVersion: v4.metadata.resourceVersion! };
        expect((await store.guaranteedUpdate(key, pre, bump, { cachedExisting: v3 })).data).toEqual({ n: '5' });
        // A no-op against a stale copy is confirmed against etcd, which differs: a real write.
        const v5 = await store.get(key);
        const noop = await store.guaranteedUpdate(key, undefined, () => ({ ...v4, metadata: { name: 'cached' } }), { cachedExisting: v4 });
        expect(noop.data).toEqual({ n: '4' });
        expect(Number(noop.metadata.resourceVersion)).toBeGreaterThan(Number(v5.metadata.resourceVersion));
      } finally {
        store.client.range = range;
      }
      // A cached copy of a key deleted since: NotFound, not an etcd error about ignore_lease.
      const gone = await store.create('/registry/configmaps/default/gone', { kind: 'ConfigMap', metadata: { name: 'gone' } });
      await store.delete('/registry/configmaps/default/gone');
      const missing = await storageError(store.guaranteedUpdate('/registry/configmaps/default/gone', undefined, (cur) => ({ ...cur, data: { a: 'b' } }), { cachedExisting: gone }));
      expect(missing.code).toBe('NotFound');
      // An object with a lease keeps it when updated from the cache (etcd's ignore_lease).
      const ev = await store.create('/registry/events/cache-test/cached', { kind: 'Event', metadata: { name: 'cached' } }, 3600);
      await store.guaranteedUpdate('/registry/events/cache-test/cached', undefined, (cur) => ({ ...cur, count: 2 }), { cachedExisting: ev });
      const raw = await store.client.range({ key: Buffer.from('/registry/events/cache-test/cached') });
      expect(raw.kvs[0]!.lease).not.toBe('0');
      expect(JSON.parse(raw.kvs[0]!.value.toString())).toMatchObject({ count: 2 });
    });

    it('delete honours preconditions and returns the deleted object', async () => {
      const key = '/registry/pods/default/del';
      const c = await store.create(key, pod('del'));
      expect((await storageError(store.delete(key, { uid: 'wrong' }))).code).toBe('Conflict');
      expect((await storageError(store.delete(key, { resourceVersion: '2' }))).code).toBe('Conflict');
      const refused = store.delete(key, undefined, {
        validateDeletion: () => {
          throw new Error('has finalizers');
        },
      });
      await expect(refused).rejects.toThrow('has finalizers');
      const deleted = await store.delete(key, { uid: 'uid-del', resourceVersion: c.metadata.resourceVersion });
      expect(deleted).toEqual(c);
      expect((await storageError(store.get(key))).code).toBe('NotFound');
      expect((await storageError(store.delete(key))).code).toBe('NotFound');
    });

    it('list pages with continue at the first page revision, with remainingItemCount', async () => {
      for (const n of ['a', 'b', 'c', 'd', 'e']) await store.create(`/registry/pods/ns1/${n}`, pod(n, { spec: { n } }));
      await store.create('/registry/pods/ns10/z', pod('z')); // shares the string prefix, not the directory
      const p1 = await store.list('/registry/pods/ns1', { limit: 2 });
      expect(p1.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
      expect(p1.remainingItemCount).toBe(3);
      expect(p1.continue).toBeTruthy();
      // A change after the first page is not seen by later pages: they read at the first page's revision.
      await store.create('/registry/pods/ns1/f', pod('f'));
      await store.delete('/registry/pods/ns1/e');
      const p2 = await store.list('/registry/pods/ns1', { limit: 2, continue: p1.continue });
      expect(p2.items.map((o) => o.metadata.name)).toEqual(['c', 'd']);
      expect(p2.resourceVersion).toBe(p1.resourceVersion);
      expect(p2.remainingItemCount).toBe(1);
      const p3 = await store.list('/registry/pods/ns1', { limit: 2, continue: p2.continue });
      expect(p3.items.map((o) => o.metadata.name)).toEqual(['e']);
      expect(p3.continue).toBeUndefined();
      expect(p3.remainingItemCount).toBeUndefined();

      const all = await store.list('/registry/pods/ns1/');
      expect(all.items.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'f']);
      expect(Number(all.resourceVersion)).toBe(await store.currentRevision());
      expect(await store.count('/registry/pods/ns1')).toBe(5);

      // Exact read of the past; a predicate fills the page across etcd pages and omits the count.
      const exact = await store.list('/registry/pods/ns1', { resourceVersion: p1.resourceVersion, resourceVersionMatch: 'Exact' });
      expect(exact.items.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
      const filtered = await store.list('/registry/pods/ns1', {
        limit: 1,
        predicate: (o) => ['d', 'f'].includes(o.metadata.name ?? ''),
      });
      expect(filtered.items.map((o) => o.metadata.name)).toEqual(['d']);
      expect(filtered.remainingItemCount).toBeUndefined();
      const filtered2 = await store.list('/registry/pods/ns1', {
        limit: 1,
        continue: filtered.continue,
        predicate: (o) => ['d', 'f'].includes(o.metadata.name ?? ''),
      });
      expect(filtered2.items.map((o) => o.metadata.name)).toEqual(['f']);
      const tooNew = await storageError(
        store.list('/registry/pods/ns1', { resourceVersion: String(Number(all.resourceVersion) + 100), resourceVersionMatch: 'NotOlderThan' }),
      );
      expect(tooNew.code).toBe('ResourceVersionTooLarge');
      expect((await storageError(store.list('/registry/pods/ns1', { resourceVersion: 'abc' }))).code).toBe('InvalidResourceVersion');
    });

    it('watch from a past resourceVersion replays ADDED, MODIFIED, DELETED; BOOKMARK on progress', async () => {
      const start = await store.currentRevision();
      const c = await store.create('/registry/pods/w/one', pod('one'));
      const u = await store.guaranteedUpdate('/registry/pods/w/one', undefined, (cur) => ({ ...cur, status: { phase: 'Running' } }));
      await store.create('/registry/pods/other/x', pod('x')); // outside the watched prefix
      await store.delete('/registry/pods/w/one');
      const delRev = await store.currentRevision();

      const w = await store.watch('/registry/pods/w', { resourceVersion: String(start), recursive: true, progressNotify: true });
      const r = reader(w);
      const evs = await r.take(3);
      expect(evs.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
      expect(evs[0]!.object).toEqual(c);
      expect(evs[1]!.object).toEqual(u);
      expect(evs[2]!.resourceVersion).toBe(String(delRev));
      expect(evs[2]!.object).toEqual({ ...u, metadata: { ...u.metadata, resourceVersion: String(delRev) } });

      // Live events, then a progress request becomes a BOOKMARK at the current revision.
      const live = await store.create('/registry/pods/w/two', pod('two'));
      expect((await r.take(1))[0]).toMatchObject({ type: 'ADDED', resourceVersion: live.metadata.resourceVersion });
      await sleep(100);
      store.requestWatchProgress();
      const [bm] = await r.take(1);
      expect(bm).toMatchObject({ type: 'BOOKMARK', resourceVersion: live.metadata.resourceVersion });
      w.close();
      expect(await r.take(1, 2000)).toEqual([]);

      // Single-key watch with initial state.
      const w2 = await store.watch('/registry/pods/w/two', { initialEvents: true });
      const r2 = reader(w2);
      expect((await r2.take(1))[0]).toMatchObject({ type: 'ADDED', object: live });
      await store.guaranteedUpdate('/registry/pods/w/two', undefined, (cur) => ({ ...cur, spec: {} }));
      expect((await r2.take(1))[0]!.type).toBe('MODIFIED');
      w2.close();
    });

    it('compaction: expired continue token and watch from a compacted revision → too old (410)', async () => {
      for (const n of ['a', 'b', 'c']) await store.create(`/registry/secrets/s/${n}`, pod(n));
      const p1 = await store.list('/registry/secrets/s', { limit: 1 });
      await store.create('/registry/secrets/s/d', pod('d'));
      const rev = await store.currentRevision();
      const res = await store.compact(rev);
      expect(res.compacted).toBe(true);
      expect((await store.compact(rev)).compacted).toBe(false); // already compacted there

      const expired = await storageError(store.list('/registry/secrets/s', { limit: 1, continue: p1.continue }));
      expect(expired.code).toBe('ResourceVersionTooOld');
      expect(expired.httpStatus).toBe(410);
      expect(expired.reason).toBe('Expired');
      expect(expired.inconsistentContinue).toBeTruthy();
      const resumed = await store.list('/registry/secrets/s', { continue: expired.inconsistentContinue });
      expect(resumed.items.map((o) => o.metadata.name)).toEqual(['b', 'c', 'd']);

      const w = await store.watch('/registry/secrets/s', { resourceVersion: String(Number(p1.resourceVersion) - 1), recursive: true });
      const evs = await reader(w).take(2);
      expect(evs).toHaveLength(1);
      expect(evs[0]!.type).toBe('ERROR');
      expect(evs[0]!.object).toMatchObject({
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: `too old resource version: ${Number(p1.resourceVersion) - 1} (${rev})`,
      });
      const old = await storageError(
        store.list('/registry/secrets/s', { resourceVersion: p1.resourceVersion, resourceVersionMatch: 'Exact' }),
      );
      expect(old.code).toBe('ResourceVersionTooOld');
    });

    it('the Kubernetes-style compactor claims a round by CAS, then compacts the revision seen a round before', async () => {
      // store.compact() above already bumped compact_rev_key's version: a stale `t` loses the CAS.
      let s = await compactRound(store.client, 0, 0);
      expect(s.t).toBeGreaterThan(0);
      const recorded = s.rev;
      await store.create('/registry/pods/compactor/a', pod('a'));
      s = await compactRound(store.client, s.t, s.rev);
      const old = await storageError(
        store.list('/registry/pods/compactor', { resourceVersion: String(recorded - 1), resourceVersionMatch: 'Exact' }),
      );
      expect(old.code).toBe('ResourceVersionTooOld');
      const at = await store.list('/registry/pods/compactor', { resourceVersion: String(recorded), resourceVersionMatch: 'Exact' });
      expect(at.items).toEqual([]);
      // Another apiserver that saw the same version loses this round and does not compact.
      const lost = await compactRound(other.client, s.t - 1, s.rev);
      expect(lost.t).toBe(s.t);
    });

    it('objects with a TTL share a lease and expire', async () => {
      const a = await store.create('/registry/events/default/a', { kind: 'Event', metadata: { name: 'a' } }, 2);
      const b = await store.create('/registry/events/default/b', { kind: 'Event', metadata: { name: 'b' } }, 2);
      const kept = await store.create('/registry/events/default/kept', { kind: 'Event', metadata: { name: 'kept' } });
      const raw = await store.client.range({ key: Buffer.from('/registry/events/default/'), range_end: Buffer.from('/registry/events/default0') });
      const lease = (name: string): string => raw.kvs.find((kv) => kv.key.toString().endsWith(`/${name}`))!.lease;
      expect(lease('a')).not.toBe('0');
      expect(lease('kept')).toBe('0');
      // Same TTL, long enough for reuse slack (5%, at most 60 s): one lease for both, as for Events' 1 h.
      const h1 = await other.create('/registry/events/long/h1', { kind: 'Event', metadata: { name: 'h1' } }, 3600);
      const h2 = await other.create('/registry/events/long/h2', { kind: 'Event', metadata: { name: 'h2' } }, 3600);
      const rawLong = await other.client.range({ key: Buffer.from('/registry/events/long/'), range_end: Buffer.from('/registry/events/long0') });
      expect(rawLong.kvs.map((kv) => kv.lease)).toEqual([rawLong.kvs[0]!.lease, rawLong.kvs[0]!.lease]);
      expect(rawLong.kvs[0]!.lease).not.toBe('0');
      expect(h1.metadata.resourceVersion).not.toBe(h2.metadata.resourceVersion);
      // An update keeps the lease (a plain put would make the event immortal).
      await store.guaranteedUpdate('/registry/events/default/a', undefined, (cur) => ({ ...cur, count: 2 }));
      const w = await store.watch('/registry/events/default', { resourceVersion: b.metadata.resourceVersion, recursive: true });
      const r = reader(w);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && (await store.count('/registry/events/default')) > 1) await sleep(200);
      expect((await store.list('/registry/events/default')).items.map((o) => o.metadata.name)).toEqual(['kept']);
      const evs = await r.take(4);
      expect(evs.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED', 'DELETED']);
      expect(evs.slice(2).map((e) => e.object.metadata.name).sort()).toEqual(['a', 'b']);
      w.close();
      expect(a.metadata.resourceVersion).not.toBe(kept.metadata.resourceVersion);
    });

    it('a watch survives an etcd restart: resumes after the last delivered revision, no gap, no duplicate', async () => {
      const w = await store.watch('/registry/pods/rs', { recursive: true });
      const r = reader(w);
      const a = await store.create('/registry/pods/rs/a', pod('a'));
      expect((await r.take(1))[0]).toMatchObject({ type: 'ADDED', resourceVersion: a.metadata.resourceVersion });
      const clientPort = Number(new URL(server.clientUrl).port);
      const metricsPort = Number(new URL(server.metricsUrl).port);
      // kill -9 rather than SIGTERM: etcd-lite's graceful stop waits for open watch streams (it is
      // SIGKILLed after 10 s anyway), and a crash is the harder case for the client.
      await server.kill9();
      server = await startEtcd(flavor, { dataDir: server.dataDir, clientPort, metricsPort });
      // Written while the watch stream is down or reconnecting: must still arrive, once.
      const deadline = Date.now() + 20_000;
      let b: Awaited<ReturnType<typeof store.create>> | undefined;
      while (!b && Date.now() < deadline) {
        try {
          b = await other.create('/registry/pods/rs/b', pod('b'));
        } catch (err) {
          if (!isStorageError(err, 'Unavailable')) throw err;
          await sleep(200);
        }
      }
      const c = await other.create('/registry/pods/rs/c', pod('c'));
      const evs = await r.take(2, 20_000);
      expect(evs.map((e) => [e.type, e.resourceVersion])).toEqual([
        ['ADDED', b?.metadata.resourceVersion],
        ['ADDED', c.metadata.resourceVersion],
      ]);
      w.close();
    });

    it('health, and failover from a dead endpoint to a live one', async () => {
      await store.health();
      const dead = `http://127.0.0.1:${await freePort()}`;
      const failover = EtcdStore.connect({ servers: `${dead},${server.clientUrl}`, requestTimeoutMs: 3000 });
      try {
        await failover.health();
        const o = await failover.create('/registry/pods/default/fo', pod('fo'));
        expect((await store.get('/registry/pods/default/fo')).metadata.resourceVersion).toBe(o.metadata.resourceVersion);
        expect(failover.client.activeEndpoint).toBe(server.endpoint);
      } finally {
        failover.close();
      }
      const down = EtcdStore.connect({ servers: dead, requestTimeoutMs: 2000 });
      try {
        const err = await storageError(down.health());
        expect(err.code).toBe('Unavailable');
        expect(err.httpStatus).toBe(503);
      } finally {
        down.close();
      }
    });
  });
}
