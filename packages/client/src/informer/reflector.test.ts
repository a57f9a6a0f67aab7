import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelite/api';
import { KubeClient } from '../rest/kube-client.js';
import type { ResourceClient } from '../rest/resource.js';
import { FakeApiServer, statusBody, type RecordedRequest } from '../rest/testing/fake-apiserver.js';
import { ExponentialBackoff } from './backoff.js';
import { Reflector, type ReflectorStore } from './reflector.js';

const cm = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

/** Records what the reflector delivers, as a plain name → resourceVersion map plus a log. */
class RecordingStore implements ReflectorStore<KubeObject> {
  readonly state = new Map<string, string>();
  readonly log: string[] = [];
  replace(items: KubeObject[], rv: string): void {
    this.state.clear();
    for (const o of items) this.state.set(o.metadata.name!, o.metadata.resourceVersion!);
    this.log.push(`replace@${rv} ${items.length}`);
  }
  add(o: KubeObject): void {
    this.state.set(o.metadata.name!, o.metadata.resourceVersion!);
    this.log.push(`add ${o.metadata.name}`);
  }
  update(o: KubeObject): void {
    this.state.set(o.metadata.name!, o.metadata.resourceVersion!);
    this.log.push(`update ${o.metadata.name}`);
  }
  delete(o: KubeObject): void {
    this.state.delete(o.metadata.name!);
    this.log.push(`delete ${o.metadata.name}`);
  }
}

let server: FakeApiServer;
let client: KubeClient;
let cms: ResourceClient;
let ac: AbortController;
let errors: unknown[];

beforeEach(async () => {
  server = new FakeApiServer();
  client = new KubeClient({ server: await server.start(), insecureSkipTlsVerify: false, namespace: 'default' }, { qps: -1 });
  cms = client.resource('', 'v1', 'configmaps');
  ac = new AbortController();
  errors = [];
});

afterEach(async () => {
  ac.abort();
  client.close();
  await server.stop();
});

function start(store: RecordingStore, opts: { pageSize?: number } = {}): { reflector: Reflector<KubeObject>; done: Promise<void> } {
  const reflector = new Reflector(cms, store, {
    ...opts,
    name: 'v1/configmaps',
    backoff: new ExponentialBackoff({ initialMs: 5, maxMs: 20, random: () => 0 }),
    onError: (e) => errors.push(e),
  });
  return { reflector, done: reflector.run(ac.signal) };
}

const lists = (): RecordedRequest[] => server.requests.filter((r) => r.method === 'GET' && !r.url.searchParams.has('watch'));
const watches = (): RecordedRequest[] => server.requests.filter((r) => r.url.searchParams.get('watch') === 'true');
const q = (r: RecordedRequest | undefined, k: string): string | null => r?.url.searchParams.get(k) ?? null;

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** One event on the open watch, so that closing it is not a "very short watch". */
async function touch(store: RecordingStore, name = 'touch'): Promise<void> {
  server.put('v1/configmaps', cm(name));
  await waitFor(() => store.state.get(name) === server.resourceVersion);
}

describe('Reflector', () => {
  it('lists at resourceVersion 0, then watches from the list with bookmarks and a randomised timeout', async () => {
    server.put('v1/configmaps', cm('a'));
    server.put('v1/configmaps', cm('b'));
    const listRv = server.resourceVersion;
    const store = new RecordingStore();
    const { reflector } = start(store);
    await waitFor(() => server.openWatches === 1);
    expect(store.log).toEqual([`replace@${listRv} 2`]);
    expect([q(lists()[0], 'resourceVersion'), q(lists()[0], 'limit')]).toEqual(['0', '500']);
    const w = watches()[0];
    expect([q(w, 'resourceVersion'), q(w, 'allowWatchBookmarks')]).toEqual([listRv, 'true']);
    const timeout = Number(q(w, 'timeoutSeconds'));
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThan(600);

    server.put('v1/configmaps', cm('c'));
    server.put('v1/configmaps', { ...cm('a'), metadata: { ...cm('a').metadata, labels: { x: 'y' } } });
    server.remove('v1/configmaps', 'default', 'b');
    await waitFor(() => store.log.length === 4);
    expect(store.log.slice(1)).toEqual(['add c', 'update a', 'delete b']);
    expect([...store.state.keys()].sort()).toEqual(['a', 'c']);
    expect(reflector.lastSyncResourceVersion).toBe(server.resourceVersion);
  });

  it('re-watches from the last resourceVersion seen (bookmarks included) when a watch ends, without listing', async () => {
    const store = new RecordingStore();
    const { reflector } = start(store);
    await waitFor(() => server.openWatches === 1);
    server.put('v1/configmaps', cm('a'));
    await waitFor(() => store.state.has('a'));
    const afterA = server.resourceVersion;
    server.closeWatches();
    await waitFor(() => watches().length === 2 && server.openWatches === 1);
    expect(q(watches()[1], 'resourceVersion')).toBe(afterA);

    // The server moves on without events for this watcher; a bookmark carries the new rv.
    server.put('v1/secrets', { metadata: { name: 's', namespace: 'default' } });
    server.bookmark('v1/configmaps', 'ConfigMap', 'v1');
    await waitFor(() => reflector.lastSyncResourceVersion === server.resourceVersion);
    server.closeWatches();
    await waitFor(() => watches().length === 3);
    expect(q(watches()[2], 'resourceVersion')).toBe(server.resourceVersion);
    expect(lists()).toHaveLength(1);
  });

  it('re-lists after a 410 ERROR event, from the last rv seen and unpaged', async () => {
    server.put('v1/configmaps', cm('a'));
    const store = new RecordingStore();
    start(store);
    await waitFor(() => server.openWatches === 1);
    await touch(store);
    const seen = server.resourceVersion;
    // Changes happen while the watch is down, and history is compacted past them.
    server.closeWatches();
    server.put('v1/configmaps', cm('b'));
    server.compact();
    await waitFor(() => lists().length === 2 && server.openWatches === 1);
    expect(errors.some((e) => (e as { reason?: string }).reason === 'Expired')).toBe(true);
    expect([q(lists()[1], 'resourceVersion'), q(lists()[1], 'limit')]).toEqual([seen, null]);
    expect([...store.state.keys()].sort()).toEqual(['a', 'b', 'touch']);
  });

  it('re-lists after an HTTP 410 on the watch, and with a consistent read when the list answers 410', async () => {
    server.expiredWatchAs = 'http';
    server.put('v1/configmaps', cm('a'));
    const store = new RecordingStore();
    start(store);
    await waitFor(() => server.openWatches === 1);
    await touch(store);
    const seen = server.resourceVersion;
    server.closeWatches();
    server.put('v1/configmaps', cm('b'));
    server.compact();
    server.inject.push({
      match: (r) => !r.url.searchParams.has('watch') && r.url.searchParams.get('resourceVersion') === seen,
      answer: { status: 410, body: statusBody(410, 'Expired', 'too old resource version') },
    });
    await waitFor(() => store.state.has('b'));
    const rvs = lists().map((r) => q(r, 'resourceVersion'));
    expect(rvs).toEqual(['0', seen, null]);
  });

  it('pages lists: a paginated first list keeps later lists paged', async () => {
    for (let i = 0; i < 501; i++) server.put('v1/configmaps', cm(`c${String(i).padStart(3, '0')}`));
    const store = new RecordingStore();
    start(store);
    await waitFor(() => server.openWatches === 1);
    expect(store.state.size).toBe(501);
    expect(lists().map((r) => [q(r, 'limit'), q(r, 'continue') !== null])).toEqual([
      ['500', false],
      ['500', true],
    ]);
    await touch(store);
    server.inject.push({ match: (r) => r.url.searchParams.has('watch'), answer: { status: 500, body: statusBody(500, 'InternalError', 'boom') } });
    server.closeWatches();
    await waitFor(() => lists().length === 4 && server.openWatches === 1);
    expect([q(lists()[2], 'resourceVersion'), q(lists()[2], 'limit')]).toEqual([server.resourceVersion, '500']);
  });

  it('backs off and retries when lists fail, and treats a watch that ends at once as a failure', async () => {
    server.inject.push(
      { match: () => true, answer: { status: 500, body: statusBody(500, 'InternalError', 'boom') } },
      { match: () => true, answer: { status: 503, body: 'unavailable' } },
    );
    server.put('v1/configmaps', cm('a'));
    const store = new RecordingStore();
    start(store);
    await waitFor(() => server.openWatches === 1);
    expect(lists()).toHaveLength(3);
    expect(store.state.has('a')).toBe(true);

    await touch(store);
    server.inject.push({ match: (r) => r.url.searchParams.has('watch'), answer: { status: 200, body: '' } });
    server.closeWatches();
    await waitFor(() => lists().length === 4 && server.openWatches === 1);
    expect(errors.some((e) => /very short watch/.test(String(e)))).toBe(true);
  });

  it('stops promptly on abort, closing its watch', async () => {
    const store = new RecordingStore();
    const { done } = start(store);
    await waitFor(() => server.openWatches === 1);
    ac.abort();
    await done;
    await waitFor(() => server.openWatches === 0);
  });
});
