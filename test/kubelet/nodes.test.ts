// Issue 6, acceptance 4 and 5, and static pods: a restarted kubelet adopts its running containers
// instead of restarting them; two kubelets sharing one Docker daemon each run only their own pods;
// static pods from the manifest directory run (as host processes), get mirror pods, and stop
// when their file goes away.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Pod } from '@kubelite/api';
import { kubectlAsync } from '../support/kubectl-async.js';
import { describeDocker } from '../support/describe-docker.js';
import { BUSYBOX_IMAGE, dockerPs, ensureTestImages } from '../support/docker.js';
import { startNodeCluster, type NodeCluster } from '../support/node-cluster.js';
import { until } from '../support/until.js';

const sleeper = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }], ...extra },
});

describeDocker('kubelet: adoption, two nodes, static pods', () => {
  let nc: NodeCluster;
  const pods = () => nc.client.resource<Pod>('', 'v1', 'pods');
  const running = (ns: string, name: string) =>
    until(`${ns}/${name} Running`, async () => {
      const p = await pods().namespace(ns).get(name).catch(() => undefined);
      return p?.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.ready) ? p : undefined;
    }, 60_000, 250);

  beforeAll(async () => {
    ensureTestImages();
    nc = await startNodeCluster({ nodes: ['node-a'] });
  }, 120_000);
  afterAll(async () => nc?.stop(), 60_000);

  it('adopts running containers after a kubelet restart instead of restarting them', async () => {
    expect((await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(sleeper('adopt')) })).code).toBe(0);
    const before = await running('default', 'adopt');
    const id = before.status!.containerStatuses![0]!.containerID;
    await nc.stopKubelet('node-a');
    await nc.startKubelet('node-a');
    // Give the new kubelet time to relist, sync and report.
    await new Promise((r) => setTimeout(r, 4000));
    const after = await running('default', 'adopt');
    expect(after.status!.containerStatuses![0]).toMatchObject({ containerID: id, restartCount: 0 });
    expect(dockerPs(`io.kubernetes.pod.uid=${before.metadata.uid}`).filter((c) => c.state === 'running')).toHaveLength(2);
  }, 120_000);

  it('spreads pods over two kubelets sharing one Docker daemon, each managing only its own', async () => {
    await nc.startKubelet('node-b');
    const a = nc.nodeName('node-a');
    const b = nc.nodeName('node-b');
    await until('node-b Ready', async () => {
      const n = (await nc.client.resource('', 'v1', 'nodes').get(b).catch(() => undefined)) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
      return n?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    }, 30_000);
    for (const [i, node] of [a, b, a, b].entries()) {
      const body = sleeper(`spread-${i}`, { nodeName: node });
      expect((await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(body) })).code).toBe(0);
    }
    for (let i = 0; i < 4; i++) await running('default', `spread-${i}`);
    const mine = (node: string) => dockerPs(`io.kubelite.node.name=${node}`).filter((c) => c.name.startsWith('k8s_c_spread-'));
    expect(mine(a).map((c) => c.name.split('_')[2]).sort()).toEqual(['spread-0', 'spread-2']);
    expect(mine(b).map((c) => c.name.split('_')[2]).sort()).toEqual(['spread-1', 'spread-3']);
    // Stopping node-b's kubelet (leaving pods running) does not make node-a touch node-b's containers.
    await nc.stopKubelet('node-b');
    await new Promise((r) => setTimeout(r, 3000));
    expect(mine(b).filter((c) => c.state === 'running')).toHaveLength(2);
  }, 150_000);

  it('runs static pods as host processes, mirrors them, and stops them when the file goes', async () => {
    const manifests = join(tmpdir(), `kubelite-manifests-${Date.now()}`);
    mkdirSync(manifests, { recursive: true });
    await nc.stopKubelet('node-a');
    await nc.startKubelet('node-a', { podManifestPath: manifests, fileCheckFrequencyMs: 1000 });
    const static1 = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ticker', namespace: 'kube-system' },
      spec: { hostNetwork: true, runtimeClassName: 'process', containers: [{ name: 'ticker', image: 'host/sh:1', command: ['sh', '-c', 'echo tick; exec sleep 600'], env: [{ name: 'GREETING', value: 'hi' }] }] },
    };
    writeFileSync(join(manifests, 'ticker.yaml'), JSON.stringify(static1));
    const mirrorName = `ticker-${nc.nodeName('node-a')}`;
    const mirror = await running('kube-system', mirrorName);
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: nc.nodeName('node-a'), controller: true });
    expect(mirror.status?.podIP).toBe('127.0.0.1');
    expect((await kubectlAsync(nc.kubeconfig, ['logs', '-n', 'kube-system', mirrorName])).stdout).toContain('tick');
    expect((await kubectlAsync(nc.kubeconfig, ['exec', '-n', 'kube-system', mirrorName, '--', 'sh', '-c', 'echo $GREETING'])).stdout.trim()).toBe('hi');
    // Deleting the mirror pod does not stop the static pod; it comes back.
    expect((await kubectlAsync(nc.kubeconfig, ['delete', 'pod', '-n', 'kube-system', mirrorName])).code).toBe(0);
    const again = await running('kube-system', mirrorName);
    expect(again.metadata.uid).not.toBe(mirror.metadata.uid);
    rmSync(join(manifests, 'ticker.yaml'));
    await until('mirror pod gone', async () => (await pods().namespace('kube-system').get(mirrorName).catch(() => undefined)) === undefined, 30_000, 250);
    rmSync(manifests, { recursive: true, force: true });
  }, 120_000);
});
