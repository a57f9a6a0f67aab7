// Pod startup latency (issue 6, acceptance 6): 30 pods of the local busybox image, created one
// after another through the API, each timed from the create request until a watch sees it
// Running — against `docker run -d` of the same image and command, alternating with the pods in
// the same run: the floor a kubelet on Docker cannot beat (a pod is two containers, its sandbox
// and its app, where `docker run` is one). Prints p50/p99 of both and the ratio (target: p50 ratio ≤ 1.5).
// The real kube-apiserver, kube-scheduler and kubelet binaries run as their own processes.
//
//   pnpm bench:pod-startup [--pods N]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '@kubelite/api';
import { KubeClient, loadRestConfig } from '@kubelite/client';
import { startTestCluster } from '../../test/support/apiserver.js';
import { spawnComponent } from '../../test/support/controller-manager.js';
import { BUSYBOX_IMAGE, ensureTestImages, removeContainers } from '../../test/support/docker.js';
import { repoRoot } from '../../test/support/etcd-servers.js';
import { startScheduler } from '../../test/support/scheduler.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PODS = arg('--pods', 30);
const PER_POD_LIMIT_MS = 60_000;
const COMMAND = ['sleep', '3600'];
const BASELINE_LABEL = 'io.kubelite.bench=pod-startup';

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** One `docker run -d` of the same image and command, timed as a user would see it. */
function dockerRun(): number {
  const t = performance.now();
  execFileSync('docker', ['run', '-d', '--label', BASELINE_LABEL, BUSYBOX_IMAGE, ...COMMAND], { stdio: 'ignore' });
  return performance.now() - t;
}

/**
 * Pods and `docker run -d` alternate, one of each per round, so that whatever else the machine
 * does during the run weighs on both sides alike.
 */
async function measure(client: KubeClient): Promise<{ pods: number[]; baseline: number[] }> {
  const pods = client.resource<Pod>('', 'v1', 'pods').namespace('default');
  const watch = await pods.watch({ labelSelector: 'app=startup' });
  const running = new Map<string, () => void>();
  void (async () => {
    for await (const ev of watch) {
      if (ev.type !== 'ERROR' && ev.object.status?.phase === 'Running') running.get(ev.object.metadata.name!)?.();
    }
  })();
  const out = { pods: [] as number[], baseline: [] as number[] };
  try {
    for (let i = 0; i < PODS; i++) {
      out.baseline.push(dockerRun());
      const name = `startup-${i}`;
      const seen = new Promise<void>((resolve, reject) => {
        running.set(name, resolve);
        setTimeout(() => reject(new Error(`${name} not Running within ${PER_POD_LIMIT_MS} ms`)), PER_POD_LIMIT_MS).unref();
      });
      const t = performance.now();
      await pods.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'startup' } },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent', command: COMMAND }] },
      });
      await seen;
      out.pods.push(performance.now() - t);
    }
  } finally {
    watch.close();
    removeContainers(BASELINE_LABEL);
  }
  return out;
}

async function main(): Promise<void> {
  ensureTestImages();
  const cluster = await startTestCluster();
  const client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
  const scheduler = await startScheduler(cluster);
  const node = `bench-node-${process.pid}`;
  const root = mkdtempSync(join(tmpdir(), 'kubelite-bench-kubelet-'));
  const kubelet = spawnComponent(join(repoRoot, 'packages/kubelet/dist/main.js'), [
    '--kubeconfig', cluster.tokenKubeconfig, '--hostname-override', node, '--root-dir', root,
    '--port', '0', '--healthz-port', '0',
  ]);
  try {
    for (let i = 0; i < 300; i++) {
      const n = await client.resource('', 'v1', 'nodes').get(node).catch(() => undefined);
      if ((n as { status?: { conditions?: { type: string; status: string }[] } } | undefined)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Warm-up, both sides: the first container start pays for page cache and image layers.
    spawnSync('docker', ['run', '--rm', BUSYBOX_IMAGE, 'true'], { stdio: 'ignore' });
    const { pods, baseline } = await measure(client);
    const row = (what: string, xs: number[]): string => `${what.padEnd(28)} p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms   p99 ${pct(xs, 99).toFixed(0).padStart(5)} ms`;
    process.stdout.write(`pod startup, ${PODS} pods one after another (create → Running seen by a watch), alternating with docker run -d\n`);
    process.stdout.write(`${row('docker run -d (baseline)', baseline)}\n`);
    process.stdout.write(`${row('kubelite pod', pods)}\n`);
    process.stdout.write(`ratio p50 ${(pct(pods, 50) / pct(baseline, 50)).toFixed(2)}   p99 ${(pct(pods, 99) / pct(baseline, 99)).toFixed(2)}   (target p50 ≤ 1.5)\n`);
  } finally {
    await client.resource<Pod>('', 'v1', 'pods').namespace('default').deleteCollection({ labelSelector: 'app=startup' }, { gracePeriodSeconds: 0 }).catch(() => undefined);
    await kubelet.stop();
    removeContainers(`io.kubelite.node.name=${node}`);
    await scheduler.stop();
    await cluster.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
