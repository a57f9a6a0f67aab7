// The other controllers, as users see them: a deleted namespace takes its content with it;
// Endpoints follow a Service's ready pods; every namespace gets a `default` ServiceAccount; a
// DaemonSet runs one pod per node; a Job runs to Complete.
import { KubeClient, loadRestConfig } from '@kubelite/client';
import type { DaemonSet, Endpoints, Job, KubeObject, Namespace, Pod, Service } from '@kubelite/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { schedulerBin, spawnComponent, startControllerManager, type ComponentProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { deploymentManifest } from '../support/manifests.js';
import { until } from '../support/until.js';

describe('kube-controller-manager: namespaces, endpoints, service accounts, daemon sets, jobs', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let kubelet: FakeKubelet;
  let scheduler: ComponentProcess;
  let cm: ComponentProcess;

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
    kubelet = new FakeKubelet(client);
    await kubelet.start(['node-a', 'node-b']);
    scheduler = spawnComponent(schedulerBin, ['--kubeconfig', cluster.tokenKubeconfig, '--leader-elect=false', '--bind-address', '127.0.0.1', '--secure-port', '0']);
    cm = startControllerManager(cluster.tokenKubeconfig, ['--leader-elect=false']);
  });
  afterAll(async () => {
    await cm?.stop();
    await scheduler?.stop();
    await kubelet?.close();
    client?.close();
    await cluster?.stop();
  });

  const nsClient = () => client.resource<Namespace>('', 'v1', 'namespaces');

  it('gives every namespace a default ServiceAccount, and deleting a namespace deletes its content', async () => {
    await nsClient().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const sas = client.resource<KubeObject>('', 'v1', 'serviceaccounts').namespace('team');
    await until('default ServiceAccount', async () => (await sas.get('default')).metadata.name);
    await sas.delete('default');
    await until('default ServiceAccount recreated', async () => (await sas.list()).items.some((s) => s.metadata.name === 'default'));
    await client.resource('apps', 'v1', 'deployments').namespace('team').create(JSON.parse(deploymentManifest('app', 'nginx', 2)) as KubeObject);
    await until('pods running', async () => (await client.resource<Pod>('', 'v1', 'pods').namespace('team').list()).items.filter((p) => p.status?.phase === 'Running').length === 2);
    await nsClient().delete('team');
    await until('namespace gone', async () => !(await nsClient().list()).items.some((n) => n.metadata.name === 'team'), 30_000);
    expect((await client.resource<Pod>('', 'v1', 'pods').namespace('team').list()).items).toEqual([]);
  });

  it('keeps Endpoints in step with the ready pods behind a Service', async () => {
    await client.resource('apps', 'v1', 'deployments').namespace('default').create(JSON.parse(deploymentManifest('web', 'nginx', 2)) as KubeObject);
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
    await client.resource<Service>('', 'v1', 'services').namespace('default').create(svc);
    const eps = client.resource<Endpoints>('', 'v1', 'endpoints').namespace('default');
    const ep = await until('2 ready addresses', async () => {
      const e = await eps.get('web');
      return e.subsets?.[0]?.addresses?.length === 2 ? e : undefined;
    });
    expect(ep.subsets?.[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(ep.subsets?.[0]?.addresses?.[0]?.targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' });
    await client.resource('apps', 'v1', 'deployments').namespace('default').patch('web', 'merge', { spec: { replicas: 1 } });
    await until('1 address', async () => ((await eps.get('web')).subsets?.[0]?.addresses?.length === 1 ? true : undefined));
    await client.resource<Service>('', 'v1', 'services').namespace('default').delete('web');
    await until('Endpoints deleted with the Service', async () => !(await eps.list()).items.some((e) => e.metadata.name === 'web'));
  });

  it('runs one DaemonSet pod per node', async () => {
    const ds: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox' }] } } },
    };
    const dsc = client.resource<DaemonSet>('apps', 'v1', 'daemonsets').namespace('default');
    await dsc.create(ds);
    const status = await until('2 available', async () => {
      const s = (await dsc.get('agent')).status;
      return s?.numberAvailable === 2 && s.desiredNumberScheduled === 2 ? s : undefined;
    });
    expect(status.updatedNumberScheduled).toBe(2);
    const pods = (await client.resource<Pod>('', 'v1', 'pods').namespace('default').list({ labelSelector: 'app=agent' })).items;
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-a', 'node-b']);
    expect(pods[0]!.spec.tolerations?.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute')).toBe(true);
  });

  it('runs a Job to Complete', async () => {
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once' },
      spec: { completions: 2, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    const jobs = client.resource<Job>('batch', 'v1', 'jobs').namespace('default');
    await jobs.create(job);
    const podsApi = client.resource<Pod>('', 'v1', 'pods').namespace('default');
    // Play the kubelet's part: each job pod that runs, succeeds.
    const done = await until('Job complete', async () => {
      for (const p of (await podsApi.list({ labelSelector: 'job-name=once' })).items) {
        if (p.status?.phase === 'Running') await podsApi.updateStatus({ ...p, status: { ...p.status, phase: 'Succeeded' } }).catch(() => undefined);
      }
      const j = await jobs.get('once');
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
    }, 30_000, 200);
    expect(done.status?.succeeded).toBe(2);
    expect(done.status?.conditions?.find((c) => c.type === 'Complete')?.reason).toBe('CompletionsReached');
  });
});
