// The REST client against the real kube-apiserver (over etcd-lite): what a controller relies on
// when it reads and writes objects — CRUD with either credential kind, Status errors mapped to
// the is* helpers, every patch type, status and other subresources, conditional deletes and
// chunked lists. The client's unit tests use an in-memory fake; this is the real wire.
import type { ConfigMap, Deployment, KubeObject, Pod, Status } from '@kubelite/api';
import {
  ApiError,
  KubeClient,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isNotFound,
  isUnauthorized,
  loadRestConfig,
  type ResourceClient,
} from '@kubelite/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';

const NS = 'default';

interface Scale extends KubeObject {
  spec: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

const pod = (name: string, labels: Record<string, string> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
});

const configMap = (name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

const deployment = (name: string, replicas = 1): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
  },
});

/** The rejection of `p`, which must reject. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('REST client against the real apiserver', () => {
  let cluster: TestCluster;
  const clients: KubeClient[] = [];
  const clientFor = (kubeconfig: string): KubeClient => {
    const c = new KubeClient(loadRestConfig({ kubeconfig }), { userAgent: 'test' });
    clients.push(c);
    return c;
  };
  let client: KubeClient;

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = clientFor(cluster.tokenKubeconfig);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await cluster?.stop();
  });

  describe.each([
    ['bearer token', 'token'],
    ['client certificate', 'cert'],
  ] as const)('CRUD with a %s', (_label, kind) => {
    let c: KubeClient;
    beforeAll(() => {
      c = clientFor(kind === 'token' ? cluster.tokenKubeconfig : cluster.certKubeconfig);
    });

    it('pods: create, get, list by label, update, delete', async () => {
      const pods = c.resource<Pod>('', 'v1', 'pods').namespace(NS);
      const created = await pods.create(pod(`crud-${kind}`, { crud: kind }));
      expect(created.metadata).toMatchObject({ namespace: NS, uid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect((await pods.get(`crud-${kind}`)).metadata.uid).toBe(created.metadata.uid);
      const listed = await pods.list({ labelSelector: `crud=${kind}` });
      expect(listed.items.map((p) => p.metadata.name)).toEqual([`crud-${kind}`]);
      expect(Number(listed.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata.resourceVersion));
      const updated = await pods.update({ ...created, metadata: { ...created.metadata, labels: { crud: kind, v: '2' } } });
      expect(updated.metadata.labels).toEqual({ crud: kind, v: '2' });
      expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
      await pods.delete(`crud-${kind}`, { gracePeriodSeconds: 0 });
      expect(isNotFound(await failure(pods.get(`crud-${kind}`)))).toBe(true);
    });

    it('configmaps and deployments: create, update, delete', async () => {
      const cms = c.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
      const cm = await cms.create(configMap(`crud-${kind}`, { a: '1' }));
      const cm2 = await cms.update({ ...cm, data: { a: '2' } });
      expect((await cms.get(cm.metadata.name!)).data).toEqual({ a: '2' });
      expect(cm2.metadata.resourceVersion).not.toBe(cm.metadata.resourceVersion);
      // Like kube-apiserver, a configmap's immediate delete answers a Success Status naming it
      // (pods answer with the object instead): delete() is typed T | Status for this reason.
      const gone = await cms.delete(cm.metadata.name!);
      expect(gone).toMatchObject({ kind: 'Status', status: 'Success', details: { name: `crud-${kind}`, kind: 'configmaps' } });

      // forKind resolves apps/v1 Deployment to the deployments resource, as a generic controller would.
      const deps = c.forKind<Deployment>('apps/v1', 'Deployment').namespace(NS);
      const d = await deps.create(deployment(`crud-${kind}`, 2));
      expect(d.metadata.generation).toBe(1);
      expect(d.spec).toMatchObject({ replicas: 2, strategy: { type: 'RollingUpdate' } });
      const d2 = await deps.update({ ...d, spec: { ...d.spec, replicas: 3 } });
      expect(d2.metadata.generation).toBe(2);
      await deps.delete(d.metadata.name!);
      expect(isNotFound(await failure(deps.get(d.metadata.name!)))).toBe(true);
    });
  });

  it('credentials are really sent: a wrong token is refused with 401', async () => {
    const bad = new KubeClient({ ...loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), token: 'not-a-token' }, { userAgent: 'test' });
    clients.push(bad);
    const err = await failure(bad.resource('', 'v1', 'configmaps').namespace(NS).list());
    expect(isUnauthorized(err)).toBe(true);
  });

  it('maps Status answers to ApiErrors: 404, 409 AlreadyExists, 409 Conflict, 422 Invalid with causes', async () => {
    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
    const missing = await failure(cms.get('no-such-cm'));
    expect(missing).toBeInstanceOf(ApiError);
    expect(isNotFound(missing)).toBe(true);
    expect((missing as ApiError).status.details).toMatchObject({ name: 'no-such-cm', kind: 'configmaps' });

    const first = await cms.create(configMap('errs', { a: '1' }));
    const dup = await failure(cms.create(configMap('errs')));
    expect(isAlreadyExists(dup)).toBe(true);
    expect(isConflict(dup)).toBe(false);
    expect((dup as ApiError).code).toBe(409);

    // An update carrying a resourceVersion someone else has since moved on from is refused.
    await cms.update({ ...first, data: { a: '2' } });
    const stale = await failure(cms.update({ ...first, data: { a: '3' } }));
    expect(isConflict(stale)).toBe(true);
    expect((stale as ApiError).message).toContain('the object has been modified');

    const invalid = await failure(cms.create(configMap('Bad_Name')));
    expect(isInvalid(invalid)).toBe(true);
    expect((invalid as ApiError).code).toBe(422);
    expect((invalid as ApiError).status.details?.causes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'metadata.name', reason: 'FieldValueInvalid' })]),
    );
  });

  it('patches: merge, strategic, JSON and server-side apply (fieldManager, conflicts, force)', async () => {
    const deps = client.resource<Deployment>('apps', 'v1', 'deployments').namespace(NS);
    await deps.create(deployment('patched'));
    const merged = await deps.patch('patched', 'merge', { metadata: { labels: { m: '1' } } });
    expect(merged.metadata.labels).toEqual({ m: '1' });

    // Strategic merge merges the containers list by name instead of replacing it.
    const strategic = await deps.patch('patched', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'side', image: 'nginx' }] } } },
    });
    expect(strategic.spec.template.spec?.containers.map((c) => c.name).sort()).toEqual(['c', 'side']);

    const json = await deps.patch('patched', 'json', [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 4 },
    ]);
    expect(json.spec.replicas).toBe(4);
    const failedTest = await failure(deps.patch('patched', 'json', [{ op: 'test', path: '/spec/replicas', value: 99 }]));
    expect(failedTest).toBeInstanceOf(ApiError);
    expect((failedTest as ApiError).code).toBe(422);

    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
    const applied = await cms.patch('applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { k: 'a' } }, { fieldManager: 'mgr-a' });
    expect(applied.data).toEqual({ k: 'a' });
    expect(applied.metadata.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual(['mgr-a', 'Apply']);
    // A second manager setting a field mgr-a owns conflicts unless it forces.
    const conflict = await failure(cms.patch('applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { k: 'b' } }, { fieldManager: 'mgr-b' }));
    expect(isConflict(conflict)).toBe(true);
    const forced = await cms.patch('applied', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { k: 'b' } }, { fieldManager: 'mgr-b', force: true });
    expect(forced.data).toEqual({ k: 'b' });
    await expect(cms.patch('applied', 'apply', {})).rejects.toThrow('fieldManager');
  });

  it('updateStatus changes only status; a status patch via subresource too', async () => {
    const deps = client.resource<Deployment>('apps', 'v1', 'deployments').namespace(NS);
    const d = await deps.create(deployment('statusful'));
    const withStatus = await deps.updateStatus({ ...d, spec: { ...d.spec, replicas: 9 }, status: { replicas: 1, observedGeneration: 1 } });
    expect(withStatus.status).toMatchObject({ replicas: 1, observedGeneration: 1 });
    expect(withStatus.spec.replicas).toBe(1);
    expect(withStatus.metadata.generation).toBe(1);
    const patched = await deps.patch('statusful', 'merge', { status: { readyReplicas: 1 } }, { subresource: 'status' });
    expect(patched.status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    // A stale resourceVersion conflicts on the status subresource as on the main resource.
    expect(isConflict(await failure(deps.updateStatus({ ...d, status: { replicas: 2 } })))).toBe(true);
  });

  it('subresources through request(): pods/binding and deployments/scale', async () => {
    const pods = client.resource<Pod>('', 'v1', 'pods').namespace(NS);
    await pods.create(pod('to-bind'));
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'to-bind' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } };
    await pods.request<Status>({ method: 'POST', name: 'to-bind', subresource: 'binding', body: binding });
    expect((await pods.get('to-bind')).spec.nodeName).toBe('node-1');
    // What the scheduler relies on: a second binding of a bound pod is a conflict, not a move.
    const rebind = await failure(pods.request({ method: 'POST', name: 'to-bind', subresource: 'binding', body: { ...binding, target: { kind: 'Node', name: 'node-2' } } }));
    expect(isConflict(rebind)).toBe(true);

    const deps = client.resource<Deployment>('apps', 'v1', 'deployments').namespace(NS);
    await deps.create(deployment('scaled', 2));
    const scale = await deps.request<Scale>({ method: 'GET', name: 'scaled', subresource: 'scale' });
    expect(scale).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 2 }, status: { selector: 'app=scaled' } });
    const put = await deps.request<Scale>({ method: 'PUT', name: 'scaled', subresource: 'scale', body: { ...scale, spec: { replicas: 5 } } });
    expect(put.spec.replicas).toBe(5);
    expect((await deps.get('scaled')).spec.replicas).toBe(5);
    const stale = await failure(deps.request({ method: 'PUT', name: 'scaled', subresource: 'scale', body: { ...scale, spec: { replicas: 6 } } }));
    expect(isConflict(stale)).toBe(true);
    const patched = await deps.patch('scaled', 'merge', { spec: { replicas: 1 } }, { subresource: 'scale' });
    expect((patched as unknown as Scale).kind).toBe('Scale');
    expect((await deps.get('scaled')).spec.replicas).toBe(1);
  });

  it('delete: graceful, gracePeriodSeconds 0, and preconditions', async () => {
    const pods = client.resource<Pod>('', 'v1', 'pods').namespace(NS);
    const p = await pods.create(pod('graceful'));
    // Only a pod bound to a node is deleted gracefully; an unscheduled one goes at once (upstream too).
    await pods.request({ method: 'POST', name: 'graceful', subresource: 'binding', body: { target: { kind: 'Node', name: 'node-1' } } });
    const terminating = (await pods.delete('graceful', { gracePeriodSeconds: 30 })) as Pod;
    expect(terminating.metadata).toMatchObject({ deletionGracePeriodSeconds: 30, deletionTimestamp: expect.any(String) });
    expect((await pods.get('graceful')).metadata.deletionTimestamp).toBeTruthy();
    // A wrong uid precondition refuses the delete and leaves the object alone.
    const wrongUid = await failure(pods.delete('graceful', { gracePeriodSeconds: 0, preconditions: { uid: '00000000-0000-0000-0000-000000000000' } }));
    expect(isConflict(wrongUid)).toBe(true);
    await pods.get('graceful');
    await pods.delete('graceful', { gracePeriodSeconds: 0, preconditions: { uid: p.metadata.uid } });
    expect(isNotFound(await failure(pods.get('graceful')))).toBe(true);

    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
    const cm = await cms.create(configMap('precond'));
    await cms.update({ ...cm, data: { moved: 'on' } });
    const staleRv = await failure(cms.delete('precond', { preconditions: { resourceVersion: cm.metadata.resourceVersion } }));
    expect(isConflict(staleRv)).toBe(true);
    const current = await cms.get('precond');
    await cms.delete('precond', { preconditions: { resourceVersion: current.metadata.resourceVersion } });
    expect(isNotFound(await failure(cms.get('precond')))).toBe(true);
  });

  it('deleteCollection removes exactly what the label selector matches', async () => {
    const cms = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
    for (let i = 0; i < 4; i++) await cms.create(configMap(`coll-${i}`, {}, { coll: i % 2 === 0 ? 'even' : 'odd' }));
    await cms.deleteCollection({ labelSelector: 'coll=even' });
    const left = await cms.list({ labelSelector: 'coll' });
    expect(left.items.map((c) => c.metadata.name).sort()).toEqual(['coll-1', 'coll-3']);
  });

  it('listAll follows continue tokens: limit=2 over 7 objects is 4 pages, assembled into one list', async () => {
    const cms: ResourceClient<ConfigMap> = client.resource<ConfigMap>('', 'v1', 'configmaps').namespace(NS);
    for (let i = 0; i < 7; i++) await cms.create(configMap(`page-${i}`, {}, { paged: 'yes' }));
    // Count the pages the client actually asks for by wrapping list(), which listAll pages through.
    const pages: Array<{ items: number; continue?: string }> = [];
    const counting = Object.create(cms) as ResourceClient<ConfigMap>;
    counting.list = async (opts) => {
      const page = await cms.list(opts);
      pages.push({ items: page.items.length, continue: page.metadata.continue });
      return page;
    };
    const all = await counting.listAll({ labelSelector: 'paged=yes', limit: 2 });
    expect(all.items.map((c) => c.metadata.name).sort()).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
    expect(pages.map((p) => p.items)).toEqual([2, 2, 2, 1]);
    expect(pages.at(-1)?.continue).toBeFalsy();
    expect(all.metadata.continue).toBeUndefined();
    expect(all.metadata.resourceVersion).toMatch(/^\d+$/);
  });
});
