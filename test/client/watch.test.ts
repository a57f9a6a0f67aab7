// Watches through the client against the real kube-apiserver: the stream a reflector builds its
// cache from. What it relies on: every change after a list's resourceVersion arrives, in order,
// exactly once; the stream ends when the server's timeout is up or the caller aborts; a too-old
// resourceVersion comes back as an ERROR event carrying a 410 Expired Status.
import type { ConfigMap } from '@kubelite/api';
import {
  ApiError,
  KubeClient,
  isExpired,
  isGoneOrExpired,
  loadRestConfig,
  type ResourceClient,
  type Watch,
  type WatchEvent,
} from '@kubelite/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';

const NS = 'default';

const configMap = (name: string, labels: Record<string, string>, data: Record<string, string> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

/** The next `n` events, or a failure naming what did arrive once `timeoutMs` has passed. */
async function take<T>(w: Watch<T>, n: number, timeoutMs = 5000): Promise<Array<WatchEvent<T>>> {
  const it = w[Symbol.asyncIterator]();
  const got: Array<WatchEvent<T>> = [];
  const deadline = Date.now() + timeoutMs;
  while (got.length < n) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()))));
    const r = await Promise.race([it.next(), timeout]);
    clearTimeout(timer);
    if (r === 'timeout') throw new Error(`only ${got.length} of ${n} events within ${timeoutMs} ms: ${JSON.stringify(got.map((e) => e.type))}`);
    if (r.done) throw new Error(`watch ended after ${got.length} of ${n} events: ${JSON.stringify(got.map((e) => e.type))}`);
    got.push(r.value);
  }
  return got;
}

/** Resolves once the watch's iteration ends; rejects if it yields anything first or outlives timeoutMs. */
async function ended<T>(w: Watch<T>, timeoutMs: number): Promise<void> {
  const it = w[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const r = await Promise.race([it.next(), timeout]);
  clearTimeout(timer);
  if (r === 'timeout') throw new Error(`watch still open after ${timeoutMs} ms`);
  if (!r.done) throw new Error(`unexpected ${r.value.type} event`);
}

describe('watch through the client against the real apiserver', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let writer: KubeClient;
  let cms: ResourceClient<ConfigMap>;

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { userAgent: 'test-watcher' });
    // Changes come from a second client (its own connection pool), as from another component.
    writer = new KubeClient(loadRestConfig({ kubeconfig: cluster.certKubeconfig }), { userAgent: 'test-writer' });
    cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
  });
  afterAll(async () => {
    client?.close();
    writer?.close();
    await cluster?.stop();
  });

  it('from a list resourceVersion: ADDED, MODIFIED, DELETED in order, with rising resourceVersions', async () => {
    const w2 = writer.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
    await w2.create(configMap('before-list', { w: 'order' }));
    const list = await cms.list({ labelSelector: 'w=order' });
    expect(list.items.map((c) => c.metadata.name)).toEqual(['before-list']);
    const w = await cms.watch({ labelSelector: 'w=order', resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30 });
    try {
      const created = await w2.create(configMap('watched', { w: 'order' }, { v: '1' }));
      const updated = await w2.update({ ...created, data: { v: '2' } });
      await w2.delete('watched');
      // A change outside the selector must not show up between ours.
      await w2.create(configMap('other', { w: 'elsewhere' }));
      const events = await take(w, 3);
      expect(events.map((e) => [e.type, (e.object as ConfigMap).metadata.name])).toEqual([
        ['ADDED', 'watched'],
        ['MODIFIED', 'watched'],
        ['DELETED', 'watched'],
      ]);
      const [added, modified, deleted] = events.map((e) => e.object as ConfigMap);
      expect(added?.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
      expect(modified?.metadata.resourceVersion).toBe(updated.metadata.resourceVersion);
      expect(modified?.data).toEqual({ v: '2' });
      // The DELETED event carries the last state, at the deletion's resourceVersion.
      expect(deleted?.data).toEqual({ v: '2' });
      expect(Number(deleted?.metadata.resourceVersion)).toBeGreaterThan(Number(updated.metadata.resourceVersion));
      // Nothing from before the list's resourceVersion is replayed.
      expect(events.some((e) => (e.object as ConfigMap).metadata.name === 'before-list')).toBe(false);
    } finally {
      w.close();
    }
  });

  it('resourceVersion "0" replays current state as ADDED before live events', async () => {
    await cms.create(configMap('replay-a', { w: 'replay' }));
    const w = await cms.watch({ labelSelector: 'w=replay', resourceVersion: '0', timeoutSeconds: 30 });
    try {
      const [first] = await take(w, 1);
      expect(first).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'replay-a' } } });
      await writer.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS).create(configMap('replay-b', { w: 'replay' }));
      const [second] = await take(w, 1);
      expect(second).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'replay-b' } } });
    } finally {
      w.close();
    }
  });

  it('allowWatchBookmarks: the watch is accepted and delivers events', async () => {
    // The apiserver's watch cache sends a BOOKMARK only after a watcher has been idle for 60 s
    // (Kubernetes' default; not a flag here), which would make this test a minute long. So this
    // asserts only that asking for bookmarks is accepted and changes nothing else; a bookmark's
    // shape (object with only metadata.resourceVersion) is covered by the apiserver's own tests.
    const list = await cms.list({ labelSelector: 'w=bookmarks' });
    const w = await cms.watch({ labelSelector: 'w=bookmarks', resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 30 });
    try {
      await cms.create(configMap('bm', { w: 'bookmarks' }));
      const events = await take(w, 1);
      expect(events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.type)).toEqual(['ADDED']);
    } finally {
      w.close();
    }
  });

  it('a too-old resourceVersion surfaces as an ERROR event with a 410 Expired Status, then the stream ends', async () => {
    // The apiserver answers 200 and puts the 410 inside the stream (as kube-apiserver does), so
    // watch() resolves and the caller sees an ERROR event; ApiError.fromStatus makes it testable
    // with the same helpers a reflector uses to decide to re-list.
    const w = await cms.watch({ resourceVersion: '1', timeoutSeconds: 30 });
    const [ev] = await take(w, 1);
    expect(ev?.type).toBe('ERROR');
    if (ev?.type !== 'ERROR') return;
    expect(ev.object).toMatchObject({ kind: 'Status', status: 'Failure', code: 410, reason: 'Expired' });
    const err = ApiError.fromStatus(ev.object);
    expect(isExpired(err)).toBe(true);
    expect(isGoneOrExpired(err)).toBe(true);
    await ended(w, 5000);
    expect(w.done).toBe(true);
  });

  it('ends by itself after timeoutSeconds, and at once when the caller aborts', async () => {
    const list = await cms.list({ labelSelector: 'w=none' });
    const timed = await cms.watch({ labelSelector: 'w=none', resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 1 });
    await ended(timed, 5000);

    const abort = new AbortController();
    const aborted = await cms.watch({ labelSelector: 'w=none', resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30, signal: abort.signal });
    const done = ended(aborted, 2000);
    abort.abort();
    await done;
  });

  it('a watch on one name (fieldSelector metadata.name) sees only that object', async () => {
    const list = await cms.list();
    const w = await cms.watch({ fieldSelector: 'metadata.name=just-me', resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30 });
    try {
      await cms.create(configMap('not-me', {}));
      await cms.create(configMap('just-me', {}));
      const [ev] = await take(w, 1);
      expect(ev).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'just-me' } } });
    } finally {
      w.close();
    }
  });
});
