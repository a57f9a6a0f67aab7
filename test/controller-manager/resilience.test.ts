// Acceptance 3, 4 and 5: node lifecycle with shortened timings (a silent node becomes Unknown,
// is tainted, its pods are evicted after their tolerationSeconds and replaced elsewhere); a
// controller-manager killed with SIGKILL mid-rollout and restarted finishes the rollout without
// ever exceeding replicas + maxSurge pods; and two controller-managers with --leader-elect, of
// which one acts until it is killed and the other takes over within the lease duration.
import { KubeClient, loadRestConfig, type Lease, type Watch } from '@kubelite/client';
import type { Deployment, Node, Pod } from '@kubelite/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { schedulerBin, spawnComponent, startControllerManager, type ComponentProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { deploymentManifest } from '../support/manifests.js';
import { until } from '../support/until.js';

const NS = 'default';
const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

describe('kube-controller-manager: nodes, crashes and leader election', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let kubelet: FakeKubelet;
  let scheduler: ComponentProcess;
  const cms: ComponentProcess[] = [];

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
    kubelet = new FakeKubelet(client, { heartbeatMs: 300, readyDelayMs: 300 });
    await kubelet.start(['node-a', 'node-b', 'node-c']);
    scheduler = spawnComponent(schedulerBin, ['--kubeconfig', cluster.tokenKubeconfig, '--leader-elect=false', '--bind-address', '127.0.0.1', '--secure-port', '0']);
  });
  afterEach(async () => {
    for (const cm of cms.splice(0)) await cm.stop();
  });
  afterAll(async () => {
    await scheduler?.stop();
    await kubelet?.close();
    client?.close();
    await cluster?.stop();
  });

  const pods = () => client.resource<Pod>('', 'v1', 'pods').namespace(NS);
  const deploys = () => client.resource<Deployment>('apps', 'v1', 'deployments').namespace(NS);
  const active = async (sel: string) => (await pods().list({ labelSelector: sel })).items.filter((p) => !p.metadata.deletionTimestamp);
  const create = async (name: string, replicas: number, mutate: (d: Deployment) => void = () => undefined) => {
    const d = JSON.parse(deploymentManifest(name, 'nginx:1.25', replicas)) as Deployment;
    mutate(d);
    await deploys().create(d);
  };
  const waitReady = (sel: string, n: number, timeoutMs = 30_000) =>
    until(`${n} ready pods ${sel}`, async () => {
      const ps = await active(sel);
      return ps.length === n && ps.every(isReady) ? ps : undefined;
    }, timeoutMs);
  const cm = (extra: string[]) => {
    const p = startControllerManager(cluster.tokenKubeconfig, extra);
    cms.push(p);
    return p;
  };

  it('marks a silent node Unknown, taints it, evicts its pods after tolerationSeconds and replaces them', async () => {
    cm(['--leader-elect=false', '--node-monitor-period=250ms', '--node-monitor-grace-period=2s', '--node-eviction-rate=10']);
    const toleration = (key: string) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 });
    await create('evict', 3, (d) => {
      d.spec.template.spec.tolerations = [toleration('node.kubernetes.io/unreachable'), toleration('node.kubernetes.io/not-ready')];
    });
    const before = await waitReady('app=evict', 3);
    const victimNode = before[0]!.spec.nodeName!;
    const onVictim = before.filter((p) => p.spec.nodeName === victimNode).map((p) => p.metadata.name!);
    const stoppedAt = Date.now();
    kubelet.stopNode(victimNode);
    const nodes = client.resource<Node>('', 'v1', 'nodes');
    const tainted = await until('Ready=Unknown and unreachable taints', async () => {
      const n = await nodes.get(victimNode);
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      const taints = (n.spec?.taints ?? []).filter((t) => t.key === 'node.kubernetes.io/unreachable').map((t) => t.effect).sort();
      return ready?.status === 'Unknown' && taints.join() === 'NoExecute,NoSchedule' ? n : undefined;
    }, 10_000);
    const taintedAfter = Date.now() - stoppedAt;
    expect(tainted.status?.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('NodeStatusUnknown');
    const replaced = await until('pods replaced on healthy nodes', async () => {
      const ps = await active('app=evict');
      return ps.length === 3 && ps.every(isReady) && ps.every((p) => p.spec.nodeName !== victimNode) ? ps : undefined;
    }, 20_000);
    const evictedAfter = Date.now() - stoppedAt;
    console.log(`node ${victimNode}: Unknown+tainted ${taintedAfter} ms after its heartbeats stopped (grace 2 s); its ${onVictim.length} pod(s) replaced after ${evictedAfter} ms (tolerationSeconds 2)`);
    expect(evictedAfter).toBeGreaterThanOrEqual(2000 + 2000);
    expect(replaced.map((p) => p.metadata.name)).not.toContain(onVictim[0]);
    // The evicted pod is terminating (no kubelet to finish it) and says why.
    const evicted = await pods().get(onVictim[0]!);
    expect(evicted.metadata.deletionTimestamp).toBeTruthy();
    expect(evicted.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    expect(evicted.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    await deploys().delete('evict');
  });

  it('finishes a rollout after kill -9 mid-rollout, never above replicas + maxSurge pods', async () => {
    const replicas = 6;
    const surge = 2;
    let cm1 = cm(['--leader-elect=false']);
    await create('crash', replicas, (d) => {
      d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: 0 } };
    });
    await waitReady('app=crash', replicas);
    const list = await pods().list({ labelSelector: 'app=crash' });
    const seen = new Set<string>();
    for (const p of list.items) if (!p.metadata.deletionTimestamp) seen.add(p.metadata.name!);
    let maxActive = seen.size;
    const watch: Watch<Pod> = await pods().watch({ labelSelector: 'app=crash', resourceVersion: list.metadata.resourceVersion });
    const watching = (async () => {
      for await (const ev of watch) {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') continue;
        const p = ev.object as Pod;
        if (ev.type === 'DELETED' || p.metadata.deletionTimestamp) seen.delete(p.metadata.name!);
        else seen.add(p.metadata.name!);
        maxActive = Math.max(maxActive, seen.size);
      }
    })();
    await deploys().patch('crash', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
    // Kill it once the new ReplicaSet has pods but the rollout is not done.
    await until('rollout in flight', async () => {
      const ps = await active('app=crash');
      const fresh = ps.filter((p) => p.spec.containers[0]!.image === 'nginx:1.26').length;
      return fresh > 0 && fresh < replicas ? true : undefined;
    }, 20_000, 20);
    await cm1.kill();
    const midway = (await active('app=crash')).filter((p) => p.spec.containers[0]!.image === 'nginx:1.26').length;
    cm1 = cm(['--leader-elect=false']);
    const st = await kubectlAsync(cluster.tokenKubeconfig, ['rollout', 'status', 'deployment/crash', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(st.code, st.stderr).toBe(0);
    const done = await waitReady('app=crash', replicas);
    watch.close();
    await watching.catch(() => undefined);
    console.log(`kill -9 with ${midway}/${replicas} new pods; restarted manager finished the rollout; max active pods ${maxActive} (limit ${replicas + surge})`);
    expect(done.every((p) => p.spec.containers[0]!.image === 'nginx:1.26')).toBe(true);
    expect(maxActive).toBeLessThanOrEqual(replicas + surge);
    await deploys().delete('crash');
  });

  it('with --leader-elect only the leader acts; the other takes over within the lease duration', async () => {
    const le = ['--leader-elect=true', '--leader-elect-lease-duration=3s', '--leader-elect-renew-deadline=2s', '--leader-elect-retry-period=500ms'];
    const a = cm(le);
    const b = cm(le);
    const leases = client.resource<Lease>('coordination.k8s.io', 'v1', 'leases').namespace('kube-system');
    const holder = await until('a leader', async () => (await leases.get('kube-controller-manager')).spec?.holderIdentity || undefined, 15_000);
    const running = (p: ComponentProcess) => p.output().includes('caches synced; controllers running');
    await until('leader running controllers', () => (running(a) || running(b) ? true : undefined), 15_000);
    const [leader, follower] = running(a) ? [a, b] : [b, a];
    expect(running(follower)).toBe(false);
    await create('le', 2);
    await waitReady('app=le', 2);
    expect(running(follower)).toBe(false);

    await leader.kill();
    const killedAt = Date.now();
    const next = await until('new leader', async () => {
      const h = (await leases.get('kube-controller-manager')).spec?.holderIdentity;
      return h && h !== holder ? h : undefined;
    }, 15_000, 50);
    await until('follower running controllers', () => (running(follower) ? true : undefined), 10_000, 50);
    const tookOver = Date.now() - killedAt;
    await deploys().patch('le', 'merge', { spec: { replicas: 4 } });
    await waitReady('app=le', 4);
    console.log(`leader ${holder} killed; ${next} took over after ${tookOver} ms (lease duration 3000 ms)`);
    expect(tookOver).toBeLessThan(3000 + 2000);
  });
});
