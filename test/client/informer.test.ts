// Informers against the real kube-apiserver: the cache and events every controller is built on.
// What a controller relies on: the cache is complete before hasSynced() says so, handlers see
// every change other components make, and the informer keeps going by itself when its watch
// connection drops, when the apiserver it talks to is replaced, and when its resourceVersion has
// become too old (410) — re-listing only when it must, and reporting missed deletions.
//
// A RestConfig names one server URL, so to move an informer from one apiserver process to
// another without touching it, its client talks to a small TCP proxy on 127.0.0.1 (the position
// a load balancer in front of several apiservers has). TLS passes through untouched (the serving
// certificate names 127.0.0.1). The proxy can drop every connection, hold new ones, and switch
// to another apiserver — all the network events the informer must survive.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { ConfigMap, KubeObject } from '@kubelite/api';
import {
  DeletedFinalStateUnknown,
  KubeClient,
  NAMESPACE_INDEX,
  SharedIndexInformer,
  SharedInformerFactory,
  isGoneOrExpired,
  loadRestConfig,
  type ListerWatcher,
  type ResourceClient,
  type ResourceEventHandler,
} from '@kubelite/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type ApiServerProcess, type TestCluster } from '../support/apiserver.js';

class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly held: Socket[] = [];
  private holding = false;

  private constructor(
    private readonly server: Server,
    private targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server, targetPort);
    server.on('connection', (s) => proxy.accept(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    const addr = this.server.address();
    if (addr === null || typeof addr === 'string') throw new Error('proxy is not listening');
    return `https://127.0.0.1:${addr.port}`;
  }

  retarget(port: number): void {
    this.targetPort = port;
  }

  /** New connections wait (their bytes buffered) until release(). */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const s of this.held.splice(0)) this.forward(s);
  }

  /** Cuts every open connection, as a crashed apiserver or a broken network would. */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    for (const s of this.held.splice(0)) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (this.holding) {
      client.pause();
      this.held.push(client);
    } else {
      this.forward(client);
    }
  }

  private forward(client: Socket): void {
    if (client.destroyed) return;
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** Polls `cond` every 20 ms until it holds; fails naming `what` after timeoutMs. */
async function until(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Seen = { kind: 'add' | 'update' | 'delete' | 'tombstone'; key: string; rv: string };

/** A handler that records what it is told, as `add ns/name`, … */
function recorder(): { handler: ResourceEventHandler<ConfigMap>; seen: Seen[]; has: (kind: Seen['kind'], key: string) => boolean } {
  const seen: Seen[] = [];
  const key = (o: KubeObject): string => `${o.metadata.namespace}/${o.metadata.name}`;
  const handler: ResourceEventHandler<ConfigMap> = {
    onAdd: (o) => seen.push({ kind: 'add', key: key(o), rv: o.metadata.resourceVersion ?? '' }),
    onUpdate: (_old, o) => seen.push({ kind: 'update', key: key(o), rv: o.metadata.resourceVersion ?? '' }),
    onDelete: (o) =>
      seen.push(o instanceof DeletedFinalStateUnknown ? { kind: 'tombstone', key: o.key, rv: o.obj.metadata.resourceVersion ?? '' } : { kind: 'delete', key: key(o), rv: o.metadata.resourceVersion ?? '' }),
  };
  return { handler, seen, has: (kind, k) => seen.some((s) => s.kind === kind && s.key === k) };
}

const cm = (ns: string, name: string, data: Record<string, string> = {}): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });

describe('informers against the real apiserver', () => {
  let cluster: TestCluster;
  let proxy: TcpProxy;
  const clients: KubeClient[] = [];
  const clientAt = (server: string, agent: string): KubeClient => {
    const c = new KubeClient({ ...loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), server }, { userAgent: agent });
    clients.push(c);
    return c;
  };
  /** Writes go straight to an apiserver, never through the proxy, like another component's. */
  const writerAt = (a: ApiServerProcess): ResourceClient<ConfigMap> => clientAt(a.url, 'test-writer').resource<ConfigMap>('', 'v1', 'configmaps');

  beforeAll(async () => {
    cluster = await startTestCluster();
    proxy = await TcpProxy.start(cluster.apiservers[0]!.port);
    const admin = clientAt(cluster.url, 'test-setup');
    for (const ns of ['inf-a', 'inf-b', 'inf-resume', 'inf-410']) {
      await admin.resource('', 'v1', 'namespaces').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await proxy?.close();
    await cluster?.stop();
  });

  it('factory: initial sync fills the cache and the namespace index; handlers see another client\'s changes', async () => {
    const writer = writerAt(cluster.apiservers[0]!);
    await writer.namespace('inf-a').create(cm('inf-a', 'one', { v: '1' }));
    await writer.namespace('inf-a').create(cm('inf-a', 'two'));
    await writer.namespace('inf-b').create(cm('inf-b', 'three'));

    const factory = new SharedInformerFactory(clientAt(proxy.url, 'test-informer'));
    const informer = factory.forResource<ConfigMap>('', 'v1', 'configmaps');
    const rec = recorder();
    const reg = informer.addEventHandler(rec.handler);
    // Same resource, so the lister reads the informer's cache (one informer per resource).
    const lister = factory.lister<ConfigMap>(writer.info);
    expect(factory.informerFor(writer.info)).toBe(informer);
    expect(informer.hasSynced()).toBe(false);
    factory.start();
    try {
      const synced = await factory.waitForCacheSync(AbortSignal.timeout(10_000));
      expect(synced.get('v1/configmaps')).toBe(true);
      expect(informer.hasSynced()).toBe(true);
      expect(reg.hasSynced()).toBe(true);
      // Everything the list returned is in the cache (and was handed to the handler) at sync.
      expect(lister.namespace('inf-a').list().map((c) => c.metadata.name).sort()).toEqual(['one', 'two']);
      expect(lister.namespace('inf-a').get('one')?.data).toEqual({ v: '1' });
      expect(informer.getIndexer().byIndex(NAMESPACE_INDEX, 'inf-b').map((c) => c.metadata.name)).toEqual(['three']);
      expect(rec.has('add', 'inf-a/one') && rec.has('add', 'inf-a/two') && rec.has('add', 'inf-b/three')).toBe(true);

      const one = await writer.namespace('inf-a').get('one');
      const updated = await writer.namespace('inf-a').update({ ...one, data: { v: '2' } });
      await writer.namespace('inf-a').delete('two');
      const created = await writer.namespace('inf-b').create(cm('inf-b', 'four'));
      await until('update, delete and add events', () => rec.has('update', 'inf-a/one') && rec.has('delete', 'inf-a/two') && rec.has('add', 'inf-b/four'));
      expect(rec.seen.find((s) => s.kind === 'update' && s.key === 'inf-a/one')?.rv).toBe(updated.metadata.resourceVersion);
      expect(lister.namespace('inf-a').get('one')?.data).toEqual({ v: '2' });
      expect(lister.namespace('inf-a').get('two')).toBeUndefined();
      expect(lister.namespace('inf-b').get('four')?.metadata.uid).toBe(created.metadata.uid);
      expect(informer.lastSyncResourceVersion).toMatch(/^\d+$/);
    } finally {
      await factory.shutdown();
    }
  });

  /** An informer over one namespace whose lists and watches are counted. */
  function countedInformer(ns: string): { informer: SharedIndexInformer<ConfigMap>; lists: () => number; watches: () => number; errors: unknown[] } {
    const rc = clientAt(proxy.url, 'test-informer').resource<ConfigMap>('', 'v1', 'configmaps').namespace(ns);
    let lists = 0;
    let watches = 0;
    const lw: ListerWatcher<ConfigMap> = {
      list: (o) => (lists++, rc.list(o)),
      watch: (o) => (watches++, rc.watch(o)),
    };
    const errors: unknown[] = [];
    const informer = new SharedIndexInformer<ConfigMap>(lw, { name: `configmaps/${ns}`, onError: (e) => errors.push(e) });
    return { informer, lists: () => lists, watches: () => watches, errors };
  }

  it('resumes from its resourceVersion, without a re-list, when connections drop and when its apiserver is replaced', async () => {
    const a = cluster.apiservers[0]!;
    const w = writerAt(a).namespace('inf-resume');
    const { informer, lists, watches } = countedInformer('inf-resume');
    const rec = recorder();
    informer.addEventHandler(rec.handler);
    informer.start();
    try {
      await until('sync', () => informer.hasSynced());
      await w.create(cm('inf-resume', 'r1'));
      await until('r1 added', () => rec.has('add', 'inf-resume/r1'));

      // 1. Every connection cut (apiserver still up): the reflector watches again from the last
      //    resourceVersion it saw, so a change made while it was reconnecting is not lost.
      const watchesBefore = watches();
      proxy.dropAll();
      await w.create(cm('inf-resume', 'r2'));
      await until('r2 added after the drop', () => rec.has('add', 'inf-resume/r2'));
      expect(watches()).toBeGreaterThan(watchesBefore);

      // 2. A second apiserver on the same store takes over and the first one stops. The second
      //    one's watch cache starts at the store revision of its start, so the informer must
      //    have seen something newer than that to resume there without a 410: r3 is that.
      const b = await cluster.addApiServer();
      await w.create(cm('inf-resume', 'r3'));
      await until('r3 added', () => rec.has('add', 'inf-resume/r3'));
      proxy.retarget(b.port);
      await a.stop();
      const wb = writerAt(b).namespace('inf-resume');
      const r1 = await wb.get('r1');
      await wb.update({ ...r1, data: { via: 'b' } });
      await wb.delete('r2');
      await wb.create(cm('inf-resume', 'r4'));
      await until('events through the second apiserver', () => rec.has('update', 'inf-resume/r1') && rec.has('delete', 'inf-resume/r2') && rec.has('add', 'inf-resume/r4'));
      expect(lists()).toBe(1);
      expect(rec.seen.filter((s) => s.kind === 'tombstone')).toEqual([]);
      expect(informer.getIndexer().list().map((c) => c.metadata.name).sort()).toEqual(['r1', 'r3', 'r4']);
    } finally {
      await informer.stop();
    }
  });

  it('re-lists on 410 Expired and reports deletions it missed as DeletedFinalStateUnknown', async () => {
    // The apiserver in front is the last one added (the previous test may have stopped the first).
    const a = cluster.apiservers.at(-1)!;
    proxy.retarget(a.port);
    const w = writerAt(a).namespace('inf-410');
    await w.create(cm('inf-410', 'keep', { v: '1' }));
    await w.create(cm('inf-410', 'doomed'));
    const { informer, lists, errors } = countedInformer('inf-410');
    const rec = recorder();
    informer.addEventHandler(rec.handler);
    informer.start();
    try {
      await until('sync', () => informer.hasSynced());
      await w.create(cm('inf-410', 'seen'));
      await until('seen added', () => rec.has('add', 'inf-410/seen'));

      // Cut the watch and hold the re-watch while the world moves on; then answer it from a new
      // apiserver whose watch cache starts after the informer's resourceVersion: 410 Expired.
      proxy.hold();
      proxy.dropAll();
      const keep = await w.get('keep');
      await w.update({ ...keep, data: { v: '2' } });
      await w.delete('doomed');
      await w.create(cm('inf-410', 'late'));
      const b = await cluster.addApiServer();
      proxy.retarget(b.port);
      proxy.release();

      await until('the re-list', () => rec.has('tombstone', 'inf-410/doomed') && rec.has('add', 'inf-410/late'));
      expect(errors.some((e) => isGoneOrExpired(e))).toBe(true);
      expect(lists()).toBe(2);
      // A re-list hands every listed object to onUpdate, the changed one with its new state.
      expect(informer.getIndexer().getByKey('inf-410/keep')?.data).toEqual({ v: '2' });
      expect(rec.has('update', 'inf-410/keep')).toBe(true);
      expect(informer.getIndexer().list().map((c) => c.metadata.name).sort()).toEqual(['keep', 'late', 'seen']);
      const tomb = rec.seen.find((s) => s.kind === 'tombstone');
      expect(tomb).toMatchObject({ key: 'inf-410/doomed' });

      // And it is live again afterwards, watching the new apiserver.
      await writerAt(b).namespace('inf-410').delete('seen');
      await until('delete after the re-list', () => rec.has('delete', 'inf-410/seen'));
    } finally {
      proxy.release();
      await informer.stop();
    }
  });
});
