// The EndpointSlice controller as users see it, against the real apiserver, the real
// controller-manager (only `--controllers=endpointslice,garbagecollector`) and the fake kubelet:
// a Service over 3 ready pods gets one slice of 3 ready endpoints with named ports resolved;
// readiness, pod deletion and Service deletion all show up in the slices.
import { KubeClient, loadRestConfig } from '@kubelite/client';
import type { EndpointSlice, Pod, Service } from '@kubelite/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { startControllerManager, type ComponentProcess } from '../support/controller-manager.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { until } from '../support/until.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const pod = (name: string, node: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'shop' } },
  spec: {
    nodeName: node,
    containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }],
  },
});

describe('kube-controller-manager: EndpointSlices', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let kubelet: FakeKubelet;
  let cm: ComponentProcess;

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
    kubelet = new FakeKubelet(client);
    await kubelet.start(['es-a']);
    await kubelet.addNode('es-b', { 'topology.kubernetes.io/zone': 'zone-1' });
    cm = startControllerManager(cluster.tokenKubeconfig, ['--leader-elect=false', '--controllers=endpointslice,garbagecollector']);
  });
  afterAll(async () => {
    await cm?.stop();
    await kubelet?.close();
    client?.close();
    await cluster?.stop();
  });

  const slicesOf = async (svc: string): Promise<EndpointSlice[]> =>
    (await client.resource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices').namespace('default').list({ labelSelector: `${SERVICE_NAME_LABEL}=${svc}` })).items;
  const endpointOf = (s: EndpointSlice, podName: string) => (s.endpoints ?? []).find((e) => e.targetRef?.name === podName);

  it('follows a Service’s pods: ready, not ready, deleted, and goes with the Service', async () => {
    const pods = client.resource<Pod>('', 'v1', 'pods').namespace('default');
    const services = client.resource<Service>('', 'v1', 'services').namespace('default');
    for (const [name, node] of [['shop-0', 'es-a'], ['shop-1', 'es-a'], ['shop-2', 'es-b']] as const) await pods.create(pod(name, node));
    // No selector: the controller must leave this one to whoever manages its endpoints.
    await services.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'external' }, spec: { ports: [{ port: 80 }] } });
    const svc = await services.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shop', labels: { tier: 'front' } },
      spec: { selector: { app: 'shop' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9100 }] },
    });

    const [slice] = await until('one slice with 3 ready endpoints', async () => {
      const s = await slicesOf('shop');
      return s.length === 1 && s[0]!.endpoints?.length === 3 && s[0]!.endpoints.every((e) => e.conditions?.ready) ? s : undefined;
    });
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.metadata.generateName).toBe('shop-');
    expect(slice!.metadata.labels).toEqual({ tier: 'front', [SERVICE_NAME_LABEL]: 'shop', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'shop', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.ports).toEqual([
      { name: 'metrics', port: 9100, protocol: 'TCP' },
      { name: 'web', port: 8080, protocol: 'TCP' },
    ]);
    const shop2 = (await pods.get('shop-2'));
    expect(endpointOf(slice!, 'shop-2')).toEqual({
      addresses: [shop2.status?.podIP],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'es-b',
      zone: 'zone-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'shop-2', uid: shop2.metadata.uid },
    });
    expect(endpointOf(slice!, 'shop-0')?.zone).toBeUndefined();

    // A pod turning not ready stays, with ready=false and serving=false.
    const p0 = await pods.get('shop-0');
    const notReady = (p0.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' } : c));
    await pods.updateStatus({ ...p0, status: { ...p0.status, conditions: notReady } });
    await until('shop-0 not ready in its slice', async () => {
      const ep = endpointOf((await slicesOf('shop'))[0]!, 'shop-0');
      return ep?.conditions?.ready === false && ep.conditions.serving === false ? true : undefined;
    });

    // A deleted pod leaves its slice (the fake kubelet finishes the graceful deletion).
    await pods.delete('shop-1');
    const after = await until('shop-1 gone from the slice', async () => {
      const s = await slicesOf('shop');
      return s.length === 1 && !endpointOf(s[0]!, 'shop-1') ? s[0] : undefined;
    });
    expect((after.endpoints ?? []).map((e) => e.targetRef?.name).sort()).toEqual(['shop-0', 'shop-2']);
    expect(await slicesOf('external')).toEqual([]);

    // The Service goes: the garbage collector takes its slices through their ownerReference.
    await services.delete('shop');
    await until('slices deleted with the Service', async () => ((await slicesOf('shop')).length === 0 ? true : undefined), 30_000);
  });
});
