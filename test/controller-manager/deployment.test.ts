// Acceptance 1 and 2 of the kube-controller-manager issue, against the real apiserver over
// etcd-lite, the real kube-controller-manager and kube-scheduler binaries and
// a fake kubelet: Deployment → ReplicaSet → pods, scaling, a rolling update whose maxSurge /
// maxUnavailable bounds are checked on every pod event, the real kubectl's rollout status /
// history / undo / restart, pod replacement, and background / orphan / foreground deletion.
import { KubeClient, loadRestConfig, type Watch } from '@kubelite/client';
import type { Deployment, Pod, ReplicaSet } from '@kubelite/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { schedulerBin, spawnComponent, startControllerManager, type ComponentProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { until } from '../support/until.js';
import { deploymentManifest } from '../support/manifests.js';

const NS = 'default';


describe('kube-controller-manager: deployments', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let kubelet: FakeKubelet;
  let scheduler: ComponentProcess;
  let cm: ComponentProcess;
  const k = (...args: string[]) => kubectlAsync(cluster.tokenKubeconfig, args, { timeoutMs: 100_000 });
  // kubectl create deployment sends protobuf, which kubelite's apiserver does not decode for
  // apps/v1 yet; create -f sends JSON.
  const create = (name: string, image: string, replicas: number) =>
    kubectlAsync(cluster.tokenKubeconfig, ['create', '--validate=false', '-f', '-'], { input: deploymentManifest(name, image, replicas) });

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
    kubelet = new FakeKubelet(client, { readyDelayMs: 200 });
    await kubelet.start(['node-a', 'node-b', 'node-c']);
    scheduler = spawnComponent(schedulerBin, ['--kubeconfig', cluster.tokenKubeconfig, '--leader-elect=false', '--bind-address', '127.0.0.1', '--secure-port', '0']);
    cm = startControllerManager(cluster.tokenKubeconfig, ['--leader-elect=false']);
  });
  afterAll(async () => {
    if (process.env.CM_DEBUG) (await import('node:fs')).writeFileSync(process.env.CM_DEBUG, cm?.output() ?? '');
    await cm?.stop();
    await scheduler?.stop();
    await kubelet?.close();
    client?.close();
    await cluster?.stop();
  });

  const pods = () => client.resource<Pod>('', 'v1', 'pods').namespace(NS);
  const rss = () => client.resource<ReplicaSet>('apps', 'v1', 'replicasets').namespace(NS);
  const deploys = () => client.resource<Deployment>('apps', 'v1', 'deployments').namespace(NS);
  const activePods = async (selector: string) =>
    (await pods().list({ labelSelector: selector })).items.filter((p) => !p.metadata.deletionTimestamp);
  const readyCount = (ps: Pod[]) => ps.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  const waitReady = (selector: string, n: number) =>
    until(`${n} ready pods for ${selector}`, async () => {
      const ps = await activePods(selector);
      return ps.length === n && readyCount(ps) === n ? ps : undefined;
    }, 30_000);

  it('creates a ReplicaSet and pods for a Deployment; kubectl rollout status succeeds', async () => {
    const r = await create('web', 'nginx:1.25', 3);
    expect(r.code, r.stderr).toBe(0);
    const ps = await waitReady('app=web', 3);
    const rsList = (await rss().list({ labelSelector: 'app=web' })).items;
    expect(rsList).toHaveLength(1);
    const rs = rsList[0]!;
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(rs.metadata.name).toMatch(/^web-[4-9bcdf]{1,10}$/);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    for (const p of ps) expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid });
    const status = await k('rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
  });

  it('scales up and down', async () => {
    expect((await k('scale', 'deployment/web', '--replicas=5')).code).toBe(0);
    await waitReady('app=web', 5);
    expect((await k('scale', 'deployment/web', '--replicas=2')).code).toBe(0);
    await waitReady('app=web', 2);
    const rs = (await rss().list({ labelSelector: 'app=web' })).items[0]!;
    await until('RS status 2', async () => ((await rss().get(rs.metadata.name!)).status?.readyReplicas === 2 ? true : undefined));
  });

  it('rolls out a new template within maxSurge/maxUnavailable at every observed instant', async () => {
    const replicas = 4;
    const surge = 1;
    const unavailable = 1;
    await deploys().patch('web', 'merge', { spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } } });
    await waitReady('app=web', replicas);
    expect((await k('rollout', 'status', 'deployment/web', '--timeout=60s')).code).toBe(0);
    const seen = new Map<string, Pod>();
    for (const p of await activePods('app=web')) seen.set(p.metadata.name!, p);
    let maxActive = 0;
    let minReady = Infinity;
    let events = 0;
    const list = await pods().list({ labelSelector: 'app=web' });
    const watch: Watch<Pod> = await pods().watch({ labelSelector: 'app=web', resourceVersion: list.metadata.resourceVersion });
    const done = (async () => {
      for await (const ev of watch) {
        if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') continue;
        const p = ev.object as Pod;
        if (ev.type === 'DELETED' || p.metadata.deletionTimestamp) seen.delete(p.metadata.name!);
        else seen.set(p.metadata.name!, p);
        events++;
        const active = [...seen.values()];
        maxActive = Math.max(maxActive, active.length);
        minReady = Math.min(minReady, readyCount(active));
      }
    })();
    expect((await k('set', 'image', 'deployment/web', 'nginx=nginx:1.26')).code).toBe(0);
    // As users record a change cause: annotate after the change; it is copied to the new RS.
    expect((await k('annotate', 'deployment/web', 'kubernetes.io/change-cause=image 1.26')).code).toBe(0);
    const st = await k('rollout', 'status', 'deployment/web', '--timeout=90s');
    expect(st.code, st.stderr).toBe(0);
    await waitReady('app=web', replicas);
    watch.close();
    await done.catch(() => undefined);
    console.log(`rolling update: ${events} pod events; max active pods ${maxActive} (limit ${replicas + surge}); min ready ${minReady} (limit ${replicas - unavailable})`);
    expect(events).toBeGreaterThan(replicas * 2);
    expect(maxActive).toBeLessThanOrEqual(replicas + surge);
    expect(minReady).toBeGreaterThanOrEqual(replicas - unavailable);
    for (const p of await activePods('app=web')) expect(p.spec.containers[0]!.image).toBe('nginx:1.26');
  });

  it('kubectl rollout history, undo and restart work', async () => {
    const hist = await k('rollout', 'history', 'deployment/web');
    expect(hist.code, hist.stderr).toBe(0);
    expect(hist.stdout).toMatch(/REVISION\s+CHANGE-CAUSE/);
    expect(hist.stdout).toMatch(/^1\s+<none>/m);
    expect(hist.stdout).toMatch(/^2\s+image 1\.26/m);

    const undo = await k('rollout', 'undo', 'deployment/web');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toContain('deployment.apps/web rolled back');
    expect((await k('rollout', 'status', 'deployment/web', '--timeout=90s')).code).toBe(0);
    const d = await deploys().get('web');
    expect(d.spec.template.spec.containers[0]!.image).toBe('nginx:1.25');
    await until('pods back on 1.25', async () => {
      const ps = await activePods('app=web');
      return ps.length === 4 && ps.every((p) => p.spec.containers[0]!.image === 'nginx:1.25') && readyCount(ps) === 4 ? true : undefined;
    }, 30_000);
    // The old RS is the new one again, with revision 3 and revision 1 in its history.
    const rsList = (await rss().list({ labelSelector: 'app=web' })).items;
    expect(rsList).toHaveLength(2);
    const back = rsList.find((rs) => rs.spec.template.spec.containers[0]!.image === 'nginx:1.25')!;
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    const hist2 = await k('rollout', 'history', 'deployment/web');
    expect(hist2.stdout).toMatch(/^2\s+/m);
    expect(hist2.stdout).toMatch(/^3\s+/m);
    expect(hist2.stdout).not.toMatch(/^1\s+/m);

    const restart = await k('rollout', 'restart', 'deployment/web');
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain('deployment.apps/web restarted');
    expect((await k('rollout', 'status', 'deployment/web', '--timeout=90s')).code).toBe(0);
    await until('restarted pods', async () => {
      const ps = await activePods('app=web');
      return ps.length === 4 && readyCount(ps) === 4 && ps.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']) ? true : undefined;
    }, 30_000);
    const desc = await k('describe', 'deployment', 'web');
    expect(desc.stdout).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
    expect(desc.stdout).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
    expect(desc.stdout).toContain('ScalingReplicaSet');
  });

  it('replaces a deleted pod of a ReplicaSet', async () => {
    const before = await activePods('app=web');
    const victim = before[0]!;
    expect((await k('delete', 'pod', victim.metadata.name!, '--wait=false')).code).toBe(0);
    const after = await until('replacement pod', async () => {
      const ps = await activePods('app=web');
      return ps.length === 4 && readyCount(ps) === 4 && !ps.some((p) => p.metadata.name === victim.metadata.name) ? ps : undefined;
    }, 30_000);
    expect(after.filter((p) => !before.some((b) => b.metadata.name === p.metadata.name))).toHaveLength(1);
  });

  it('deleting a Deployment deletes its ReplicaSets and pods (background)', async () => {
    expect((await k('delete', 'deployment', 'web')).code).toBe(0);
    await until('ReplicaSets and pods gone', async () => {
      const r = await rss().list({ labelSelector: 'app=web' });
      const p = await pods().list({ labelSelector: 'app=web' });
      return r.items.length === 0 && p.items.length === 0 ? true : undefined;
    }, 30_000);
  });

  it('--cascade=orphan leaves the ReplicaSet and pods', async () => {
    expect((await create('orphans', 'nginx', 2)).code).toBe(0);
    await waitReady('app=orphans', 2);
    const r = await k('delete', 'deployment', 'orphans', '--cascade=orphan');
    expect(r.code, r.stderr).toBe(0);
    await until('deployment gone', async () => ((await deploys().list()).items.some((d) => d.metadata.name === 'orphans') ? undefined : true));
    const rsList = (await rss().list({ labelSelector: 'app=orphans' })).items;
    expect(rsList).toHaveLength(1);
    expect(rsList[0]!.metadata.ownerReferences ?? []).toEqual([]);
    expect(await activePods('app=orphans')).toHaveLength(2);
    // The orphaned ReplicaSet keeps working on its own.
    await pods().delete((await activePods('app=orphans'))[0]!.metadata.name!);
    await waitReady('app=orphans', 2);
    expect((await k('delete', 'rs', rsList[0]!.metadata.name!)).code).toBe(0);
  });

  it('--cascade=foreground deletes the owner last', async () => {
    expect((await create('fg', 'nginx', 2)).code).toBe(0);
    await waitReady('app=fg', 2);
    const list = await deploys().list();
    const order: string[] = [];
    const dw = await deploys().watch({ resourceVersion: list.metadata.resourceVersion });
    const rw = await rss().watch({ resourceVersion: list.metadata.resourceVersion, labelSelector: 'app=fg' });
    const pw = await pods().watch({ resourceVersion: list.metadata.resourceVersion, labelSelector: 'app=fg' });
    const collect = async (w: Watch<{ metadata: { name?: string } }>, kind: string) => {
      for await (const ev of w) if (ev.type === 'DELETED') order.push(`${kind}/${(ev.object as { metadata: { name?: string } }).metadata.name}`);
    };
    const running = [collect(dw, 'deployment'), collect(rw, 'rs'), collect(pw, 'pod')];
    const r = await k('delete', 'deployment', 'fg', '--cascade=foreground', '--wait=false');
    expect(r.code, r.stderr).toBe(0);
    const marked = await deploys().get('fg');
    expect(marked.metadata.deletionTimestamp).toBeTruthy();
    expect(marked.metadata.finalizers).toContain('foregroundDeletion');
    await until('deployment deleted', () => (order.includes('deployment/fg') ? true : undefined), 30_000);
    for (const w of [dw, rw, pw]) w.close();
    await Promise.allSettled(running);
    expect(order.filter((o) => o.startsWith('pod/'))).toHaveLength(2);
    expect(order.filter((o) => o.startsWith('rs/'))).toHaveLength(1);
    expect(order.at(-1)).toBe('deployment/fg');
  });
});
