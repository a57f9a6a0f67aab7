import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelite/api';
import { isExpired } from './errors.js';
import { KubeClient } from './kube-client.js';
import type { ResourceClient } from './resource.js';
import { FakeApiServer } from './testing/fake-apiserver.js';
import type { Watch, WatchEvent } from './watch.js';

const cm = (name: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
});

let server: FakeApiServer;
let client: KubeClient;
let cms: ResourceClient;

beforeEach(async () => {
  server = new FakeApiServer();
  client = new KubeClient({ server: await server.start(), insecureSkipTlsVerify: false, namespace: 'default' });
  cms = client.resource('', 'v1', 'configmaps').namespace('default');
});

afterEach(async () => {
  client.close();
  await server.stop();
});

async function take(w: Watch<KubeObject>, n: number): Promise<Array<WatchEvent<KubeObject>>> {
  const out: Array<WatchEvent<KubeObject>> = [];
  const it = w[Symbol.asyncIterator]();
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

const summary = (es: Array<WatchEvent<KubeObject>>): string[] => es.map((e) => `${e.type} ${e.type === 'ERROR' ? 'error' : (e.object.metadata.name ?? e.object.metadata.resourceVersion)}`);

describe('watch', () => {
  it('starts with synthetic ADDED events, then streams changes, across byte-sized chunks', async () => {
    server.splitWatchWrites = true;
    server.put('v1/configmaps', cm('ünï-名前'));
    const w = await cms.watch({ allowWatchBookmarks: true, timeoutSeconds: 60 });
    const first = await take(w, 1);
    server.put('v1/configmaps', cm('b'));
    server.put('v1/configmaps', { ...cm('b'), data: { x: '1' } } as KubeObject);
    server.remove('v1/configmaps', 'default', 'b');
    server.bookmark('v1/configmaps', 'ConfigMap', 'v1');
    const rest = await take(w, 4);
    expect(summary([...first, ...rest])).toEqual(['ADDED ünï-名前', 'ADDED b', 'MODIFIED b', 'DELETED b', `BOOKMARK ${server.resourceVersion}`]);
    const q = server.requests[0]!.url.searchParams;
    expect([q.get('watch'), q.get('allowWatchBookmarks'), q.get('timeoutSeconds')]).toEqual(['true', 'true', '60']);
    w.close();
  });

  it('resumes after a resourceVersion with only the later events, also without newlines', async () => {
    server.omitNewlines = true;
    server.put('v1/configmaps', cm('a'));
    const rv = server.resourceVersion;
    server.put('v1/configmaps', cm('b'));
    server.put('v1/configmaps', cm('c', { keep: 'no' }));
    const w = await cms.watch({ resourceVersion: rv });
    expect(summary(await take(w, 2))).toEqual(['ADDED b', 'ADDED c']);
    w.close();
    const selected = await cms.watch({ resourceVersion: rv, labelSelector: 'keep=no' });
    expect(summary(await take(selected, 1))).toEqual(['ADDED c']);
    selected.close();
  });

  it('ends the iteration when the server closes the stream or the caller closes it', async () => {
    const w = await cms.watch({ resourceVersion: server.resourceVersion });
    const drained = take(w, 10);
    await waitFor(() => server.openWatches === 1);
    server.closeWatches();
    expect(await drained).toEqual([]);
    expect(w.done).toBe(true);

    const mine = await cms.watch({ resourceVersion: server.resourceVersion });
    const pending = take(mine, 10);
    mine.close();
    expect(await pending).toEqual([]);
    await waitFor(() => server.openWatches === 0);
  });

  it('closes the connection when the consumer breaks out of for-await', async () => {
    server.put('v1/configmaps', cm('a'));
    const w = await cms.watch({});
    for await (const e of w) {
      expect(e.type).toBe('ADDED');
      break;
    }
    await waitFor(() => server.openWatches === 0);
  });

  it('surfaces an ERROR event with its Status, and an HTTP 410 as an expired ApiError', async () => {
    server.put('v1/configmaps', cm('a'));
    server.put('v1/configmaps', cm('b'));
    server.compact();
    const w = await cms.watch({ resourceVersion: '1' });
    const [e] = await take(w, 1);
    expect(e!.type).toBe('ERROR');
    expect(e!.type === 'ERROR' && [e.object.code, e.object.reason]).toEqual([410, 'Expired']);

    server.expiredWatchAs = 'http';
    await expect(cms.watch({ resourceVersion: '1' })).rejects.toSatisfy(isExpired);
  });

  it('ends with a decode error on a corrupt stream', async () => {
    server.inject.push({ match: (r) => r.url.searchParams.has('watch'), answer: { status: 200, body: '{"type":"ADDED","object":{}}\n{"type":"NOPE","object":{}}\n' } });
    const w = await cms.watch({});
    const it = w[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ type: 'ADDED' });
    await expect(it.next()).rejects.toThrow(/undecodable event/);
  });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
