// The real kubectl (1.32) against the real kube-apiserver binary over HTTPS, with a client
// certificate and with a bearer token: every command a user runs on day one.
//
// `--validate=false` appears only on create/apply/edit: without /openapi/v3 (the OpenAPI issue)
// kubectl's client-side validation cannot download a schema and refuses to send anything.
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, kubectlAvailable, startTestCluster, type TestCluster } from '../support/apiserver.js';
import { requireTool } from '../support/etcd-servers.js';

const hasKubectl = requireTool('kubectl', kubectlAvailable());

const POD = (name: string, labels: Record<string, string> = { app: 'web' }): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
  });

const DEPLOY = (image: string, replicas = 2): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const NODE = `apiVersion: v1
kind: Node
metadata:
  name: node-1
  labels:
    kubernetes.io/hostname: node-1
status:
  conditions:
  - type: Ready
    status: "True"
    reason: KubeletReady
    message: kubelet is posting ready status
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  nodeInfo: {kubeletVersion: v1.32.0, osImage: Debian GNU/Linux 12, kernelVersion: "6.1", containerRuntimeVersion: docker://20.10.24, architecture: amd64, operatingSystem: linux, machineID: "", systemUUID: "", bootID: ""}
`;

describe.skipIf(!hasKubectl)('real kubectl against kube-apiserver', () => {
  let cluster: TestCluster;
  let conf: string;
  const k = (args: string[], input?: string) => kubectl(conf, args, input === undefined ? {} : { input });
  const ok = (args: string[], input?: string): string => {
    const r = k(args, input);
    expect(r.stderr, `kubectl ${args.join(' ')}`).toBe('');
    expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    cluster = await startTestCluster();
    conf = cluster.tokenKubeconfig;
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('version reports the server as 1.32 (both credential kinds)', () => {
    for (const c of [cluster.tokenKubeconfig, cluster.certKubeconfig]) {
      const r = kubectl(c, ['version', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const v = JSON.parse(r.stdout) as { serverVersion: { major: string; minor: string; gitVersion: string } };
      expect(v.serverVersion.major).toBe('1');
      expect(v.serverVersion.minor).toBe('32');
    }
  });

  it('refuses a client without credentials (401)', async () => {
    const anon = join(cluster.dir, 'anon.conf');
    writeFileSync(anon, (await import('node:fs')).readFileSync(cluster.tokenKubeconfig, 'utf8').replace(/token: .*/, 'token: wrong'));
    const r = kubectl(anon, ['get', 'pods']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unauthorized|must be logged in/);
  });

  it('api-resources lists the served resources with short names', () => {
    const out = ok(['api-resources']);
    expect(out).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(out).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(out).toMatch(/^nodes\s+no\s+v1\s+false\s+Node$/m);
    expect(out).toMatch(/^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
  });

  it('create -f, then get in every output format', () => {
    expect(ok(['create', '--validate=false', '-f', '-'], POD('web-1'))).toBe('pod/web-1 created\n');
    ok(['create', '--validate=false', '-f', '-'], POD('db-1', { app: 'db' }));
    const table = ok(['get', 'pods']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(table).toMatch(/^web-1\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    expect(ok(['get', 'pods', '-o', 'wide']).split('\n')[0]).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
    expect(ok(['get', 'pod', 'web-1', '-o', 'name'])).toBe('pod/web-1\n');
    const json = JSON.parse(ok(['get', 'pod', 'web-1', '-o', 'json'])) as { metadata: { uid: string; resourceVersion: string }; spec: { tolerations: unknown[]; restartPolicy: string } };
    expect(json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.spec.restartPolicy).toBe('Always');
    expect(json.spec.tolerations).toContainEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    expect(ok(['get', 'pod', 'web-1', '-o', 'yaml'])).toMatch(/^kind: Pod$/m);
    expect(ok(['get', 'pods', '-l', 'app=db', '-o', 'name'])).toBe('pod/db-1\n');
    expect(ok(['get', 'pods', '-l', 'app in (web,db)', '-o', 'name'])).toBe('pod/db-1\npod/web-1\n');
    const all = ok(['get', 'pods', '-A']);
    expect(all).toMatch(/^default\s+web-1\s+/m);
    expect(ok(['get', 'pods', '--show-labels'])).toMatch(/^web-1\s.*app=web$/m);
    const sorted = ok(['get', 'pods', '--sort-by=.metadata.name', '-o', 'name']);
    expect(sorted).toBe('pod/db-1\npod/web-1\n');
    const byImage = ok(['get', 'pods', '--sort-by=.spec.containers[0].image', '-o', 'custom-columns=N:.metadata.name,I:.spec.containers[0].image', '--no-headers']);
    expect(byImage).toMatch(/db-1\s+nginx:1.25/);
  });

  it('get -w prints a row for a pod created while watching', async () => {
    const proc = spawn('kubectl', ['--kubeconfig', conf, 'get', 'pods', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const until = async (re: RegExp): Promise<void> => {
      for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    };
    await until(/web-1/);
    ok(['create', '--validate=false', '-f', '-'], POD('watched-1'));
    await until(/watched-1/);
    proc.kill();
    expect(out).toMatch(/^watched-1\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    expect(out.match(/^web-1\s/gm)).toHaveLength(1);
  });

  it('apply -f twice with a change, no warnings; then server-side apply', () => {
    expect(ok(['apply', '--validate=false', '-f', '-'], DEPLOY('nginx:1.25'))).toBe('deployment.apps/web created\n');
    expect(ok(['apply', '--validate=false', '-f', '-'], DEPLOY('nginx:1.26', 3))).toBe('deployment.apps/web configured\n');
    expect(ok(['apply', '--validate=false', '-f', '-'], DEPLOY('nginx:1.26', 3))).toBe('deployment.apps/web unchanged\n');
    const d = JSON.parse(ok(['get', 'deploy', 'web', '-o', 'json'])) as { metadata: { generation: number }; spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } } };
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1.26');
    expect(d.metadata.generation).toBe(2);
    const ssa = DEPLOY('nginx:1.27', 3).replace('name: web\n', 'name: web-ssa\n');
    expect(ok(['apply', '--server-side', '--validate=false', '-f', '-'], ssa)).toBe('deployment.apps/web-ssa serverside-applied\n');
    expect(ok(['apply', '--server-side', '--validate=false', '-f', '-'], ssa.replace('replicas: 3', 'replicas: 1'))).toBe('deployment.apps/web-ssa serverside-applied\n');
    expect(ok(['get', 'deploy', 'web-ssa', '-o', 'jsonpath={.spec.replicas}'])).toBe('1');
  });

  it('label, annotate, and the three patch types', () => {
    expect(ok(['label', 'pod', 'web-1', 'tier=frontend'])).toBe('pod/web-1 labeled\n');
    expect(ok(['annotate', 'pod', 'web-1', 'note=hello'])).toBe('pod/web-1 annotated\n');
    expect(ok(['get', 'pod', 'web-1', '-o', 'jsonpath={.metadata.labels.tier} {.metadata.annotations.note}'])).toBe('frontend hello');
    expect(ok(['label', 'pod', 'web-1', 'tier-'])).toBe('pod/web-1 unlabeled\n');
    ok(['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}']);
    ok(['patch', 'deploy', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"patched":"merge"}}}']);
    ok(['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]']);
    const d = JSON.parse(ok(['get', 'deploy', 'web', '-o', 'json'])) as { metadata: { labels: Record<string, string> }; spec: { replicas: number; template: { spec: { containers: Array<{ name: string; image: string }> } } } };
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1.28');
    expect(d.metadata.labels.patched).toBe('merge');
    expect(d.spec.replicas).toBe(4);
    const bad = k(['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/nope"}]']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid/i);
  });

  it('scale, including --current-replicas (PUT without a content type)', () => {
    expect(ok(['scale', 'deploy/web', '--replicas=5'])).toBe('deployment.apps/web scaled\n');
    expect(ok(['scale', 'deploy/web', '--current-replicas=5', '--replicas=2'])).toBe('deployment.apps/web scaled\n');
    expect(ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).toBe('2');
    const stale = k(['scale', 'deploy/web', '--current-replicas=7', '--replicas=1']);
    expect(stale.code).toBe(1);
  });

  it('edit with an EDITOR script', () => {
    const editor = join(cluster.dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/image: nginx:1.28/image: nginx:edited/" "$1"\n');
    chmodSync(editor, 0o755);
    const r = kubectl(conf, ['edit', 'deploy', 'web', '--validate=false'], { env: { EDITOR: editor } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/web edited\n');
    expect(ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:edited');
    const none = kubectl(conf, ['edit', 'deploy', 'web', '--validate=false'], { env: { EDITOR: 'true' } });
    expect(none.stdout + none.stderr).toMatch(/Edit cancelled, no changes made/);
  });

  it('describe pod, node and deployment', () => {
    ok(['create', '--validate=false', '-f', '-'], NODE);
    const node = ok(['describe', 'node', 'node-1']);
    expect(node).toMatch(/^Name:\s+node-1$/m);
    expect(node).toMatch(/Ready\s+True/);
    expect(ok(['get', 'nodes'])).toMatch(/^node-1\s+Ready\s+<none>\s+\d+s\s+v1\.32\.0$/m);
    const pod = ok(['describe', 'pod', 'web-1']);
    expect(pod).toMatch(/^Name:\s+web-1$/m);
    expect(pod).toMatch(/^Namespace:\s+default$/m);
    expect(pod).toMatch(/node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s/);
    const deploy = ok(['describe', 'deploy', 'web']);
    expect(deploy).toMatch(/^Name:\s+web$/m);
    expect(deploy).toMatch(/^Selector:\s+app=web$/m);
    expect(deploy).toMatch(/^StrategyType:\s+RollingUpdate$/m);
  });

  it('delete by name, -f, -l and --all; wait --for=delete', async () => {
    ok(['create', '--validate=false', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' }, data: { a: 'b' } }));
    const waiter = spawn('kubectl', ['--kubeconfig', conf, 'wait', '--for=delete', 'configmap/gone', '--timeout=20s'], { stdio: 'ignore' });
    const waited = new Promise<number | null>((r) => waiter.on('exit', r));
    await new Promise((r) => setTimeout(r, 500));
    expect(ok(['delete', 'configmap', 'gone'])).toBe('configmap "gone" deleted\n');
    expect(await waited).toBe(0);
    expect(ok(['delete', '-f', '-'], POD('watched-1'))).toBe('pod "watched-1" deleted\n');
    expect(ok(['delete', 'pods', '-l', 'app=db'])).toBe('pod "db-1" deleted\n');
    expect(ok(['delete', 'pods', '--all'])).toBe('pod "web-1" deleted\n');
    expect(ok(['get', 'pods', '-o', 'name'])).toBe('');
    const missing = k(['delete', 'pod', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('get --raw /healthz and cluster-info', () => {
    expect(ok(['get', '--raw', '/healthz'])).toBe('ok');
    expect(ok(['get', '--raw', '/readyz?verbose'])).toMatch(/\[\+\]etcd ok/);
    expect(ok(['cluster-info'])).toMatch(/Kubernetes control plane.* is running at .*https:\/\/127\.0\.0\.1:\d+/);
  });
});
