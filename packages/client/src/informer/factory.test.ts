import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelite/api';
import { KubeClient } from '../rest/kube-client.js';
import { FakeApiServer } from '../rest/testing/fake-apiserver.js';
import { SharedInformerFactory } from './factory.js';

const obj = (ns: string, name: string, labels?: Record<string, string>): KubeObject => ({ metadata: { namespace: ns, name, labels } });

let server: FakeApiServer;
let client: KubeClient;

beforeEach(async () => {
  server = new FakeApiServer();
  client = new KubeClient({ server: await server.start(), insecureSkipTlsVerify: false, namespace: 'default' }, { qps: -1 });
});

afterEach(async () => {
  client.close();
  await server.stop();
});

describe('SharedInformerFactory', () => {
  it('shares one informer per resource, starts them, waits for sync and serves listers', async () => {
    server.put('v1/pods', obj('a', 'p1', { app: 'web' }));
    server.put('v1/pods', obj('a', 'p2', { app: 'db' }));
    server.put('v1/pods', obj('b', 'p3', { app: 'web' }));
    server.put('v1/nodes', { metadata: { name: 'n1' } });
    server.put('apps/v1/deployments', obj('a', 'd1'));
    const factory = new SharedInformerFactory(client);
    const pods = factory.forResource('', 'v1', 'pods');
    expect(factory.forKind('v1', 'Pod')).toBe(pods);
    factory.forResource('', 'v1', 'nodes');
    const ac = new AbortController();
    factory.start(ac.signal);
    const deployments = factory.forKind('apps/v1', 'Deployment');
    expect(deployments.hasSynced()).toBe(false);
    factory.start(ac.signal);

    const synced = await factory.waitForCacheSync(AbortSignal.timeout(3000));
    expect(Object.fromEntries(synced)).toEqual({ 'v1/pods': true, 'v1/nodes': true, 'apps/v1/deployments': true });
    expect(server.requests.filter((r) => r.url.pathname === '/api/v1/pods' && !r.url.searchParams.has('watch'))).toHaveLength(1);

    const lister = factory.lister(client.resource('', 'v1', 'pods').info);
    expect(lister.list('app=web').map((p) => p.metadata.name).sort()).toEqual(['p1', 'p3']);
    expect(lister.namespace('a').list().map((p) => p.metadata.name).sort()).toEqual(['p1', 'p2']);
    expect(lister.namespace('a').get('p2')?.metadata.labels).toEqual({ app: 'db' });
    expect(factory.lister(client.resource('', 'v1', 'nodes').info).get('n1')).toBeDefined();

    await factory.shutdown();
    expect(pods.isStopped && deployments.isStopped).toBe(true);
  });

  it('restricts informers to a namespace and selectors', async () => {
    server.put('v1/pods', obj('a', 'p1', { app: 'web' }));
    server.put('v1/pods', obj('b', 'p2', { app: 'web' }));
    server.put('v1/pods', obj('a', 'p3', { app: 'db' }));
    const factory = new SharedInformerFactory(client, { namespace: 'a', labelSelector: 'app=web' });
    const pods = factory.forResource('', 'v1', 'pods');
    factory.start();
    await factory.waitForCacheSync(AbortSignal.timeout(3000));
    expect(pods.getIndexer().listKeys()).toEqual(['a/p1']);
    const list = server.requests.find((r) => !r.url.searchParams.has('watch'))!;
    expect(list.url.pathname).toBe('/api/v1/namespaces/a/pods');
    expect(list.url.searchParams.get('labelSelector')).toBe('app=web');
    await factory.shutdown();
  });
});
