// Kubernetes protobuf request bodies against the real kube-apiserver binary: the bodies the real
// kubectl 1.32 recorded (packages/apiserver/src/protobuf/testdata) POSTed as they were sent and
// read back as JSON, drain's protobuf DeleteOptions, refusals, and the real kubectl's generators.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, kubectlAvailable, startTestCluster, type TestCluster } from '../support/apiserver.js';
import { requireTool } from '../support/etcd-servers.js';
import { api, type HttpResult } from '../support/http.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
/** What kubectl's typed clients send with a protobuf body. */
const ACCEPT = 'application/vnd.kubernetes.protobuf,application/json';
const testdata = new URL('../../packages/apiserver/src/protobuf/testdata/', import.meta.url);

interface Recorded {
  name: string;
  path: string;
  kind: string;
}

const bin = (name: string): Buffer => readFileSync(new URL(`${name}.bin`, testdata));
const expectedJson = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`${name}.json`, testdata), 'utf8')) as Record<string, unknown>;
const manifest = JSON.parse(readFileSync(new URL('manifest.json', testdata), 'utf8')) as { vectors: Array<Recorded & { contentType: string; method: string }> };
const recorded = (name: string): Recorded => {
  const v = manifest.vectors.find((x) => x.name === name);
  if (!v) throw new Error(`no vector ${name}`);
  return v;
};

/** Served kinds, in an order where namespaces and referenced objects come first. */
const SERVED = [
  'namespace',
  'serviceaccount',
  'configmap',
  'configmap-binary',
  'secret-generic',
  'secret-generic-notype',
  'secret-docker-registry',
  'secret-tls',
  'deployment',
  'deployment-multi',
  'service-clusterip',
  'service-nodeport',
  'service-loadbalancer',
  'service-externalname',
  'service-headless',
  'job',
  'cronjob',
  'cronjob-defaults',
  'job-from-cronjob',
  'pdb-minavailable',
  'pdb-maxunavailable',
  'role',
  'rolebinding',
  'clusterrole',
  'clusterrole-nonresource',
  'clusterrole-aggregation',
  'clusterrolebinding',
];

/** Kinds in the recordings this apiserver does not serve (yet): their URLs answer as usual. */
const UNSERVED = ['quota', 'priorityclass', 'priorityclass-negative', 'ingress', 'autoscale', 'autoscale-maxonly', 'token', 'token-bound', 'token-plain'];

/** What the client asked for, minus what the server owns (status) or fills (nulls, timestamps). */
function asked(obj: Record<string, unknown>): Record<string, unknown> {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && k !== 'creationTimestamp') out[k] = strip(x);
    return out;
  };
  const { status: _status, ...rest } = obj;
  return strip(rest) as Record<string, unknown>;
}

const objectPath = (r: Recorded, obj: Record<string, unknown>): string =>
  `${r.path.split('?')[0]}/${(obj.metadata as { name: string }).name}`;

describe('protobuf request bodies', () => {
  let cluster: TestCluster;
  const post = (path: string, body: Buffer): Promise<HttpResult> => api(cluster, 'POST', path, { body, contentType: PROTOBUF, accept: ACCEPT });

  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('creates kubectl create namespace’s body and answers in JSON', async () => {
    const r = await post(recorded('namespace').path, bin('namespace'));
    expect(r.status, r.text).toBe(201);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json()).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'team-a' }, status: { phase: 'Active' } });
  });

  it.each(SERVED.slice(1).map((n) => [n]))('%s: the recorded body creates what kubectl asked for', async (name) => {
    const r = recorded(name);
    const res = await post(r.path, bin(name));
    expect(res.status, res.text).toBe(201);
    const want = expectedJson(name);
    const got = await api(cluster, 'GET', objectPath(r, want));
    expect(got.status, got.text).toBe(200);
    expect(got.json()).toMatchObject(asked(want));
  });

  it('keeps Secret and ConfigMap bytes exact (raw bytes on the wire, base64 in JSON)', async () => {
    const cm = (await api(cluster, 'GET', '/api/v1/namespaces/team-a/configmaps/blobs')).json<{ binaryData: Record<string, string> }>();
    expect([...Buffer.from(cm.binaryData['blob.bin'] ?? '', 'base64')]).toEqual([0, 1, 2, 0xff, 0xfe, 0x42, 0x49, 0x4e]);
    const s = (await api(cluster, 'GET', '/api/v1/namespaces/team-a/secrets/db-creds')).json<{ data: Record<string, string>; type: string }>();
    expect(Buffer.from(s.data.password ?? '', 'base64').toString()).toBe('s3cr3t!');
    // `type ""` on the wire is the JSON path's missing type: defaulted.
    const plain = (await api(cluster, 'GET', '/api/v1/namespaces/team-a/secrets/plain')).json<{ type: string }>();
    expect(plain.type).toBe('Opaque');
  });

  it('defaults a protobuf Deployment as it would a JSON one', async () => {
    const d = (await api(cluster, 'GET', '/apis/apps/v1/namespaces/team-a/deployments/web')).json();
    expect(d).toMatchObject({
      spec: {
        replicas: 3,
        strategy: { type: 'RollingUpdate' },
        template: { spec: { restartPolicy: 'Always', containers: [{ name: 'nginx', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } },
      },
    });
  });

  it.each(UNSERVED.map((n) => [n]))('%s: an unserved resource is the usual 404, not a decode error', async (name) => {
    const res = await post(recorded(name).path, bin(name));
    expect(res.status, res.text).toBe(404);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });

  it('refuses a body of another kind or namespace than the URL, as for JSON', async () => {
    const kind = await post('/api/v1/namespaces/team-a/secrets', bin('configmap'));
    expect(kind.status).toBe(400);
    expect(kind.json()).toMatchObject({ reason: 'BadRequest', message: 'the kind in the data (ConfigMap) does not match the expected kind (Secret)' });
    const ns = await post('/api/v1/namespaces/default/configmaps', bin('configmap'));
    expect(ns.status).toBe(400);
    expect(ns.json<{ message: string }>().message).toBe('the namespace of the provided object does not match the namespace sent on the request');
  });

  it('refuses a body that is not protobuf with 400 and changes nothing', async () => {
    const res = await post('/api/v1/namespaces/team-a/configmaps', Buffer.from('{"kind":"ConfigMap","metadata":{"name":"x"}}'));
    expect(res.status).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(/^the object provided is unrecognized.*: provided data does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/);
    const truncated = await post('/api/v1/namespaces/team-a/configmaps', bin('configmap').subarray(0, 60));
    expect(truncated.status).toBe(400);
    expect(truncated.json<{ message: string }>().message).toMatch(/unexpected EOF/);
    expect((await api(cluster, 'GET', '/api/v1/namespaces/team-a/configmaps/x')).status).toBe(404);
  });

  it('honours drain’s protobuf DeleteOptions: its grace period, or the pod’s own', async () => {
    const podJson = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName: 'node1', terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'busybox' }] },
    });
    for (const name of ['pod1', 'pod2']) expect((await api(cluster, 'POST', '/api/v1/namespaces/default/pods', { body: podJson(name) })).status).toBe(201);
    const withGrace = await api(cluster, 'DELETE', '/api/v1/namespaces/default/pods/pod1', { body: bin('drain'), contentType: PROTOBUF, accept: ACCEPT });
    expect(withGrace.status, withGrace.text).toBe(200);
    expect(withGrace.json()).toMatchObject({ kind: 'Pod', metadata: { name: 'pod1', deletionGracePeriodSeconds: 30 } });
    const defaults = await api(cluster, 'DELETE', '/api/v1/namespaces/default/pods/pod2', { body: bin('drain-default-grace'), contentType: PROTOBUF, accept: ACCEPT });
    expect(defaults.status, defaults.text).toBe(200);
    expect(defaults.json()).toMatchObject({ metadata: { name: 'pod2', deletionGracePeriodSeconds: 5 } });
  });
});

const hasKubectl = requireTool('kubectl', kubectlAvailable());

describe.skipIf(!hasKubectl)('the real kubectl’s protobuf generators', () => {
  let cluster: TestCluster;
  let conf: string;
  const ok = (args: string[]): string => {
    const r = kubectl(conf, args);
    expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const getJson = (args: string[]): Record<string, unknown> => JSON.parse(ok(['get', ...args, '-o', 'json'])) as Record<string, unknown>;

  beforeAll(async () => {
    cluster = await startTestCluster();
    conf = cluster.tokenKubeconfig;
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('create namespace / configmap / secret / serviceaccount', () => {
    expect(ok(['create', 'namespace', 'shop'])).toBe('namespace/shop created\n');
    expect(ok(['create', 'configmap', 'cfg', '-n', 'shop', '--from-literal=LOG_LEVEL=debug'])).toBe('configmap/cfg created\n');
    expect(ok(['create', 'secret', 'generic', 'creds', '-n', 'shop', '--from-literal=password=s3cr3t!'])).toBe('secret/creds created\n');
    expect(ok(['create', 'serviceaccount', 'builder', '-n', 'shop'])).toBe('serviceaccount/builder created\n');
    expect(getJson(['configmap', 'cfg', '-n', 'shop']).data).toEqual({ LOG_LEVEL: 'debug' });
    const secret = getJson(['secret', 'creds', '-n', 'shop']) as { type: string; data: { password: string } };
    expect(secret.type).toBe('Opaque');
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('s3cr3t!');
  });

  it('create deployment / service / job / cronjob', () => {
    expect(ok(['create', 'deployment', 'web', '-n', 'shop', '--image=nginx:1.25', '--replicas=2', '--port=8080'])).toBe('deployment.apps/web created\n');
    expect(ok(['create', 'service', 'clusterip', 'web', '-n', 'shop', '--tcp=80:8080'])).toBe('service/web created\n');
    expect(ok(['create', 'job', 'hello', '-n', 'shop', '--image=busybox:1.36', '--', 'echo', 'hi'])).toBe('job.batch/hello created\n');
    expect(ok(['create', 'cronjob', 'nightly', '-n', 'shop', '--image=busybox:1.36', '--schedule=*/5 * * * *'])).toBe('cronjob.batch/nightly created\n');
    expect(getJson(['deployment', 'web', '-n', 'shop'])).toMatchObject({
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } } },
    });
    expect(getJson(['service', 'web', '-n', 'shop'])).toMatchObject({
      spec: { clusterIP: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), ports: [{ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }] },
    });
    expect(getJson(['job', 'hello', '-n', 'shop'])).toMatchObject({ spec: { template: { spec: { containers: [{ command: ['echo', 'hi'] }] } } } });
    expect(getJson(['cronjob', 'nightly', '-n', 'shop'])).toMatchObject({ spec: { schedule: '*/5 * * * *' } });
  });

  it('create role / rolebinding / clusterrole / poddisruptionbudget', () => {
    expect(ok(['create', 'role', 'reader', '-n', 'shop', '--verb=get,list', '--resource=pods'])).toBe('role.rbac.authorization.k8s.io/reader created\n');
    expect(ok(['create', 'rolebinding', 'read', '-n', 'shop', '--role=reader', '--user=alice'])).toBe('rolebinding.rbac.authorization.k8s.io/read created\n');
    expect(ok(['create', 'clusterrole', 'viewer', '--verb=get', '--resource=nodes'])).toBe('clusterrole.rbac.authorization.k8s.io/viewer created\n');
    expect(ok(['create', 'poddisruptionbudget', 'web', '-n', 'shop', '--selector=app=web', '--min-available=1'])).toBe('poddisruptionbudget.policy/web created\n');
    expect(getJson(['role', 'reader', '-n', 'shop']).rules).toEqual([{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]);
    expect(getJson(['pdb', 'web', '-n', 'shop'])).toMatchObject({ spec: { minAvailable: 1 } });
  });

  it('a refused generator says why, in one line', () => {
    const r = kubectl(conf, ['create', 'configmap', 'cfg', '-n', 'shop', '--from-literal=a=b']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: failed to create configmap: configmaps "cfg" already exists');
  });
});
