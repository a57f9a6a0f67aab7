// The real kubectl 1.32 with its default flags (client validation on, so it downloads
// /openapi/v3 and sends fieldValidation=Strict) against the real kube-apiserver binary: writes
// succeed with nothing on stderr, unknown fields are refused or warned about as upstream does, and
// `kubectl explain` reads the published schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, kubectlAvailable, startTestCluster, type KubectlResult, type TestCluster } from '../support/apiserver.js';
import { requireTool } from '../support/etcd-servers.js';

const hasKubectl = requireTool('kubectl', kubectlAvailable());

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web-pod
  labels: {app: web}
  annotations: {note: "kept"}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports: [{containerPort: 80}]
    resources: {limits: {cpu: 500m, memory: 64Mi}}
`;

const DEPLOY = (image: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        env: [{name: A, value: "1"}]
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web-svc
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

const BAD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: bad-pod
spec:
  containers:
  - name: c
    image: busybox
    imagePullPolicyy: Always
`;

describe.skipIf(!hasKubectl)('kubectl with default validation against /openapi/v3', () => {
  let cluster: TestCluster;
  const k = (args: string[], input?: string): KubectlResult => kubectl(cluster.certKubeconfig, args, input === undefined ? {} : { input });
  const ok = (r: KubectlResult): string => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    cluster = await startTestCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('creates a Pod, a Deployment and a Service from files with no warnings', () => {
    expect(ok(k(['create', '-f', '-'], POD))).toBe('pod/web-pod created\n');
    expect(ok(k(['create', '-f', '-'], DEPLOY('nginx:1.25', 1)))).toBe('deployment.apps/web created\n');
    expect(ok(k(['create', '-f', '-'], SERVICE))).toBe('service/web-svc created\n');
    expect(ok(k(['get', 'pod', 'web-pod', '-o', 'jsonpath={.metadata.annotations.note}']))).toBe('kept');
  });

  it('client-side apply: create, then configure with a strategic merge patch, then unchanged', () => {
    const doc = DEPLOY('nginx:1.25', 1).replace('name: web\n', 'name: applied\n');
    expect(ok(k(['apply', '-f', '-'], doc))).toBe('deployment.apps/applied created\n');
    expect(ok(k(['apply', '-f', '-'], doc.replace('replicas: 1', 'replicas: 3').replace('nginx:1.25', 'nginx:1.26')))).toBe(
      'deployment.apps/applied configured\n',
    );
    expect(ok(k(['get', 'deploy', 'applied', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}']))).toBe('3 nginx:1.26');
    expect(ok(k(['apply', '-f', '-'], doc.replace('replicas: 1', 'replicas: 3').replace('nginx:1.25', 'nginx:1.26')))).toBe(
      'deployment.apps/applied unchanged\n',
    );
  });

  it('applies a list of kinds in one file, server-side apply and replace', () => {
    const many = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm1}\ndata: {a: "1"}\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa1}\n',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-many}\n',
    ].join('---\n');
    expect(ok(k(['apply', '-f', '-'], many))).toBe('configmap/cm1 created\nserviceaccount/sa1 created\nnamespace/ns-many created\n');
    const ssa = DEPLOY('nginx:1.25', 2).replace('name: web\n', 'name: ssa\n');
    expect(ok(k(['apply', '--server-side', '-f', '-'], ssa))).toBe('deployment.apps/ssa serverside-applied\n');
    expect(ok(k(['apply', '--server-side', '-f', '-'], ssa.replace('replicas: 2', 'replicas: 4')))).toBe('deployment.apps/ssa serverside-applied\n');
    const live = ok(k(['get', 'configmap', 'cm1', '-o', 'yaml']));
    expect(ok(k(['replace', '-f', '-'], live.replace('a: "1"', 'a: "2"')))).toBe('configmap/cm1 replaced\n');
    expect(ok(k(['get', 'configmap', 'cm1', '-o', 'jsonpath={.data.a}']))).toBe('2');
  });

  it('explains pod.spec.containers with a description and typed fields', () => {
    const out = ok(k(['explain', 'pod.spec.containers']));
    expect(out).toContain('KIND:       Pod');
    expect(out).toContain('FIELD: containers <[]Container>');
    expect(out).toMatch(/DESCRIPTION:\n\s+List of containers belonging to the pod\./);
    expect(out).toMatch(/name\s+<string> -required-/);
    expect(out).toMatch(/ports\s+<\[\]ContainerPort>/);
    expect(out).toMatch(/resources\s+<ResourceRequirements>/);
    const deploy = ok(k(['explain', 'deployment.spec']));
    expect(deploy).toMatch(/replicas\s+<integer>/);
    expect(deploy).toMatch(/template\s+<PodTemplateSpec> -required-/);
  });

  it('rejects an unknown field with the strict decoding message; --validate=warn stores without it', () => {
    const strict = k(['apply', '-f', '-'], BAD_POD);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"');
    expect(k(['get', 'pod', 'bad-pod']).code).not.toBe(0);

    const warn = k(['apply', '--validate=warn', '-f', '-'], BAD_POD);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toBe('Warning: unknown field "spec.containers[0].imagePullPolicyy"\n');
    expect(warn.stdout).toBe('pod/bad-pod created\n');
    const stored = JSON.parse(ok(k(['get', 'pod', 'bad-pod', '-o', 'json']))) as { spec: { containers: Record<string, unknown>[] } };
    expect(stored.spec.containers[0]).not.toHaveProperty('imagePullPolicyy');

    const ssa = k(['apply', '--server-side', '-f', '-'], BAD_POD.replace('bad-pod', 'bad-ssa'));
    expect(ssa.code).not.toBe(0);
    expect(ssa.stderr).toContain('field not declared in schema');
  });

  it('runs the imperative commands with no warnings', () => {
    ok(k(['create', 'namespace', 'imp']));
    ok(k(['create', 'configmap', 'imp-cm', '--from-literal=a=b']));
    ok(k(['create', 'deployment', 'imp-dep', '--image=nginx:1.25']));
    ok(k(['create', 'service', 'clusterip', 'imp-svc', '--tcp=80:8080']));
    ok(k(['create', 'serviceaccount', 'imp-sa']));
    ok(k(['create', 'job', 'imp-job', '--image=busybox', '--', 'true']));
    expect(ok(k(['run', 'imp-pod', '--image=nginx:1.25']))).toBe('pod/imp-pod created\n');
    expect(ok(k(['set', 'image', 'deployment/imp-dep', 'nginx=nginx:1.26']))).toBe('deployment.apps/imp-dep image updated\n');
    expect(ok(k(['get', 'deploy', 'imp-dep', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']))).toBe('nginx:1.26');
  });
});
