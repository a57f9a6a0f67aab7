// kube-controller-manager benchmark (acceptance 6): a Deployment of 1,000 replicas over 100
// API-object nodes, with the real kube-scheduler and kube-controller-manager binaries against
// the real apiserver over etcd-lite. Prints seconds until every pod exists and until every pod
// is bound, and pods created / bound per second. Bounded: gives up after 180 s.
//
//   pnpm bench:controllers [--replicas N] [--nodes N]
import { KubeClient, loadRestConfig } from '@kubelite/client';
import type { Deployment, Pod } from '@kubelite/api';
import { startTestCluster } from '../../test/support/apiserver.js';
import { schedulerBin, spawnComponent, startControllerManager } from '../../test/support/controller-manager.js';
import { FakeKubelet } from '../../test/support/fake-kubelet.js';
import { deploymentManifest } from '../../test/support/manifests.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const REPLICAS = arg('--replicas', 1000);
const NODES = arg('--nodes', 100);
const LIMIT_MS = 180_000;

async function main(): Promise<void> {
  const cluster = await startTestCluster();
  const client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
  const nodes = new FakeKubelet(client, { handlePods: false, heartbeatMs: 10_000 });
  const scheduler = spawnComponent(schedulerBin, ['--kubeconfig', cluster.tokenKubeconfig, '--leader-elect=false', '--bind-address', '127.0.0.1', '--secure-port', '0', '--kube-api-qps', '500', '--kube-api-burst', '1000']);
  const cm = startControllerManager(cluster.tokenKubeconfig, ['--leader-elect=false', '--kube-api-qps', '500', '--kube-api-burst', '1000', '--controllers', 'replicaset,deployment,garbagecollector']);
  try {
    await nodes.start(Array.from({ length: NODES }, (_, i) => `node-${String(i).padStart(3, '0')}`));
    await new Promise((r) => setTimeout(r, 2000)); // both components list the nodes first
    const pods = client.resource<Pod>('', 'v1', 'pods').namespace('default');
    const start = Date.now();
    await client.resource<Deployment>('apps', 'v1', 'deployments').namespace('default').create(JSON.parse(deploymentManifest('bench', 'nginx', REPLICAS)) as Deployment);
    let created = 0;
    let bound = 0;
    let allCreatedMs = 0;
    let firstPodMs = 0;
    while (Date.now() - start < LIMIT_MS) {
      const list = (await pods.list({ labelSelector: 'app=bench' })).items;
      created = list.length;
      bound = list.filter((p) => p.spec.nodeName).length;
      if (created > 0 && !firstPodMs) firstPodMs = Date.now() - start;
      if (created >= REPLICAS && !allCreatedMs) allCreatedMs = Date.now() - start;
      if (bound >= REPLICAS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const allBoundMs = Date.now() - start;
    const ok = bound >= REPLICAS;
    const perNode = new Map<string, number>();
    for (const p of (await pods.list({ labelSelector: 'app=bench' })).items) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    const counts = [...perNode.values()];
    console.log(`controllers bench: Deployment of ${REPLICAS} replicas over ${NODES} API-object nodes (kube-scheduler + kube-controller-manager binaries, apiserver over etcd-lite)`);
    console.log(`  first pod created      ${(firstPodMs / 1000).toFixed(2)} s after the Deployment`);
    console.log(`  all ${created} pods created ${(allCreatedMs / 1000).toFixed(2)} s  → ${(created / (allCreatedMs / 1000 || 1)).toFixed(0)} pods created/s`);
    console.log(`  all ${bound} pods bound   ${(allBoundMs / 1000).toFixed(2)} s  → ${(bound / (allBoundMs / 1000)).toFixed(0)} pods bound/s${ok ? '' : ' (gave up: limit reached)'}`);
    console.log(`  spread: ${perNode.size} nodes used, ${Math.min(...counts)}–${Math.max(...counts)} pods per node`);
    if (!ok) process.exitCode = 1;
  } finally {
    await cm.stop();
    await scheduler.stop();
    await nodes.close();
    client.close();
    await cluster.stop();
  }
}

await main();
