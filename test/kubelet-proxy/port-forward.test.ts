// The real `kubectl port-forward` through the real kube-apiserver to a kubelet API server in this
// process, whose pod IP is 127.0.0.1 and whose "pod port" is a local HTTP server: both transports
// kubectl knows (SPDY tunnelled in WebSocket, then plain SPDY/3.1) must forward connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCa, createLogger, issueClientCert, issueServingCert } from '@kubelite/client';
import { startKubeletServer, type KubeletServer } from '../../packages/kubelet/src/server/index.js';
import { startPodPort } from '../../packages/kubelet/src/server/portforward/testing.js';
import { FakePodProvider } from '../../packages/kubelet/src/server/testing/fake-provider.js';
import { kubectlAvailable, startTestCluster, type TestCluster } from '../support/apiserver.js';
import { api } from '../support/http.js';
import { freePort } from '../support/ports.js';

const NS = '/api/v1/namespaces/default';
const available = kubectlAvailable();

interface Forwarding {
  proc: ChildProcess;
  output: () => string;
}

/** Starts `kubectl port-forward` and waits (bounded) until it says it is listening. */
function portForward(kubeconfig: string, args: string[], env: Record<string, string> = {}): Promise<Forwarding> {
  const proc = spawn('kubectl', ['--kubeconfig', kubeconfig, 'port-forward', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  const output = () => out;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`kubectl port-forward did not start within 20 s: ${out}`));
    }, 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Forwarding from')) {
        clearTimeout(timer);
        resolve({ proc, output });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubectl port-forward exited with ${code}: ${out}`));
    });
  });
}

async function get(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { connection: 'close' } });
  return `${res.status} ${await res.text()}`;
}

describe.runIf(available)('kubectl port-forward through kube-apiserver to the kubelet API', () => {
  let cluster: TestCluster;
  let kubelet: KubeletServer;
  let podPort: Awaited<ReturnType<typeof startPodPort>>;
  let dir: string;
  const running: ChildProcess[] = [];
  const pods = new FakePodProvider();
  let kubeletTls: { ca: string; cert: string; key: string };

  /** The kubelet's own count of port-forward requests by method: kubectl's WebSocket is a GET, its SPDY a POST. */
  const portForwardRequests = (method: 'GET' | 'POST'): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(`https://127.0.0.1:${kubelet.port}/metrics`, { ...kubeletTls, timeout: 5_000 }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(Number(new RegExp(`kubelet_http_requests_total\\{method="${method}",path="portForward"[^}]*\\} (\\d+)`).exec(body)?.[1] ?? 0)));
      });
      req.on('timeout', () => req.destroy(new Error('no /metrics answer within 5 s')));
      req.on('error', reject).end();
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'port-forward-'));
    const ca = await createCa({ commonName: 'kubelet-ca' });
    const serving = await issueServingCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    const client = await issueClientCert(ca, { user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins'] });
    kubeletTls = { ca: ca.cert, cert: client.cert, key: client.key };
    writeFileSync(join(dir, 'kubelet-ca.crt'), ca.cert);
    writeFileSync(join(dir, 'client.crt'), client.cert);
    writeFileSync(join(dir, 'client.key'), client.key, { mode: 0o600 });
    podPort = await startPodPort();
    kubelet = await startKubeletServer({ address: '127.0.0.1', port: 0, tls: serving, clientCaPem: ca.cert, pods, logger: createLogger('kubelet', 'json', 'silent') });
    cluster = await startTestCluster({
      apiserverArgs: ['--kubelet-client-certificate', join(dir, 'client.crt'), '--kubelet-client-key', join(dir, 'client.key'), '--kubelet-certificate-authority', join(dir, 'kubelet-ca.crt'), '--kubelet-timeout', '3s'],
    });
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'pf-node' }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } } };
    expect((await api(cluster, 'POST', '/api/v1/nodes', { body: node })).status).toBe(201);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'pf-node', containers: [{ name: 'app', image: 'busybox' }] } };
    expect((await api(cluster, 'POST', `${NS}/pods`, { body: pod })).status).toBe(201);
    const status = { status: { phase: 'Running', podIP: '127.0.0.1', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'busybox', imageID: '', state: { running: {} } }] } };
    expect((await api(cluster, 'PATCH', `${NS}/pods/web/status`, { body: status, contentType: 'application/merge-patch+json' })).status).toBe(200);
    const local = pods.addPod('web', ['app']);
    if (local.status) local.status.podIP = '127.0.0.1';
  }, 60_000);

  afterEach(() => {
    for (const p of running.splice(0)) p.kill('SIGKILL');
  });

  afterAll(async () => {
    await cluster?.stop();
    await kubelet?.close();
    await podPort?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [transport, env, method] of [
    ['SPDY tunnelled in WebSocket', {}, 'GET'],
    ['plain SPDY/3.1', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }, 'POST'],
  ] as const) {
    it(`forwards two connections to the pod's port (${transport})`, async () => {
      const [gets, posts] = [await portForwardRequests('GET'), await portForwardRequests('POST')];
      const local = await freePort();
      const pf = await portForward(cluster.certKubeconfig, ['pod/web', `${local}:${podPort.port}`], env);
      running.push(pf.proc);
      expect(pf.output()).toContain(`Forwarding from 127.0.0.1:${local} -> ${podPort.port}`);
      const before = podPort.connections();
      expect(await get(`http://127.0.0.1:${local}/first`)).toBe('200 hello /first');
      expect(await get(`http://127.0.0.1:${local}/second`)).toBe('200 hello /second');
      expect(podPort.connections() - before).toBe(2);
      expect(pf.output()).toMatch(/Handling connection for \d+[\s\S]*Handling connection for \d+/);
      expect(pf.proc.exitCode).toBeNull();
      // One upgrade of the expected kind, and no fallback from the other.
      expect([(await portForwardRequests('GET')) - gets, (await portForwardRequests('POST')) - posts]).toEqual(method === 'GET' ? [1, 0] : [0, 1]);
    }, 40_000);
  }

  it('tells the user when nothing listens on the pod port', async () => {
    const local = await freePort();
    const dead = await freePort();
    const pf = await portForward(cluster.certKubeconfig, ['pod/web', `${local}:${dead}`]);
    running.push(pf.proc);
    await fetch(`http://127.0.0.1:${local}/`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (!pf.output().includes('error forwarding port') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pf.output()).toContain(`error forwarding port ${dead} to pod web_default`);
    expect(pf.output()).toContain('ECONNREFUSED');
  }, 40_000);
});
