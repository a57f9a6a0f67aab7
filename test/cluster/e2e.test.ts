// The whole bootstrap as a user drives it, with the real kubectl and etcdctl: `klctl cluster up
// --detach` in a fresh dir on free ports → the node Ready and the control plane's mirror pods
// Running → kube-apiserver visible in ps → etcdctl through `kubectl exec` into the etcd pod →
// `cluster down` leaves no process of the cluster → `cluster up` again resumes the stored objects.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Node, Pod } from '@kubelite/api';
import { clusterProcesses } from '@kubelite/cli';
import { describeDocker } from '../support/describe-docker.js';
import { freePortOffset, klctl, klctlEnv, sourceBinDir, tempDir, type RunResult } from './harness.js';

const UP_MS = 150_000;

describeDocker('klctl cluster up/down end to end', () => {
  let root: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let offset: number;
  const node = `kl-e2e-${process.pid}`;

  const kubectl = (...args: string[]): string =>
    execFileSync('kubectl', ['--kubeconfig', join(dir, 'admin.kubeconfig'), ...args], { encoding: 'utf8', timeout: 30_000 });
  const kubectlJson = <T>(...args: string[]): T => JSON.parse(kubectl(...args, '-o', 'json')) as T;
  const explain = (r: RunResult): string => `exit ${r.code}\n${r.stdout}\n${r.stderr}\n${existsSync(join(dir, 'logs/kubelet.log')) ? readFileSync(join(dir, 'logs/kubelet.log'), 'utf8').slice(-4000) : ''}`;

  beforeAll(async () => {
    root = tempDir('klctl-e2e-');
    dir = join(root, 'data');
    env = klctlEnv(sourceBinDir(root));
    offset = await freePortOffset();
  });

  afterAll(async () => {
    if (dir) await klctl(['cluster', 'down', '--data-dir', dir, '--ignore-not-found'], { env, timeoutMs: 90_000 });
    // whatever a failed run left behind
    for (const pid of dir ? clusterProcesses(dir) : []) process.kill(pid, 'SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('brings a cluster up, runs the control plane as static pods, stops it and resumes it', async () => {
    const up = await klctl(['cluster', 'up', '--detach', '--data-dir', dir, '--port-offset', String(offset), '--node-name', node], { env, timeoutMs: UP_MS });
    expect(up.code, explain(up)).toBe(0);
    expect(up.stdout).toContain(`✓ node ${node} Ready`);
    expect(up.stdout).toContain('✓ control plane pods Running (5)');
    expect(up.stdout).toContain(`export KUBECONFIG=${join(dir, 'admin.kubeconfig')}`);

    const nodes = kubectlJson<{ items: Node[] }>('get', 'nodes');
    expect(nodes.items.map((n) => n.metadata.name)).toEqual([node]);
    expect(nodes.items[0]!.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');

    const pods = kubectlJson<{ items: Pod[] }>('get', 'pods', '-n', 'kube-system');
    const running = pods.items.filter((p) => p.status?.phase === 'Running').map((p) => p.metadata.name);
    expect(running.sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler'].map((s) => `${s}-${node}`));
    const control = pods.items.filter((p) => p.metadata.labels?.tier === 'control-plane');
    expect(control).toHaveLength(4);
    for (const p of pods.items) expect(p.metadata.annotations?.['kubernetes.io/config.mirror'], p.metadata.name).toBeTruthy();

    // as on a kubeadm node: the component shows in ps under its own name, and it is this cluster's
    const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    const ours = new Set(clusterProcesses(dir));
    const apiservers = ps.split('\n').map((l) => l.trim().split(/\s+/)).filter(([pid, cmd]) => cmd === 'kube-apiserver' && ours.has(Number(pid)));
    expect(apiservers).toHaveLength(1);

    const keys = kubectl('exec', '-n', 'kube-system', `etcd-${node}`, '--', 'etcdctl', 'get', '/', '--prefix', '--keys-only');
    expect(keys).toContain(`/registry/minions/${node}`);
    expect(keys).toContain(`/registry/pods/kube-system/kube-apiserver-${node}`);

    const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'survivor', namespace: 'default' }, data: { k: 'v' } });
    execFileSync('kubectl', ['--kubeconfig', join(dir, 'admin.kubeconfig'), 'apply', '--validate=false', '-f', '-'], { input: cm, encoding: 'utf8', timeout: 30_000 });

    const status = await klctl(['cluster', 'status', '--data-dir', dir], { env });
    expect(status.code, explain(status)).toBe(0);
    expect(status.stdout).toContain(`nodes:      ${node} Ready`);

    const down = await klctl(['cluster', 'down', '--data-dir', dir], { env, timeoutMs: 90_000 });
    expect(down.code, explain(down)).toBe(0);
    expect(down.stdout).toContain('✓ kubelet stopped');
    expect(down.stdout).not.toContain('SIGKILL');
    expect(clusterProcesses(dir)).toEqual([]);
    expect(existsSync(join(dir, 'kubelet.pid'))).toBe(false);

    // no flags: the stored settings bring back the same node on the same ports
    const again = await klctl(['cluster', 'up', '--detach', '--data-dir', dir], { env, timeoutMs: UP_MS });
    expect(again.code, explain(again)).toBe(0);
    expect(again.stdout).toContain('certificates and kubeconfigs');
    expect(again.stdout).toContain('(reused)');
    expect(kubectlJson<{ data: Record<string, string> }>('get', 'configmap', 'survivor').data).toEqual({ k: 'v' });
    expect(kubectlJson<{ items: Node[] }>('get', 'nodes').items.map((n) => n.metadata.name)).toEqual([node]);
  }, 400_000);

  it('runs a Deployment on Docker behind a NodePort, and survives kill -9 of the kubelet and of the kube-apiserver', async () => {
    const kc = join(dir, 'admin.kubeconfig');
    const apply = (obj: unknown): void => void execFileSync('kubectl', ['--kubeconfig', kc, 'apply', '--validate=false', '-f', '-'], { input: JSON.stringify(obj), encoding: 'utf8', timeout: 30_000 });
    apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'httpd', image: 'kubelite/busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'echo "hi from $(hostname)" > /var/www/index.html; exec httpd -f -p 8080 -h /var/www'] }] },
        },
      },
    });
    apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
    const webPods = async (): Promise<Pod[]> => {
      for (let i = 0; i < 240; i++) {
        const pods = kubectlJson<{ items: Pod[] }>('get', 'pods', '-l', 'app=web').items.filter((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.ready);
        if (pods.length === 2) return pods;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`web pods not Running: ${kubectl('get', 'pods', '-o', 'wide')}`);
    };
    const before = await webPods();
    const nodePort = kubectlJson<{ spec: { ports: { nodePort: number }[] } }>('get', 'service', 'web').spec.ports[0]!.nodePort;
    const seen = new Set<string>();
    // Until the EndpointSlice lists both pods as ready, only one may answer.
    for (let i = 0; i < 300 && seen.size < 2; i++) {
      // Bounded: fetch would otherwise wait up to 300 s for the headers of a stuck connection.
      const text = await fetch(`http://127.0.0.1:${nodePort}/`, { signal: AbortSignal.timeout(5000) }).then((r) => r.text()).catch(() => '');
      if (text) seen.add(text.trim());
      await new Promise((r) => setTimeout(r, 50));
    }
    expect([...seen].sort()).toEqual(before.map((p) => `hi from ${p.metadata.name}`).sort());

    const ids = (pods: Pod[]): string[] => pods.map((p) => p.status!.containerStatuses![0]!.containerID!).sort();
    const controlPlane = (): Pod[] => kubectlJson<{ items: Pod[] }>('get', 'pods', '-n', 'kube-system').items;
    const staticBefore = ids(controlPlane());

    // kill -9 the kubelet: its pods keep running, and a new kubelet adopts them.
    const kubeletPid = Number(readFileSync(join(dir, 'kubelet.pid'), 'utf8'));
    process.kill(kubeletPid, 'SIGKILL');
    const up = await klctl(['cluster', 'up', '--detach', '--data-dir', dir], { env, timeoutMs: UP_MS });
    expect(up.code, explain(up)).toBe(0);
    await new Promise((r) => setTimeout(r, 3000)); // the new kubelet syncs and reports
    const after = await webPods();
    expect(ids(after)).toEqual(ids(before));
    for (const p of after) expect(p.status!.containerStatuses![0]!.restartCount).toBe(0);
    expect(ids(controlPlane())).toEqual(staticBefore);

    // kill -9 the kube-apiserver: the kubelet restarts it, and the API answers again.
    const ours = new Set(clusterProcesses(dir));
    const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    const apiserverPid = ps.split('\n').map((l) => l.trim().split(/\s+/)).find(([pid, cmd]) => cmd === 'kube-apiserver' && ours.has(Number(pid)))?.[0];
    expect(apiserverPid).toBeTruthy();
    process.kill(Number(apiserverPid), 'SIGKILL');
    let restarted: Pod | undefined;
    for (let i = 0; i < 240 && !restarted; i++) {
      await new Promise((r) => setTimeout(r, 500));
      try {
        const p = kubectlJson<Pod>('get', 'pod', '-n', 'kube-system', `kube-apiserver-${node}`);
        if ((p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 && p.status?.phase === 'Running') restarted = p;
      } catch {
        // the API is down until the kubelet has restarted it
      }
    }
    expect(restarted?.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(137);
    expect(kubectlJson<{ items: Node[] }>('get', 'nodes').items[0]!.metadata.name).toBe(node);
    expect(ids(await webPods())).toEqual(ids(before));
  }, 400_000);
});
