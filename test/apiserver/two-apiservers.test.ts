// Two kube-apiserver processes on one store, as in an HA control plane: both answer the same
// reads, a watch on one sees writes made through the other, and neither hands out an address or
// port the other already gave away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type ApiServerProcess, type TestCluster } from '../support/apiserver.js';
import { api, watchStream } from '../support/http.js';

const NS = '/api/v1/namespaces/default';

describe('two apiservers on one store', () => {
  let cluster: TestCluster;
  let a: ApiServerProcess;
  let b: ApiServerProcess;

  beforeAll(async () => {
    cluster = await startTestCluster();
    b = await cluster.addApiServer();
    a = cluster.apiservers[0] as ApiServerProcess;
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('a watch on one sees writes made through the other, and reads agree', async () => {
    const list = (await api(cluster, 'GET', `${NS}/configmaps`, { url: b.url })).json<{ metadata: { resourceVersion: string } }>();
    const w = watchStream(cluster, `${NS}/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`, { url: b.url });
    for (let i = 0; i < 3; i++) {
      const r = await api(cluster, 'POST', `${NS}/configmaps`, { url: a.url, body: { metadata: { name: `cm-${i}` }, data: { i: String(i) } } });
      expect(r.status).toBe(201);
    }
    await api(cluster, 'PATCH', `${NS}/configmaps/cm-1`, { url: a.url, body: { data: { i: 'changed' } }, contentType: 'application/merge-patch+json' });
    await api(cluster, 'DELETE', `${NS}/configmaps/cm-2`, { url: a.url });
    await w.waitFor(5);
    w.close();
    expect(w.events.map((e) => `${e.type} ${(e.object.metadata as { name: string }).name}`)).toEqual(['ADDED cm-0', 'ADDED cm-1', 'ADDED cm-2', 'MODIFIED cm-1', 'DELETED cm-2']);
    const fromA = (await api(cluster, 'GET', `${NS}/configmaps/cm-1`, { url: a.url })).json();
    const fromB = (await api(cluster, 'GET', `${NS}/configmaps/cm-1`, { url: b.url })).json();
    expect(fromB).toEqual(fromA);
    const names = async (url: string) => (await api(cluster, 'GET', `${NS}/configmaps`, { url })).json<{ items: Array<{ metadata: { name: string } }> }>().items.map((o) => o.metadata.name);
    expect(await names(b.url)).toEqual(await names(a.url));
  });

  it('concurrent service creates through both never share a ClusterIP or NodePort', async () => {
    const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80 }] } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api(cluster, 'POST', `${NS}/services`, { url: i % 2 ? a.url : b.url, body: svc(`s-${i}`) })),
    );
    const specs = results.map((r) => {
      expect(r.status, r.text).toBe(201);
      return r.json<{ spec: { clusterIP: string; ports: Array<{ nodePort: number }> } }>().spec;
    });
    expect(new Set(specs.map((s) => s.clusterIP)).size).toBe(20);
    expect(new Set(specs.map((s) => s.ports[0]?.nodePort)).size).toBe(20);
  });

  it('the kubernetes Endpoints list both apiservers', async () => {
    const ep = (await api(cluster, 'GET', `${NS}/endpoints/kubernetes`)).json<{ subsets: Array<{ ports: Array<{ port: number }> }> }>();
    const ports = ep.subsets.flatMap((s) => s.ports.map((p) => p.port)).sort();
    expect(ports).toEqual([a.port, b.port].sort());
  });
});
