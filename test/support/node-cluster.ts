// A whole cluster for node-level end-to-end tests: etcd-lite + the real kube-apiserver (with a
// client certificate for its kubelet connections), the real scheduler and controller-manager
// binaries, and in-process kubelets on real Docker with unique node names, so leftovers of one
// run can never be mistaken for another's.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from '@kubelite/api';
import { createCa, createLogger, issueClientCert, KubeClient, loadRestConfig, type Logger } from '@kubelite/client';
import { Kubelet, ProcessRuntime, defaultKubeletOptions, type KubeletOptions } from '@kubelite/kubelet';
import { startTestCluster, type TestCluster } from './apiserver.js';
import { startControllerManager, type ComponentProcess } from './controller-manager.js';
import { removeContainers } from './docker.js';
import { startScheduler, type SchedulerProcess } from './scheduler.js';
import { until } from './until.js';

export interface NodeCluster {
  cluster: TestCluster;
  client: KubeClient;
  kubeconfig: string;
  kubelets: Map<string, Kubelet>;
  /** Node names get a per-run suffix: `nodeName('node-a')` is this run's name. */
  nodeName(base: string): string;
  startKubelet(base: string, extra?: Partial<KubeletOptions>): Promise<Kubelet>;
  stopKubelet(base: string): Promise<void>;
  stop(): Promise<void>;
}

/** Process-runtime pods outlive their kubelet by design; a test's must not outlive the test. */
async function removeProcessContainers(rootDir: string, nodeName: string, logger: Logger): Promise<void> {
  const runtime = new ProcessRuntime({ stateDir: join(rootDir, 'process-runtime'), nodeName, logger });
  for (const c of await runtime.listContainers()) await runtime.removeContainer(c.id);
  await runtime.close();
}

export async function startNodeCluster(opts: { nodes?: string[]; scheduler?: boolean; controllerManager?: boolean } = {}): Promise<NodeCluster> {
  const run = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'kubelite-node-'));
  // The apiserver's identity towards kubelets; kubelets here accept any client (no --client-ca-file).
  const ca = await createCa();
  const kc = await issueClientCert(ca, { user: 'kube-apiserver-kubelet-client', groups: ['system:masters'] });
  writeFileSync(join(dir, 'kubelet-client.crt'), kc.cert);
  writeFileSync(join(dir, 'kubelet-client.key'), kc.key, { mode: 0o600 });
  const cluster = await startTestCluster({
    apiserverArgs: [
      '--kubelet-client-certificate', join(dir, 'kubelet-client.crt'),
      '--kubelet-client-key', join(dir, 'kubelet-client.key'),
      // Every test node is this machine: reach kubelets by their InternalIP (127.0.0.1), not the host name.
      '--kubelet-preferred-address-types', 'InternalIP,Hostname',
    ],
  });
  const kubeconfig = cluster.certKubeconfig;
  const client = new KubeClient(loadRestConfig({ kubeconfig }), { qps: 200, burst: 400 });
  const scheduler: SchedulerProcess | undefined = opts.scheduler === false ? undefined : await startScheduler(cluster);
  const cm: ComponentProcess | undefined = opts.controllerManager === false ? undefined : startControllerManager(kubeconfig, ['--leader-elect=false']);
  const kubelets = new Map<string, Kubelet>();
  /** node name → its kubelet's root dir */
  const started = new Map<string, string>();
  const nodeName = (base: string): string => `${base}-${run}`;
  const logger = createLogger('kubelet', 'json', process.env.KUBELET_LOG ?? 'silent');
  const nc: NodeCluster = {
    cluster,
    client,
    kubeconfig,
    kubelets,
    nodeName,
    async startKubelet(base, extra = {}) {
      const name = nodeName(base);
      const options: KubeletOptions = {
        ...defaultKubeletOptions(name),
        kubeconfig,
        rootDir: join(dir, name),
        port: 0,
        healthzPort: 0,
        nodeStatusUpdateFrequencyMs: 2000,
        ...extra,
      };
      const k = new Kubelet(options, { logger });
      await k.start();
      kubelets.set(base, k);
      started.set(name, options.rootDir);
      return k;
    },
    async stopKubelet(base) {
      await kubelets.get(base)?.stop();
      kubelets.delete(base);
    },
    async stop() {
      for (const k of kubelets.values()) await k.stop().catch(() => undefined);
      for (const [name, rootDir] of started) {
        removeContainers(`io.kubelite.node.name=${name}`);
        await removeProcessContainers(rootDir, name, logger).catch(() => undefined);
      }
      await cm?.stop();
      await scheduler?.stop();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const base of opts.nodes ?? []) await nc.startKubelet(base);
  return nc;
}

/** Waits until this run's node `base` reports Ready=True. */
export async function waitNodeReady(nc: NodeCluster, base: string, timeoutMs = 30_000): Promise<void> {
  await until(`node ${base} Ready`, async () => {
    const node = await nc.client.resource<Node>('', 'v1', 'nodes').get(nc.nodeName(base)).catch(() => undefined);
    return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  }, timeoutMs);
}
