// Issue 6, acceptance 2: a Deployment of the local busybox image serving HTTP runs as real Docker
// containers with pod IPs; kubectl logs / logs -f / exec work through the API server and the
// kubelet; deleting a pod removes its containers and the ReplicaSet replaces it; a NodePort
// Service answers on 127.0.0.1 through kube-proxy.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Pod, Service } from '@kubelite/api';
import { KubeProxy } from '@kubelite/proxy';
import { createLogger } from '@kubelite/client';
import { describeDocker } from '../support/describe-docker.js';
import { BUSYBOX_IMAGE, dockerPs, ensureTestImages } from '../support/docker.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { startNodeCluster, waitNodeReady, type NodeCluster } from '../support/node-cluster.js';
import { until } from '../support/until.js';

const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        terminationGracePeriodSeconds: 2,
        containers: [
          {
            name: 'httpd',
            image: BUSYBOX_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            command: ['sh', '-c', 'echo "hello from $(hostname)" > /var/www/index.html; echo serving; exec httpd -f -v -p 8080 -h /var/www'],
            ports: [{ containerPort: 8080, name: 'http' }],
          },
        ],
      },
    },
  },
});

async function runningPods(nc: NodeCluster, n: number): Promise<Pod[]> {
  return until(`${n} web pods Running with IPs`, async () => {
    const list = await nc.client.resource<Pod>('', 'v1', 'pods').namespace('default').list({ labelSelector: 'app=web' });
    const running = list.items.filter((p) => p.status?.phase === 'Running' && p.status.podIP && !p.metadata.deletionTimestamp && p.status.containerStatuses?.[0]?.ready);
    return running.length === n && list.items.length === n ? running : undefined;
  }, 90_000, 500);
}

describeDocker('kubelet on Docker: workloads', () => {
  let nc: NodeCluster;
  let proxy: KubeProxy | undefined;

  beforeAll(async () => {
    ensureTestImages();
    nc = await startNodeCluster({ nodes: ['node-a'] });
    await waitNodeReady(nc, 'node-a');
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await nc?.stop();
  }, 60_000);

  it('runs a Deployment as real containers with pod IPs, serving HTTP', async () => {
    const r = await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(deployment(3)) });
    expect(r.stderr).toBe('');
    const pods = await runningPods(nc, 3);
    const node = nc.nodeName('node-a');
    for (const p of pods) {
      expect(p.spec?.nodeName).toBe(node);
      expect(p.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(p.status?.containerStatuses?.[0]?.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
      const body = await (await fetch(`http://${p.status!.podIP}:8080/`)).text();
      expect(body.trim()).toBe(`hello from ${p.metadata.name}`);
    }
    const containers = dockerPs(`io.kubelite.node.name=${node}`).filter((c) => c.state === 'running');
    // One sandbox and one app container per pod, labelled as Kubernetes labels them.
    expect(containers).toHaveLength(6);
    for (const p of pods) {
      const app = containers.find((c) => c.name.startsWith(`k8s_httpd_${p.metadata.name}_default_${p.metadata.uid}_`));
      expect(app?.labels).toContain(`io.kubernetes.pod.uid=${p.metadata.uid}`);
      expect(app?.labels).toContain('io.kubernetes.container.name=httpd');
      expect(containers.some((c) => c.name.startsWith(`k8s_POD_${p.metadata.name}_default_`))).toBe(true);
    }
  }, 150_000);

  it('serves kubectl logs, logs -f and exec through the API server', async () => {
    const [pod] = await runningPods(nc, 3);
    const name = pod!.metadata.name!;
    const logs = await kubectlAsync(nc.kubeconfig, ['logs', name]);
    expect(logs.stderr).toBe('');
    expect(logs.stdout).toContain('serving');
    await fetch(`http://${pod!.status!.podIP}:8080/`);
    const follow = kubectlAsync(nc.kubeconfig, ['logs', '-f', name], { timeoutMs: 4000 });
    const followed = await follow;
    expect(followed.stdout).toContain('serving'); // followed until kubectl was stopped
    const ls = await kubectlAsync(nc.kubeconfig, ['exec', name, '--', 'ls', '/']);
    expect(ls.stderr).toBe('');
    expect(ls.stdout.split('\n')).toEqual(expect.arrayContaining(['bin', 'etc', 'var']));
    const code = await kubectlAsync(nc.kubeconfig, ['exec', name, '--', 'sh', '-c', 'exit 3']);
    expect(code.code).toBe(3);
  }, 60_000);

  it('removes the containers of a deleted pod, and the ReplicaSet replaces it', async () => {
    const [victim] = await runningPods(nc, 3);
    const uid = victim!.metadata.uid!;
    const r = await kubectlAsync(nc.kubeconfig, ['delete', 'pod', victim!.metadata.name!]);
    expect(r.code).toBe(0);
    await until('victim containers stopped', () => dockerPs(`io.kubernetes.pod.uid=${uid}`).every((c) => c.state !== 'running'), 30_000, 250);
    const pods = await runningPods(nc, 3);
    expect(pods.map((p) => p.metadata.uid)).not.toContain(uid);
  }, 120_000);

  it('answers on a NodePort through kube-proxy, from the pods', async () => {
    // kubectl expose needs OpenAPI (issue 7): create the Service through the API.
    const service = await nc.client.resource<Service>('', 'v1', 'services').namespace('default').create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const nodePort = service.spec!.ports![0]!.nodePort!;
    proxy = new KubeProxy(
      { kubeconfig: nc.kubeconfig, hostnameOverride: nc.nodeName('node-a'), nodePortAddresses: ['127.0.0.1'], healthzBindAddress: '', metricsBindAddress: '' },
      { logger: createLogger('kube-proxy', 'json', 'silent') },
    );
    await proxy.start();
    const pods = await runningPods(nc, 3);
    const seen = new Set<string>();
    await until('NodePort reached every pod', async () => {
      const text = await fetch(`http://127.0.0.1:${nodePort}/`, { signal: AbortSignal.timeout(5000) }).then((r) => r.text()).catch(() => '');
      if (text) seen.add(text.trim());
      return seen.size === 3;
    }, 30_000, 50);
    expect([...seen].sort()).toEqual(pods.map((p) => `hello from ${p.metadata.name}`).sort());
  }, 90_000);

  it('forwards a local port to a pod with kubectl port-forward', async () => {
    const [pod] = await runningPods(nc, 3);
    const pf = spawn('kubectl', ['--kubeconfig', nc.kubeconfig, 'port-forward', `pod/${pod!.metadata.name}`, ':8080'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      pf.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const port = await until('kubectl forwarding', () => /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out)?.[1], 20_000, 50);
      for (let i = 0; i < 2; i++) {
        const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
        expect(body.trim()).toBe(`hello from ${pod!.metadata.name}`);
      }
    } finally {
      pf.kill('SIGTERM');
    }
  }, 60_000);
});
