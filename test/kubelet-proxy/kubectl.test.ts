// The real kubectl against the real kube-apiserver, proxying pods/log, exec and attach to a
// kubelet API server running in this process over a fake runtime: what users see end to end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, createLogger, issueClientCert, issueServingCert } from '@kubelite/client';
import { startKubeletServer } from '../../packages/kubelet/src/server/index.js';
import type { KubeletServer } from '../../packages/kubelet/src/server/index.js';
import { FakePodProvider } from '../../packages/kubelet/src/server/testing/fake-provider.js';
import { ADMIN_TOKEN, kubectlAvailable, startTestCluster, type TestCluster } from '../support/apiserver.js';
import { api } from '../support/http.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { freePort } from '../support/ports.js';
import { until } from '../support/until.js';

const NS = '/api/v1/namespaces/default';
const available = kubectlAvailable();

async function createNode(cluster: TestCluster, name: string, port: number): Promise<void> {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } },
  };
  expect((await api(cluster, 'POST', '/api/v1/nodes', { body: node })).status).toBe(201);
}

async function createPod(cluster: TestCluster, name: string, node: string, containers = ['app']): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, containers: containers.map((c) => ({ name: c, image: 'busybox' })) } };
  expect((await api(cluster, 'POST', `${NS}/pods`, { body: pod })).status).toBe(201);
  const status = { status: { phase: 'Running', containerStatuses: containers.map((c) => ({ name: c, ready: true, restartCount: 0, image: 'busybox', imageID: '', state: { running: {} } })) } };
  const r = await api(cluster, 'PATCH', `${NS}/pods/${name}/status`, { body: status, contentType: 'application/merge-patch+json' });
  expect(r.status).toBe(200);
}

describe.runIf(available)('kubectl logs/exec/attach through kube-apiserver to the kubelet API', () => {
  let cluster: TestCluster;
  let kubelet: KubeletServer;
  let dir: string;
  let kubeconfig: string;
  let deadPort: number;
  const pods = new FakePodProvider();
  const run = (args: string[], input?: string) => kubectlAsync(kubeconfig, args, { ...(input !== undefined ? { input } : {}), timeoutMs: 30_000 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubelet-proxy-'));
    // The kubelet's CA signs both its serving certificate and the API server's client certificate.
    const ca = await createCa({ commonName: 'kubelet-ca' });
    const serving = await issueServingCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    const client = await issueClientCert(ca, { user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins'] });
    writeFileSync(join(dir, 'kubelet-ca.crt'), ca.cert);
    writeFileSync(join(dir, 'client.crt'), client.cert);
    writeFileSync(join(dir, 'client.key'), client.key, { mode: 0o600 });
    kubelet = await startKubeletServer({ address: '127.0.0.1', port: 0, tls: serving, clientCaPem: ca.cert, pods, logger: createLogger('kubelet', 'json', 'silent') });
    cluster = await startTestCluster({
      apiserverArgs: [
        '--kubelet-client-certificate', join(dir, 'client.crt'),
        '--kubelet-client-key', join(dir, 'client.key'),
        '--kubelet-certificate-authority', join(dir, 'kubelet-ca.crt'),
        '--kubelet-timeout', '3s',
      ],
    });
    kubeconfig = cluster.certKubeconfig;
    deadPort = await freePort();
    await createNode(cluster, 'kl-node', kubelet.port);
    await createNode(cluster, 'dead-node', deadPort);
    await createPod(cluster, 'web', 'kl-node');
    pods.addPod('web', ['app']);
    pods.runtime.appendLog('web-app-0', 'one\ntwo\n');
  });

  afterAll(async () => {
    await cluster?.stop();
    await kubelet?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('kubectl logs and logs --tail print what the container wrote', async () => {
    expect(await run(['logs', 'web'])).toMatchObject({ code: 0, stdout: 'one\ntwo\n' });
    expect(await run(['logs', 'web', '--tail=1'])).toMatchObject({ code: 0, stdout: 'two\n' });
    expect((await run(['logs', 'web', '--timestamps', '--tail=1'])).stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z two\n$/);
  });

  it('kubectl logs -f streams until the container stops', async () => {
    await createPod(cluster, 'follow', 'kl-node');
    pods.addPod('follow', ['app']);
    pods.runtime.appendLog('follow-app-0', 'start\n');
    const follow = run(['logs', '-f', 'follow']);
    // Once the kubelet is reading, new lines must come through live.
    await until('kubectl follows', () => pods.runtime.followers('follow-app-0') === 1, 20_000);
    pods.runtime.appendLog('follow-app-0', 'live\n');
    await new Promise((r) => setTimeout(r, 300));
    pods.runtime.stop('follow-app-0');
    expect(await follow).toMatchObject({ code: 0, stdout: 'start\nlive\n' });
  });

  it('a log follower that leaves closes the kubelet stream too', async () => {
    await createPod(cluster, 'quiet', 'kl-node');
    pods.addPod('quiet', ['app']);
    const { request } = await import('node:https');
    const { readFileSync } = await import('node:fs');
    const req = request(`${cluster.url}${NS}/pods/quiet/log?follow=true`, { ca: readFileSync(cluster.caFile), headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, timeout: 5_000 });
    req.on('timeout', () => req.destroy(new Error('no response headers within 5 s')));
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject).end());
    expect(res.statusCode).toBe(200);
    await until('the kubelet follows', () => pods.runtime.followers('quiet-app-0') === 1, 5_000);
    res.destroy();
    await until('the kubelet stops following', () => pods.runtime.followers('quiet-app-0') === 0, 5_000);
  });

  it('kubectl exec runs the command and passes the exit code through', async () => {
    expect(await run(['exec', 'web', '--', 'echo', 'hello', 'kubelet'])).toMatchObject({ code: 0, stdout: 'hello kubelet\n' });
    const failed = await run(['exec', 'web', '--', 'sh', '-c', 'exit 3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('command terminated with exit code 3');
    const stderr = await run(['exec', 'web', '--', 'sh', '-c', 'echo to-stderr >&2']);
    expect(stderr).toMatchObject({ code: 0, stdout: '' });
    expect(stderr.stderr).toContain('to-stderr');
  });

  it('kubectl exec -i feeds stdin to the command', async () => {
    expect(await run(['exec', '-i', 'web', '--', 'cat'], 'piped in\nsecond line\n')).toMatchObject({ code: 0, stdout: 'piped in\nsecond line\n' });
  });

  it('kubectl attach streams the container output until it stops', async () => {
    await createPod(cluster, 'attached', 'kl-node');
    pods.addPod('attached', ['app']);
    const attach = run(['attach', 'attached']);
    await until('the attach session', () => pods.runtime.attaches.includes('attached-app-0'), 20_000);
    pods.runtime.appendLog('attached-app-0', 'hello from the container\n');
    await new Promise((r) => setTimeout(r, 300));
    pods.runtime.stop('attached-app-0');
    const r = await attach;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello from the container\n');
  });

  it("relays the kubelet's reasons: waiting containers, pods it does not run", async () => {
    await createPod(cluster, 'waiting', 'kl-node');
    const p = pods.addPod('waiting', ['app']);
    pods.setStatus(p, { name: 'app', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, image: '', imageID: '' });
    const logs = await run(['logs', 'waiting']);
    expect(logs.code).toBe(1);
    expect(logs.stderr.trim()).toBe('Error from server (BadRequest): container "app" in pod "waiting" is waiting to start: ContainerCreating');
    await createPod(cluster, 'elsewhere', 'kl-node');
    const exec = await run(['exec', 'elsewhere', '--', 'ls']);
    expect(exec).toMatchObject({ code: 1, stderr: 'error: unable to upgrade connection: pod does not exist\n' });
  });

  it('names the connection failure when the kubelet is unreachable', async () => {
    await createPod(cluster, 'dead', 'dead-node');
    const logs = await run(['logs', 'dead']);
    expect(logs.code).toBe(1);
    expect(logs.stderr.trim()).toBe(`Error from server: Get "https://127.0.0.1:${deadPort}/containerLogs/default/dead/app": dial tcp 127.0.0.1:${deadPort}: connect: connection refused`);
    const exec = await run(['exec', 'dead', '--', 'ls']);
    expect(exec.code).toBe(1);
    expect(exec.stderr).toContain(`error dialing backend: dial tcp 127.0.0.1:${deadPort}: connect: connection refused`);
  });

  it('asks for a container name on a multi-container pod, refuses plain and unauthenticated requests to exec', async () => {
    await createPod(cluster, 'multi', 'kl-node', ['a', 'b']);
    const r = await api(cluster, 'GET', `${NS}/pods/multi/log`);
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ reason: 'BadRequest', message: 'a container name must be specified for pod multi, choose one of: [a b]' });
    const plain = await api(cluster, 'GET', `${NS}/pods/web/exec?command=ls&stdout=true`);
    expect(plain.status).toBe(400);
    expect(plain.json()).toMatchObject({ reason: 'BadRequest', message: 'Upgrade request required' });
    // Upgrades pass authentication like any request: no credentials, no tunnel.
    const { request } = await import('node:https');
    const { readFileSync } = await import('node:fs');
    const handshake = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol': 'v5.channel.k8s.io' };
    const refused = await new Promise<number>((resolve, reject) => {
      const req = request(`${cluster.url}${NS}/pods/web/exec?command=ls&stdout=true`, { ca: readFileSync(cluster.caFile), headers: handshake, timeout: 5_000 });
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('upgrade', (_res, socket) => (socket.destroy(), reject(new Error('an anonymous exec was upgraded'))));
      req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
      req.on('error', reject);
      req.end();
    });
    expect(refused).toBe(401);
    const bad = await api(cluster, 'GET', `${NS}/pods/web/log?sinceSeconds=0`);
    expect(bad.status).toBe(422);
    expect(bad.json()).toMatchObject({ reason: 'Invalid', message: expect.stringContaining('PodLogOptions "web" is invalid') });
  });
});
