import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject, Status } from '@kubelite/api';
import type { RestConfig } from '../kubeconfig.js';
import { createCa, issueClientCert, issueServingCert } from '../pki/certificates.js';
import { userAgentFor } from './client.js';
import {
  ApiError,
  isAlreadyExists,
  isApiError,
  isConflict,
  isExpired,
  isGone,
  isGoneOrExpired,
  isNotFound,
  isRestError,
  type RestError,
} from './errors.js';
import { KubeClient } from './kube-client.js';
import { FakeApiServer, statusBody } from './testing/fake-apiserver.js';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

const configFor = (server: string, extra: Partial<RestConfig> = {}): RestConfig => ({
  server,
  insecureSkipTlsVerify: false,
  namespace: 'default',
  ...extra,
});

let server: FakeApiServer;
let client: KubeClient;

beforeEach(async () => {
  server = new FakeApiServer();
  client = new KubeClient(configFor(await server.start()), { userAgent: 'kube-test' });
});

afterEach(async () => {
  client.close();
  await server.stop();
});

describe('KubeClient CRUD', () => {
  it('creates, reads, updates, patches and deletes with the right paths, verbs and headers', async () => {
    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace('default');
    const created = await cms.create(cm('a', { k: 'v' }), { fieldManager: 'me' });
    expect(created.metadata.resourceVersion).toBeDefined();
    expect((await cms.get('a')).data).toEqual({ k: 'v' });

    const updated = await cms.update({ ...created, data: { k: 'v2' } });
    expect(updated.data).toEqual({ k: 'v2' });
    const patched = await cms.patch('a', 'merge', { data: { extra: '1' } });
    expect(patched.data).toEqual({ k: 'v2', extra: '1' });
    await cms.delete('a', { propagationPolicy: 'Background', gracePeriodSeconds: 0, preconditions: { uid: created.metadata.uid } });
    await expect(cms.get('a')).rejects.toSatisfy(isNotFound);

    const [post, get, put, patch, del] = server.requests;
    expect(post!.method).toBe('POST');
    expect(post!.url.pathname).toBe('/api/v1/namespaces/default/configmaps');
    expect(post!.url.searchParams.get('fieldManager')).toBe('me');
    expect(post!.headers['user-agent']).toBe('kube-test/v1.32.0-kubelite');
    expect(post!.headers.accept).toBe('application/json');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(get!.url.pathname).toBe('/api/v1/namespaces/default/configmaps/a');
    expect(put!.method).toBe('PUT');
    expect(patch!.headers['content-type']).toBe('application/merge-patch+json');
    expect(JSON.parse(del!.body)).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Background',
      preconditions: { uid: created.metadata.uid },
    });
  });

  it('routes group resources, cluster-scoped resources, subresources and kinds', async () => {
    const deploy = client.forKind('apps/v1', 'Deployment').namespace('ns1');
    expect(deploy.path('ns1', 'web', 'scale')).toBe('/apis/apps/v1/namespaces/ns1/deployments/web/scale');
    const nodes = client.resource('', 'v1', 'nodes').namespace('ignored');
    expect(nodes.path(nodes.ns, 'n1', 'status')).toBe('/api/v1/nodes/n1/status');
    expect(client.forKind('v1', 'Event').info.group).toBe('');
    expect(() => client.resource('', 'v1', 'widgets')).toThrow(/does not serve widgets/);
    expect(() => client.forKind('v9', 'Pod')).toThrow(/no resource for kind/);

    const pods = client.resource('', 'v1', 'pods').namespace('default');
    server.put('v1/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } });
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { apiVersion: 'v1', kind: 'Node', name: 'n1' } };
    const answer = await pods.request<Status>({ method: 'POST', name: 'p', subresource: 'binding', body: binding });
    expect(answer.status).toBe('Success');
    const last = server.requests.at(-1)!;
    expect(last.url.pathname).toBe('/api/v1/namespaces/default/pods/p/binding');
    expect(JSON.parse(last.body)).toEqual(binding);
  });

  it('sends the patch content types and refuses apply without a field manager', async () => {
    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace('default');
    await cms.create(cm('a'));
    await cms.patch('a', 'strategic', { data: { s: '1' } });
    await cms.patch('a', 'apply', cm('a', { s: '2' }), { fieldManager: 'kubelite', force: true });
    const [, smp, apply] = server.requests;
    expect(smp!.headers['content-type']).toBe('application/strategic-merge-patch+json');
    expect(apply!.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(apply!.url.searchParams.get('force')).toBe('true');
    expect(apply!.url.searchParams.get('fieldManager')).toBe('kubelite');
    await expect(cms.patch('a', 'apply', {})).rejects.toThrow(/fieldManager/);
    await expect(cms.patch('a', 'json', [{ op: 'add', path: '/data/x', value: '1' }], { subresource: 'status' })).resolves.toBeDefined();
    expect(server.requests.at(-1)!.headers['content-type']).toBe('application/json-patch+json');
    expect(server.requests.at(-1)!.url.pathname).toBe('/api/v1/namespaces/default/configmaps/a/status');
  });

  it('needs a namespace for namespaced calls by name, taking the object one for writes', async () => {
    const all = client.resource<ConfigMap>('', 'v1', 'configmaps');
    await expect(all.get('a')).rejects.toThrow(/namespace is required/);
    await all.create(cm('a'));
    expect(server.requests[0]!.url.pathname).toBe('/api/v1/namespaces/default/configmaps');
    expect((await all.list()).items).toHaveLength(1);
    expect(server.requests[1]!.url.pathname).toBe('/api/v1/configmaps');
  });
});

describe('errors from the server', () => {
  it('maps Status answers to ApiError with the is* helpers', async () => {
    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace('default');
    const first = await cms.create(cm('a'));
    const exists = await cms.create(cm('a')).catch((e: unknown) => e);
    expect(isAlreadyExists(exists)).toBe(true);
    expect(isConflict(exists)).toBe(false);
    await cms.update({ ...first, data: { n: '1' } });
    const stale = await cms.update({ ...first, data: { n: '2' } }).catch((e: unknown) => e);
    expect(isConflict(stale)).toBe(true);
    expect((stale as ApiError).code).toBe(409);
    expect((stale as ApiError).message).toMatch(/the object has been modified/);
    const missing = await cms.get('nope').catch((e: unknown) => e);
    expect(isNotFound(missing)).toBe(true);
    expect((missing as ApiError).status.details?.name).toBe('nope');
  });

  it('synthesises a Status from the HTTP code when the body is not one', async () => {
    server.inject.push({ match: () => true, answer: { status: 404, body: '404 page not found' } });
    const err = await client.resource('', 'v1', 'pods').namespace('default').get('nope').catch((e: unknown) => e);
    expect(isApiError(err) && err.reason).toBe('NotFound');
    expect(isNotFound(err)).toBe(true);
    expect((err as ApiError).message).toBe('the server could not find the requested resource (get pods nope)');

    server.inject.push({ match: () => true, answer: { status: 410, body: { message: 'gone' } } });
    const gone = await client.resource('', 'v1', 'pods').list().catch((e: unknown) => e);
    expect([isGone(gone), isExpired(gone), isGoneOrExpired(gone)]).toEqual([true, false, true]);

    server.inject.push({ match: () => true, answer: { status: 410, body: statusBody(410, 'Expired', 'too old') } });
    const expired = await client.resource('', 'v1', 'pods').list().catch((e: unknown) => e);
    expect([isGone(expired), isExpired(expired), isGoneOrExpired(expired)]).toEqual([false, true, true]);
  });

  it('retries a 429 that carries Retry-After, and gives up after maxRetries', async () => {
    const tooMany = { status: 429, body: statusBody(429, 'TooManyRequests', 'slow down'), headers: { 'Retry-After': '0' } };
    server.inject.push({ match: () => true, answer: tooMany }, { match: () => true, answer: tooMany });
    expect((await client.resource('', 'v1', 'pods').list()).items).toEqual([]);
    expect(server.requests).toHaveLength(3);

    const stubborn = new KubeClient(configFor(`http://127.0.0.1:${server.port}`), { maxRetries: 1 });
    server.inject.push({ match: () => true, answer: tooMany }, { match: () => true, answer: tooMany });
    await expect(stubborn.resource('', 'v1', 'pods').list()).rejects.toSatisfy((e: unknown) => isApiError(e) && e.code === 429);
    stubborn.close();
  });

  it('bounds a request that gets no answer, and honours an abort signal', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const c = new KubeClient(configFor(url), { timeoutMs: 150 });
    const started = performance.now();
    const err = (await c.resource('', 'v1', 'pods').list().catch((e: unknown) => e)) as RestError;
    expect(isRestError(err) && err.problem).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(2000);
    const ac = new AbortController();
    const pending = c.resource('', 'v1', 'pods').list({ signal: ac.signal }).catch((e: unknown) => e);
    ac.abort();
    expect(((await pending) as RestError).problem).toBe('ABORTED');
    c.close();
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('resends a request lost on a pooled connection the server had closed, once', async () => {
    const seen = new WeakMap<object, number>();
    let resets = 0;
    const flaky = http.createServer((req, res) => {
      const n = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, n);
      // The second request on a kept-alive socket meets a server that has just closed it.
      if (n === 2) {
        resets++;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"List","metadata":{},"items":[]}');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const c = new KubeClient(configFor(`http://127.0.0.1:${(flaky.address() as AddressInfo).port}`));
    const pods = c.resource('', 'v1', 'pods');
    await pods.list();
    await expect(pods.list()).resolves.toMatchObject({ items: [] });
    expect(resets).toBe(1);
    c.close();
    flaky.closeAllConnections();
    await new Promise<void>((r) => flaky.close(() => r()));
  });

  it('reports a body that is not JSON', async () => {
    server.inject.push({ match: () => true, answer: { status: 200, body: '<html>' } });
    const err = (await client.resource('', 'v1', 'pods').list().catch((e: unknown) => e)) as RestError;
    expect(err.problem).toBe('BAD_RESPONSE');
  });
});

describe('listAll', () => {
  it('follows continue tokens without resending resourceVersion', async () => {
    for (let i = 0; i < 5; i++) server.put('v1/configmaps', cm(`c${i}`));
    const list = await client.resource<ConfigMap>('', 'v1', 'configmaps').listAll({ limit: 2, resourceVersion: '0' });
    expect(list.items.map((o) => o.metadata.name)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(list.metadata.continue).toBeUndefined();
    expect(list.metadata.resourceVersion).toBe(server.resourceVersion);
    const qs = server.requests.map((r) => r.url.searchParams);
    expect(qs.map((q) => [q.get('limit'), q.get('resourceVersion'), q.get('continue') !== null])).toEqual([
      ['2', '0', false],
      ['2', null, true],
      ['2', null, true],
    ]);
  });

  it('falls back to one full list when a continue token expires', async () => {
    for (let i = 0; i < 5; i++) server.put('v1/configmaps', cm(`c${i}`));
    server.inject.push({ match: (r) => r.url.searchParams.has('continue'), answer: { status: 410, body: statusBody(410, 'Expired', 'too old') } });
    const list = await client.resource<ConfigMap>('', 'v1', 'configmaps').listAll({ limit: 2 });
    expect(list.items).toHaveLength(5);
    expect(server.requests.at(-1)!.url.searchParams.get('limit')).toBeNull();
  });
});

describe('TLS and credentials', () => {
  it('verifies the server against the CA and presents a client certificate and token', async () => {
    const ca = await createCa();
    const serving = await issueServingCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    const user = await issueClientCert(ca, { user: 'alice', groups: ['devs'] });
    const tls = new FakeApiServer({ tls: { key: serving.key, cert: serving.cert, ca: ca.cert, requestCert: true } });
    const url = await tls.start();
    const c = new KubeClient(
      configFor(url, { ca: Buffer.from(ca.cert), cert: Buffer.from(user.cert), key: Buffer.from(user.key), token: 's3cret' }),
      { userAgent: 'kube-scheduler' },
    );
    await c.resource('', 'v1', 'pods').list();
    expect(tls.requests[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(tls.requests[0]!.headers['user-agent']).toBe(userAgentFor('kube-scheduler'));

    const untrusting = new KubeClient(configFor(url));
    const err = (await untrusting.resource('', 'v1', 'pods').list().catch((e: unknown) => e)) as RestError;
    expect(err.problem).toBe('CONNECTION');
    const insecure = new KubeClient(configFor(url, { insecureSkipTlsVerify: true }));
    await expect(insecure.resource('', 'v1', 'pods').list()).resolves.toBeDefined();
    for (const x of [c, untrusting, insecure]) x.close();
    await tls.stop();
  });
});

describe('rate limiting', () => {
  it('spaces requests beyond the burst at 1/qps', async () => {
    const slow = new KubeClient(configFor(`http://127.0.0.1:${server.port}`), { qps: 20, burst: 1 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => slow.resource('', 'v1', 'pods').list()));
    // four waits of 50 ms after the first token
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    slow.close();
  });
});
