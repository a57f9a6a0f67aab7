// The kube-proxy binary as an operator runs it: flags, plain-HTTP health and metrics, a NodePort
// forwarded end to end, `ps` showing its name, SIGTERM closing its sockets. It runs main.ts
// through tsx (as the tests import sources), so it never exercises a stale dist/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EndpointSlice, Service } from '@kubelite/api';
import { KubeClient, loadRestConfig } from '@kubelite/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { describeDocker } from '../support/describe-docker.js';
import { ensureTestImages, removeContainers } from '../support/docker.js';
import { repoRoot } from '../support/etcd-servers.js';
import { freePort } from '../support/ports.js';
import { until } from '../support/until.js';
import { backendLabel, freeNodePort, hit, nodePortService, sliceFor, startBackend, type Backend } from './helpers.js';

const main = join(repoRoot, 'packages/proxy/src/main.ts');
const nodeArgs = (args: readonly string[]): string[] => ['--import', 'tsx', main, ...args];

describeDocker('kube-proxy binary', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let backend: Backend;
  let proc: ChildProcess | undefined;
  let output = '';
  const label = backendLabel();

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
    ensureTestImages();
    backend = await startBackend('solo', label);
  });
  afterAll(async () => {
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    removeContainers(label);
    client?.close();
    await cluster?.stop();
  });

  it('rejects a bad flag with one line and a non-zero exit', () => {
    const r = spawnSync(process.execPath, nodeArgs(['--nodeport-addresses', '10.0.0.0/33']), { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('kube-proxy: --nodeport-addresses: "10.0.0.0/33" is not a CIDR (e.g. 127.0.0.0/8) or an IP address');
  });

  it('serves /healthz, forwards a nodePort, and closes it on SIGTERM', async () => {
    const [healthz, metrics] = [await freePort(), await freePort()];
    const nodePort = await freeNodePort();
    proc = spawn(
      process.execPath,
      nodeArgs([
        '--kubeconfig', cluster.tokenKubeconfig,
        '--hostname-override', 'Node-1',
        '--nodeport-addresses', '127.0.0.1/32',
        '--healthz-bind-address', `127.0.0.1:${healthz}`,
        '--metrics-bind-address', `127.0.0.1:${metrics}`,
        '--iptables-min-sync-period', '50ms',
      ]),
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => proc!.once('exit', (code) => r(code)));

    const res = await until('kube-proxy /healthz', async () => {
      const r = await fetch(`http://127.0.0.1:${healthz}/healthz`);
      return r.status === 200 ? r : undefined;
    }, 20_000, 100).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${output}`);
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ nodeEligible: true });
    expect(readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8')).toMatch(/^kube-proxy/);

    await client.resource<Service>('', 'v1', 'services').namespace('default').create(nodePortService('bin', nodePort));
    await client.resource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices').namespace('default').create(sliceFor('bin', backend));
    await until('the nodePort to forward to the backend', async () => {
      const h = await hit(nodePort);
      return 'reply' in h && h.reply === 'solo';
    }, 20_000, 100);
    const text = await (await fetch(`http://127.0.0.1:${metrics}/metrics`)).text();
    expect(text).toMatch(/^kubeproxy_nodeport_connections_total\{service_port="default\/bin:http",result="forwarded"\} [1-9]/m);
    // JSON logs by default, with the node name lower-cased as upstream does.
    expect(output).toContain('"node":"node-1"');

    proc.kill('SIGTERM');
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))])).toBe(0);
    const after = await hit(nodePort);
    expect(after).toEqual({ error: 'ECONNREFUSED' });
  });
});
