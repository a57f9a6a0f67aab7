// Bad input never gets a 500 and never writes anything: every refusal is a Kubernetes Status with
// the reason that belongs to its code, and whatever was stored passes validation again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { api, type HttpResult } from '../support/http.js';

const REASONS: Record<number, string[]> = {
  400: ['BadRequest'],
  404: ['NotFound'],
  405: ['MethodNotAllowed'],
  406: ['NotAcceptable'],
  409: ['AlreadyExists', 'Conflict'],
  410: ['Expired', 'Gone'],
  413: ['RequestEntityTooLarge'],
  415: ['UnsupportedMediaType'],
  422: ['Invalid'],
};

function expectStatus(r: HttpResult, code: number, what: string): void {
  expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBe(code);
  const s = r.json<{ kind: string; code: number; reason: string; status: string }>();
  expect(s.kind).toBe('Status');
  expect(s.status).toBe('Failure');
  expect(s.code).toBe(code);
  expect(REASONS[code]).toContain(s.reason);
}

const NS = '/api/v1/namespaces/default';
const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { limits: { cpu: '100m', memory: '64Mi' } }, ports: [{ containerPort: 80 }] }] } };
const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } };
const SVC = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }] } };
const CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { key: 'value' } };
const TEMPLATES: Array<{ path: string; obj: Record<string, unknown> }> = [
  { path: `${NS}/pods`, obj: POD },
  { path: '/apis/apps/v1/namespaces/default/deployments', obj: DEPLOY },
  { path: `${NS}/services`, obj: SVC },
  { path: `${NS}/configmaps`, obj: CM },
];

/** A seeded PRNG (mulberry32) so a failing mutation can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: unknown[] = [null, '', ' ', -1, 0, 1.5, 2 ** 53, 'x'.repeat(300), 'UPPER', 'a/b', '-dash', '😀', true, [], {}, [1, 'a'], { k: 1 }, '1e3', '100Gi', 'abc', 70000];

/** Paths to every value in `obj` (objects and arrays included). */
function paths(obj: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(obj)) obj.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(template: Record<string, unknown>, rand: () => number, n: number): Record<string, unknown> {
  const obj = structuredClone(template) as Record<string, unknown>;
  const meta = obj.metadata as Record<string, unknown>;
  meta.name = `fz-${n}`;
  const all = paths(obj).filter((p) => p.length > 0 && !(p.length === 2 && p[0] === 'metadata' && p[1] === 'name'));
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const p = all[Math.floor(rand() * all.length)] ?? ['spec'];
    let parent: Record<string | number, unknown> = obj;
    for (const seg of p.slice(0, -1)) {
      const next = parent[seg];
      if (!next || typeof next !== 'object') break;
      parent = next as Record<string | number, unknown>;
    }
    const last = p[p.length - 1] ?? 'spec';
    const roll = rand();
    if (roll < 0.25) delete parent[last];
    else if (roll < 0.35) parent[`unknown${e}`] = structuredClone(NASTY[Math.floor(rand() * NASTY.length)]);
    else parent[last] = structuredClone(NASTY[Math.floor(rand() * NASTY.length)]);
  }
  return obj;
}

describe('bad input', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('malformed bodies, wrong kinds, bad names, labels, quantities and selectors', async () => {
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: '{"apiVersion":' }), 400, 'truncated JSON');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: 'a: [b', contentType: 'application/yaml' }), 400, 'broken YAML');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: '[1,2]' }), 400, 'array body');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: { ...CM, metadata: { name: 'k' } } }), 400, 'ConfigMap posted to pods');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: { ...POD, apiVersion: 'apps/v1' } }), 400, 'wrong apiVersion');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: { ...POD, metadata: { name: 'Bad_Name' } } }), 422, 'invalid name');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: { ...POD, metadata: { name: 'l', labels: { 'bad key!': 'v' } } } }), 422, 'invalid label');
    const badQty = structuredClone(POD);
    badQty.metadata.name = 'q';
    (badQty.spec.containers[0] as { resources: { limits: Record<string, string> } }).resources.limits.cpu = 'lots';
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: badQty }), 422, 'bad quantity');
    expectStatus(await api(cluster, 'GET', `${NS}/pods?labelSelector=a%20in%20(`), 400, 'bad label selector');
    expectStatus(await api(cluster, 'GET', `${NS}/pods?fieldSelector=spec.bogus%3D1`), 400, 'unsupported field selector');
    expectStatus(await api(cluster, 'GET', `${NS}/pods?limit=abc`), 400, 'bad limit');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: 'x'.repeat(3 * 1024 * 1024 + 10) }), 413, 'huge body');
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: 'hello', contentType: 'text/plain' }), 415, 'text/plain');
    expectStatus(await api(cluster, 'PATCH', `${NS}/pods/p`, { body: '{}', contentType: 'application/json' }), 415, 'patch as application/json');
    expectStatus(await api(cluster, 'GET', `${NS}/widgets`), 404, 'unknown resource');
    expectStatus(await api(cluster, 'GET', '/api/v1/namespaces/nope/pods/x'), 404, 'missing object in missing namespace');
    expectStatus(await api(cluster, 'POST', '/api/v1/namespaces/nope/pods', { body: POD }), 404, 'missing namespace');
    expectStatus(await api(cluster, 'GET', `${NS}/pods`, { accept: 'text/html' }), 406, 'not acceptable');
    expect((await api(cluster, 'POST', `${NS}/pods`, { body: POD })).status).toBe(201);
    expectStatus(await api(cluster, 'POST', `${NS}/pods`, { body: POD }), 409, 'duplicate');
    const live = (await api(cluster, 'GET', `${NS}/pods/p`)).json<{ metadata: { resourceVersion: string } }>();
    await api(cluster, 'PATCH', `${NS}/pods/p`, { body: { metadata: { labels: { v: '2' } } }, contentType: 'application/merge-patch+json' });
    expectStatus(await api(cluster, 'PUT', `${NS}/pods/p`, { body: { ...POD, metadata: { ...POD.metadata, resourceVersion: live.metadata.resourceVersion } } }), 409, 'stale resourceVersion');
    expectStatus(await api(cluster, 'PATCH', `${NS}/pods/p`, { body: '[{"op":"test","path":"/metadata/name","value":"q"}]', contentType: 'application/json-patch+json' }), 422, 'failed json-patch test');
  });

  it('a few hundred randomly mutated objects: 201 or a 4xx Status, never a 5xx; stored objects are valid', async () => {
    const rand = prng(20261124);
    const accepted: string[] = [];
    const codes = new Map<number, number>();
    for (let n = 0; n < 300; n++) {
      const t = TEMPLATES[n % TEMPLATES.length];
      if (!t) continue;
      const body = mutate(t.obj, rand, n);
      const r = await api(cluster, 'POST', t.path, { body });
      codes.set(r.status, (codes.get(r.status) ?? 0) + 1);
      if (r.status === 201) {
        accepted.push(`${t.path}/${(body.metadata as { name?: unknown }).name as string}`);
        continue;
      }
      expect(r.status, `mutation ${n}: ${JSON.stringify(body)} → ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `mutation ${n}: ${JSON.stringify(body)} → ${r.text.slice(0, 300)}`).toBeLessThan(500);
      expectStatus(r, r.status, `mutation ${n}`);
    }
    // Every stored object is still acceptable as it is (a dry-run replace validates it again).
    for (const path of accepted) {
      const live = await api(cluster, 'GET', path);
      if (live.status === 404) continue; // generateName mutations land under another name
      const again = await api(cluster, 'PUT', `${path}?dryRun=All`, { body: live.text });
      expect(again.status, `${path}: ${again.text.slice(0, 300)}`).toBe(200);
    }
    expect(accepted.length).toBeGreaterThan(10);
    expect(codes.get(422) ?? 0).toBeGreaterThan(10);
  });
});
