// The REST API as curl users and controllers see it, run twice: with etcd-lite and with the real
// etcd behind the apiserver. A difference between the two is a bug in one of them.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etcdFlavorAvailable, startTestCluster, type TestCluster } from '../support/apiserver.js';
import { etcdctlAvailable, requireTool, type EtcdFlavor } from '../support/etcd-servers.js';
import { api, watchStream } from '../support/http.js';

const NS = '/api/v1/namespaces/default';
const pod = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'rest' } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
  ...extra,
});

type Obj = { metadata: Record<string, unknown> & { resourceVersion: string; name: string }; spec?: Record<string, unknown>; status?: Record<string, unknown> };

describe.each(['etcd-lite', 'etcd'] as EtcdFlavor[])('REST API over %s', (flavor) => {
  const available = etcdFlavorAvailable(flavor);
  let cluster: TestCluster;

  beforeAll(async () => {
    if (available) cluster = await startTestCluster({ etcd: flavor });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it.runIf(available)('events, which have no watch cache (as upstream), are listed and watched from etcd in both APIs', async () => {
    const ev = (name: string): Record<string, unknown> => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'Test', message: name, type: 'Normal', firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', count: 1,
    });
    const first = (await api(cluster, 'POST', `${NS}/events`, { body: ev('ev-1') })).json<Obj>();
    const w = watchStream(cluster, `${NS}/events?watch=1&resourceVersion=${first.metadata.resourceVersion}`);
    const w2 = watchStream(cluster, `/apis/events.k8s.io/v1/namespaces/default/events?watch=1&resourceVersion=${first.metadata.resourceVersion}`);
    expect([await w.status, await w2.status]).toEqual([200, 200]);
    await api(cluster, 'POST', `${NS}/events`, { body: ev('ev-2') });
    await w.waitFor(1);
    await w2.waitFor(1);
    w.close();
    w2.close();
    expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Event', metadata: { name: 'ev-2' } } });
    expect(w2.events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Event', note: 'ev-2' } });
    const names = (await api(cluster, 'GET', `${NS}/events?resourceVersion=0`)).json<{ items: Obj[] }>().items.map((o) => o.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['ev-1', 'ev-2']));
  });

  it.runIf(available)('the README curl flow: create a pod, list, watch', async () => {
    const created = await api(cluster, 'POST', `${NS}/pods`, { body: pod('curl-pod') });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/json(; charset=utf-8)?$/);
    const obj = created.json<Obj>();
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(obj.status).toMatchObject({ phase: 'Pending' });
    const list = await api(cluster, 'GET', `${NS}/pods`);
    expect(list.json<{ kind: string; items: Obj[]; metadata: { resourceVersion: string } }>()).toMatchObject({ kind: 'PodList' });
    const rv = list.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    expect(Number(rv)).toBeGreaterThanOrEqual(Number(obj.metadata.resourceVersion));
    const w = watchStream(cluster, `${NS}/pods?watch=1&resourceVersion=${rv}`);
    expect(await w.status).toBe(200);
    await api(cluster, 'POST', `${NS}/pods`, { body: pod('curl-pod-2') });
    await w.waitFor(1);
    w.close();
    expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'curl-pod-2' } } });
  });

  it.runIf(available)('watch from "0" replays current objects; from a too-old version answers 410 Expired', async () => {
    const w = watchStream(cluster, `${NS}/pods?watch=true&resourceVersion=0`);
    await w.waitFor(2);
    w.close();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
    const old = watchStream(cluster, `${NS}/pods?watch=true&resourceVersion=1`);
    await old.waitFor(1);
    old.close();
    expect(old.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it.runIf(available)('optimistic concurrency, generation, status split', async () => {
    const created = (await api(cluster, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'occ' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
    })).json<Obj>();
    expect(created.metadata.generation).toBe(1);
    const path = '/apis/apps/v1/namespaces/default/deployments/occ';
    const changed = { ...created, spec: { ...created.spec, replicas: 3 }, status: { replicas: 99 } };
    const put = await api(cluster, 'PUT', path, { body: changed });
    expect(put.status).toBe(200);
    expect(put.json<Obj>().metadata.generation).toBe(2);
    expect(put.json<Obj>().status?.replicas).toBeUndefined();
    const stale = await api(cluster, 'PUT', path, { body: changed });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ kind: 'Status', reason: 'Conflict', message: expect.stringContaining('the object has been modified') });
    const st = await api(cluster, 'PATCH', `${path}/status`, { body: { status: { replicas: 3, observedGeneration: 2 }, spec: { replicas: 7 } }, contentType: 'application/merge-patch+json' });
    expect(st.status).toBe(200);
    expect(st.json<Obj>().status).toMatchObject({ replicas: 3 });
    expect(st.json<Obj>().spec?.replicas).toBe(3);
    expect(st.json<Obj>().metadata.generation).toBe(2);
  });

  it.runIf(available)('generateName, limit/continue, label and field selectors', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api(cluster, 'POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { generateName: 'gen-', labels: { i: String(i % 2) } }, data: { i: String(i) } } });
      expect(r.status).toBe(201);
      expect(r.json<Obj>().metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
    const names: string[] = [];
    let cont = '';
    for (let page = 0; page < 10; page++) {
      const r = (await api(cluster, 'GET', `/api/v1/namespaces/default/configmaps?limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`)).json<{ items: Obj[]; metadata: { continue?: string } }>();
      expect(r.items.length).toBeLessThanOrEqual(2);
      names.push(...r.items.map((o) => o.metadata.name));
      if (!r.metadata.continue) break;
      cont = r.metadata.continue;
    }
    expect(names.filter((n) => n.startsWith('gen-'))).toHaveLength(5);
    const odd = (await api(cluster, 'GET', '/api/v1/namespaces/default/configmaps?labelSelector=i%3D1')).json<{ items: Obj[] }>();
    expect(odd.items).toHaveLength(2);
    const byName = (await api(cluster, 'GET', `/api/v1/configmaps?fieldSelector=metadata.name%3D${names[0]}`)).json<{ items: Obj[] }>();
    expect(byName.items.map((o) => o.metadata.name)).toEqual([names[0]]);
    const badField = await api(cluster, 'GET', '/api/v1/configmaps?fieldSelector=spec.nope%3D1');
    expect(badField.status).toBe(400);
  });

  it.runIf(available)('services get a unique ClusterIP and NodePort; a taken one is refused', async () => {
    const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }], ...spec } });
    const a = (await api(cluster, 'POST', `${NS}/services`, { body: svc('a', { type: 'NodePort' }) })).json<{ spec: { clusterIP: string; ports: Array<{ nodePort: number; targetPort: number; protocol: string }> } }>();
    const b = (await api(cluster, 'POST', `${NS}/services`, { body: svc('b', {}) })).json<{ spec: { clusterIP: string } }>();
    expect(a.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(a.spec.clusterIP).not.toBe(b.spec.clusterIP);
    expect(a.spec.ports[0]).toMatchObject({ protocol: 'TCP', targetPort: 80 });
    expect(a.spec.ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    const dupIP = await api(cluster, 'POST', `${NS}/services`, { body: svc('c', { clusterIP: b.spec.clusterIP }) });
    expect(dupIP.status).toBe(422);
    expect(dupIP.json()).toMatchObject({ reason: 'Invalid', message: expect.stringContaining('provided IP is already allocated') });
    const dupPort = await api(cluster, 'POST', `${NS}/services`, { body: svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: a.spec.ports[0]?.nodePort }] }) });
    expect(dupPort.status).toBe(422);
    expect((await api(cluster, 'GET', `${NS}/services/d`)).status).toBe(404);
    expect((await api(cluster, 'DELETE', `${NS}/services/b`)).status).toBe(200);
    const reuse = await api(cluster, 'POST', `${NS}/services`, { body: svc('e', { clusterIP: b.spec.clusterIP }) });
    expect(reuse.status).toBe(201);
  });

  it.runIf(available)('NamespaceLifecycle: no creates in a missing namespace', async () => {
    const r = await api(cluster, 'POST', '/api/v1/namespaces/nowhere/configmaps', { body: { metadata: { name: 'x' } } });
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ reason: 'NotFound', message: 'namespaces "nowhere" not found' });
    const del = await api(cluster, 'DELETE', '/api/v1/namespaces/kube-system');
    expect(del.status).toBe(403);
  });

  it.runIf(available)('binding, graceful deletion and finalizers', async () => {
    const created = (await api(cluster, 'POST', `${NS}/pods`, { body: pod('bound') })).json<Obj>();
    const dry = await api(cluster, 'POST', `${NS}/pods/bound/binding?dryRun=All`, { body: { target: { name: 'node-dry' } } });
    expect(dry.status).toBe(201);
    expect((await api(cluster, 'GET', `${NS}/pods/bound`)).json<Obj>().metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const noPod = await api(cluster, 'POST', `${NS}/pods/absent/binding`, { body: { target: { name: 'node-9' } } });
    expect([noPod.status, noPod.json<{ reason: string }>().reason]).toEqual([404, 'NotFound']);
    const bind = await api(cluster, 'POST', `${NS}/pods/bound/binding`, { body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'node-9' } } });
    expect(bind.status).toBe(201);
    const wrongUid = await api(cluster, 'POST', `${NS}/pods/bound/binding`, { body: { metadata: { name: 'bound', uid: 'not-this-pod' }, target: { name: 'node-8' } } });
    expect(wrongUid.status).toBe(409);
    expect(wrongUid.json()).toMatchObject({ reason: 'Conflict', message: expect.stringContaining('Precondition failed: UID in precondition: not-this-pod') });
    const again = await api(cluster, 'POST', `${NS}/pods/bound/binding`, { body: { target: { name: 'node-8' } } });
    expect(again.status).toBe(409);
    const bound = (await api(cluster, 'GET', `${NS}/pods/bound`)).json<Obj>();
    expect(bound.spec?.nodeName).toBe('node-9');
    expect(bound.status?.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'True' })]);
    // As upstream's binding, written to the pod directly: no managedFields entry of its own.
    expect(bound.metadata.managedFields).toEqual(created.metadata.managedFields);
    const graceful = await api(cluster, 'DELETE', `${NS}/pods/bound`);
    expect(graceful.status).toBe(200);
    expect(graceful.json<Obj>().metadata).toMatchObject({ deletionGracePeriodSeconds: 30, deletionTimestamp: expect.any(String) });
    expect((await api(cluster, 'GET', `${NS}/pods/bound`)).status).toBe(200);
    expect((await api(cluster, 'DELETE', `${NS}/pods/bound`, { body: { gracePeriodSeconds: 0 } })).status).toBe(200);
    expect((await api(cluster, 'GET', `${NS}/pods/bound`)).status).toBe(404);

    await api(cluster, 'POST', `${NS}/configmaps`, { body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } } });
    const marked = await api(cluster, 'DELETE', `${NS}/configmaps/held`);
    expect(marked.json<Obj>().metadata.deletionTimestamp).toEqual(expect.any(String));
    expect((await api(cluster, 'GET', `${NS}/configmaps/held`)).status).toBe(200);
    const release = await api(cluster, 'PATCH', `${NS}/configmaps/held`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
    expect(release.status).toBe(200);
    expect((await api(cluster, 'GET', `${NS}/configmaps/held`)).status).toBe(404);
  });

  it.runIf(available)('eviction honours PodDisruptionBudgets (429), then deletes (201)', async () => {
    await api(cluster, 'POST', `${NS}/pods`, { body: pod('evictee', { metadata: { name: 'evictee', labels: { app: 'guarded' } } }) });
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'guard' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } } };
    expect((await api(cluster, 'POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', { body: pdb })).status).toBe(201);
    // Running pods are protected; Pending ones may always go, so mark this one Running first.
    await api(cluster, 'PATCH', `${NS}/pods/evictee/status`, { body: { status: { phase: 'Running' } }, contentType: 'application/merge-patch+json' });
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evictee', namespace: 'default' } };
    const refused = await api(cluster, 'POST', `${NS}/pods/evictee/eviction`, { body: eviction });
    expect(refused.status).toBe(429);
    expect(refused.json()).toMatchObject({ reason: 'TooManyRequests', message: expect.stringContaining('disruption budget') });
    await api(cluster, 'PATCH', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/guard/status', {
      body: { status: { disruptionsAllowed: 1, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } },
      contentType: 'application/merge-patch+json',
    });
    expect((await api(cluster, 'POST', `${NS}/pods/evictee/eviction`, { body: eviction })).status).toBe(201);
    expect((await api(cluster, 'GET', `${NS}/pods/evictee`)).status).toBe(404);
  });

  it.runIf(available)('core and events.k8s.io Events are one store seen in two shapes', async () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, reason: 'Started', message: 'Started container', type: 'Normal', source: { component: 'kubelet' }, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', count: 1 };
    expect((await api(cluster, 'POST', `${NS}/events`, { body: ev })).status).toBe(201);
    const v1 = (await api(cluster, 'GET', '/apis/events.k8s.io/v1/namespaces/default/events/web.1')).json<Record<string, unknown>>();
    expect(v1).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: { kind: 'Pod', name: 'web' }, note: 'Started container', reason: 'Started' });
    const byObject = (await api(cluster, 'GET', `${NS}/events?fieldSelector=involvedObject.name%3Dweb`)).json<{ items: unknown[] }>();
    expect(byObject.items).toHaveLength(1);
  });

  it.runIf(available)('pods/log of an unscheduled pod is empty; pods/exec says it has no host (as upstream)', async () => {
    const log = await api(cluster, 'GET', `${NS}/pods/curl-pod/log`);
    expect(log.status).toBe(204);
    expect(log.text).toBe('');
    const exec = await api(cluster, 'GET', `${NS}/pods/curl-pod/exec?command=ls&stdout=true`);
    expect(exec.status).toBe(400);
    expect(exec.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'pod curl-pod does not have a host assigned' });
    const wrong = await api(cluster, 'GET', `${NS}/pods/curl-pod/log?container=nope`);
    expect(wrong.json()).toMatchObject({ reason: 'BadRequest', message: 'container nope is not valid for pod curl-pod' });
  });

  it.runIf(available)('Table responses with includeObject', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const t = (await api(cluster, 'GET', `${NS}/pods?includeObject=Object`, { accept })).json<{ kind: string; columnDefinitions: Array<{ name: string; priority: number }>; rows: Array<{ cells: unknown[]; object: { kind: string } }> }>();
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(t.rows[0]?.object.kind).toBe('Pod');
    const m = (await api(cluster, 'GET', '/api/v1/namespaces/default/configmaps', { accept })).json<{ rows: Array<{ object: { kind: string } }> }>();
    expect(m.rows[0]?.object.kind).toBe('PartialObjectMetadata');
  });

  it.runIf(available)('etcdctl sees objects under the Kubernetes keys', async () => {
    if (!requireTool('etcdctl', etcdctlAvailable())) return;
    await api(cluster, 'POST', '/api/v1/nodes', { body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } });
    await api(cluster, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: { metadata: { name: 'keys' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
    });
    const r = spawnSync('etcdctl', ['--endpoints', cluster.etcd.endpoint, 'get', '/registry', '--prefix', '--keys-only'], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } });
    const keys = r.stdout.split('\n').filter(Boolean);
    expect(keys).toContain('/registry/pods/default/curl-pod');
    expect(keys).toContain('/registry/minions/n1');
    expect(keys).toContain('/registry/deployments/default/keys');
    expect(keys).toContain('/registry/services/specs/default/kubernetes');
    expect(keys).toContain('/registry/namespaces/kube-system');
  });
});
