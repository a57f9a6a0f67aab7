// The kubelet as a library: pod sources (API informer + manifest directory) feed per-pod workers
// that drive the runtime handlers; the PLEG wakes them on runtime changes; the node agent
// registers the Node and heartbeats; the status manager and prober report back. `main.ts` is only
// flags, and tests start this in-process.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigMap, Node, Pod, Secret, Service } from '@kubelite/api';
import {
  EventRecorder,
  KubeClient,
  SharedInformerFactory,
  isNotFound,
  loadRestConfig,
  type Logger,
  type SharedIndexInformer,
  unwrapTombstone,
} from '@kubelite/client';
import { FileSource } from './config/file-source.js';
import { isStaticPod } from './config/static-pod.js';
import { kubeletError } from './errors.js';
import type { ObjectSource } from './kuberuntime/env.js';
import { ImageManager } from './kuberuntime/images.js';
import { KubeRuntimeManager, podFullName } from './kuberuntime/runtime-manager.js';
import { MirrorClient } from './mirror/mirror-client.js';
import { machineInfo, type MachineInfo } from './node/machine.js';
import { NodeAgent } from './node/node-agent.js';
import type { KubeletOptions } from './options.js';
import { collectGarbage } from './pod/container-gc.js';
import { Pleg } from './pod/pleg.js';
import { PodManager } from './pod/pod-manager.js';
import { PodSyncer } from './pod/pod-sync.js';
import { PodWorkers } from './pod/pod-workers.js';
import { ProberManager, type ProbeTargetView } from './prober/manager.js';
import { DockerRuntime } from './runtime/docker/index.js';
import { ProcessRuntime } from './runtime/process/index.js';
import type { ContainerRuntime, RuntimeHandlerName } from './runtime/types.js';
import { startKubeletServers, type KubeletServers } from './server-wiring.js';
import { StatusManager } from './status/manager.js';
import { VolumeManager } from './volumes/volume-manager.js';

const GC_PERIOD_MS = 60_000;

export interface KubeletDeps {
  logger: Logger;
  /** Tests may substitute runtime handlers; by default Docker and host processes. */
  runtimes?: Map<RuntimeHandlerName, ContainerRuntime>;
}

export class Kubelet {
  readonly pods = new PodManager();
  readonly runtimes: Map<RuntimeHandlerName, ContainerRuntime>;
  private client?: KubeClient;
  private factory?: SharedInformerFactory;
  private serviceFactory?: SharedInformerFactory;
  private readonly stopping = new AbortController();
  private services?: SharedIndexInformer<Service>;
  private nodeAgent?: NodeAgent;
  private statuses?: StatusManager;
  private fileSource?: FileSource;
  private servers?: KubeletServers;
  private gcTimer?: NodeJS.Timeout;
  private readonly probeKills = new Map<string, string>();
  readonly machine: MachineInfo;
  readonly pleg: Pleg;
  readonly prober: ProberManager;
  readonly syncer: PodSyncer;
  readonly workers: PodWorkers;
  private readonly runtimeManager: KubeRuntimeManager;
  private readonly volumes: VolumeManager;
  private recorder?: EventRecorder;

  constructor(
    readonly options: KubeletOptions,
    private readonly deps: KubeletDeps,
  ) {
    const log = deps.logger;
    this.runtimes = deps.runtimes ?? defaultRuntimes(options, log);
    this.machine = machineInfo(options.rootDir, options.maxPods);
    this.volumes = new VolumeManager(options.rootDir);
    if (options.kubeconfig) {
      this.client = new KubeClient(loadRestConfig({ kubeconfig: options.kubeconfig }), { userAgent: 'kubelet', qps: 50, burst: 100 });
      this.recorder = new EventRecorder(this.client, 'kubelet', log, options.nodeName);
      this.statuses = new StatusManager(this.client, log);
    }
    this.runtimeManager = new KubeRuntimeManager({
      images: new ImageManager(),
      volumes: this.volumes,
      logRoot: join(options.rootDir, 'pods-logs'),
      dns: { clusterDNS: options.clusterDNS, clusterDomain: options.clusterDomain, resolvConf: '/etc/resolv.conf' },
      nodeMemoryBytes: this.machine.memoryBytes,
      logger: log,
      event: (pod, fieldPath, type, reason, message) => this.event(pod, fieldPath, type, reason, message),
      isCritical: (pod) => isStaticPod(pod) || pod.spec?.priorityClassName === 'system-node-critical',
    });
    this.pleg = new Pleg([...this.runtimes.values()], (uid) => this.workers.enqueue(uid), log);
    this.prober = new ProberManager({
      runtimeFor: (pod) => this.syncer.runtimeFor(pod),
      view: (uid, name) => this.probeView(uid, name),
      onKill: (pod, _name, id, _kind, message) => {
        this.probeKills.set(id, message);
        this.workers.enqueue(pod.metadata.uid!);
      },
      onChange: (uid) => this.workers.enqueue(uid),
      recordEvent: (pod, type, reason, message, fieldPath) => this.event(pod, fieldPath, type, reason, message),
      logger: log,
    });
    this.syncer = new PodSyncer({
      pods: this.pods,
      runtimes: this.runtimes,
      runtimeManager: this.runtimeManager,
      statuses: this.statuses,
      prober: this.prober,
      volumes: this.volumes,
      pleg: this.pleg,
      mirrors: this.client ? new MirrorClient(this.client) : undefined,
      client: this.client,
      objects: this.objectSource(),
      services: () => this.services?.getStore().list() ?? [],
      node: () => this.nodeAgent?.registered,
      nodeIP: options.nodeIP,
      allowPrivileged: options.allowPrivileged,
      probeKills: this.probeKills,
      logger: log,
    });
    this.workers = new PodWorkers(
      (uid) => this.syncer.sync(uid),
      (uid, err) => log.warn({ pod: this.describe(uid), err: err instanceof Error ? err.message : String(err) }, 'pod sync failed'),
    );
  }

  async start(): Promise<void> {
    const o = this.options;
    const log = this.deps.logger;
    await mkdir(o.rootDir, { recursive: true });
    this.pleg.start();
    await this.pleg.relist();
    if (o.podManifestPath) {
      this.fileSource = new FileSource({ path: o.podManifestPath, nodeName: o.nodeName, rescanMs: o.fileCheckFrequencyMs, logger: log, onChange: (pods) => this.onStaticPods(pods) });
      await this.fileSource.start();
    } else this.onStaticPods([]);
    this.servers = await startKubeletServers(this, log);
    if (this.client) this.startApiSources(this.client);
    else this.pods.apiSynced = true;
    this.statuses?.start();
    this.gcTimer = setInterval(() => void this.garbageCollect(), GC_PERIOD_MS);
    // Adopted pods (a restarted kubelet) get their status and probes back without waiting for a change.
    for (const uid of this.pleg.uids()) this.workers.enqueue(uid);
    log.info({ node: o.nodeName, runtimes: [...this.runtimes.keys()], port: this.servers.port }, 'kubelet started');
  }

  get port(): number {
    return this.servers?.port ?? 0;
  }

  private startApiSources(client: KubeClient): void {
    const o = this.options;
    this.nodeAgent = new NodeAgent({
      client,
      nodeName: o.nodeName,
      nodeIP: o.nodeIP,
      port: this.servers?.port ?? o.port,
      labels: o.nodeLabels,
      taints: o.registerWithTaints,
      machine: this.machine,
      runtime: this.runtimes.get('docker') ?? [...this.runtimes.values()][0]!,
      statusUpdateMs: o.nodeStatusUpdateFrequencyMs,
      leaseDurationSeconds: o.nodeLeaseDurationSeconds,
      logger: this.deps.logger,
      // Static pods get their mirror pods once the Node exists.
      onRegistered: () => this.pods.staticPods().forEach((p) => this.workers.enqueue(p.metadata.uid!)),
    });
    this.nodeAgent.start();
    const onError = (err: unknown, where: string): void => this.deps.logger.debug({ err: String(err), where }, 'informer error');
    this.factory = new SharedInformerFactory(client, { fieldSelector: `spec.nodeName=${o.nodeName}`, onError });
    const pods = this.factory.forResource<Pod>('', 'v1', 'pods');
    pods.addEventHandler({
      onAdd: (p) => this.enqueueApiPod(this.pods.upsertApiPod(p)),
      onUpdate: (_old, p) => this.enqueueApiPod(this.pods.upsertApiPod(p)),
      onDelete: (p) => this.enqueueApiPod(this.pods.deleteApiPod(unwrapTombstone(p))),
    });
    const services = new SharedInformerFactory(client, { onError });
    this.services = services.forResource<Service>('', 'v1', 'services');
    this.factory.start();
    services.start();
    // Until the API has listed our pods, containers of API pods must not be mistaken for orphans.
    void this.factory.waitForCacheSync(this.stopping.signal).then((synced) => {
      if (![...synced.values()].every(Boolean)) return;
      this.pods.apiSynced = true;
      for (const uid of this.pleg.uids()) this.workers.enqueue(uid);
    });
    this.serviceFactory = services;
  }

  private enqueueApiPod(uid: string | undefined): void {
    if (uid) this.workers.enqueue(uid);
  }

  private onStaticPods(pods: Pod[]): void {
    const before = this.pods.staticPods();
    for (const uid of this.pods.setStaticPods(pods)) this.workers.enqueue(uid);
    // A removed (or edited) manifest's mirror pod goes with it.
    const kept = new Set(pods.map((p) => p.metadata.uid));
    for (const old of before) {
      if (kept.has(old.metadata.uid)) continue;
      const mirror = this.pods.mirrorOf(old);
      if (mirror && !pods.some((p) => p.metadata.name === old.metadata.name && p.metadata.namespace === old.metadata.namespace)) {
        void new MirrorClient(this.client!).delete(mirror).catch(() => undefined);
      }
    }
  }

  private probeView(uid: string, name: string): ProbeTargetView | undefined {
    const pod = this.pods.get(uid);
    const view = this.pleg.get(uid);
    if (!pod || !view) return undefined;
    const current = view.containers.filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt)[0];
    const sandbox = view.sandboxes.find((s) => s.state === 'ready');
    return {
      podIP: pod.spec?.hostNetwork ? this.options.nodeIP : sandbox?.ip,
      container: current && { id: current.id, state: current.state, startedAt: current.startedAt },
      deleting: Boolean(pod.metadata.deletionTimestamp),
    };
  }

  private objectSource(): ObjectSource {
    const get = async <T>(resource: string, ns: string, name: string): Promise<T | undefined> => {
      if (!this.client) throw kubeletError('NO_API', `${resource} ${ns}/${name}`);
      try {
        return (await this.client.resource('', 'v1', resource).namespace(ns).get(name)) as T;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    };
    return {
      configMap: (ns, name) => get<ConfigMap>('configmaps', ns, name),
      secret: (ns, name) => get<Secret>('secrets', ns, name),
    };
  }

  private event(pod: Pod, fieldPath: string | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (!this.recorder) return;
    // A static pod's events are about its mirror pod, the object users can see.
    const target = isStaticPod(pod) ? (this.pods.mirrorOf(pod) ?? pod) : pod;
    if (fieldPath) this.recorder.eventOn(target, fieldPath, type, reason, message);
    else this.recorder.event(target, type, reason, message, 'Pod');
  }

  private describe(uid: string): string {
    const pod = this.pods.get(uid);
    return pod ? podFullName(pod) : uid;
  }

  private async garbageCollect(): Promise<void> {
    if (!this.pods.sourcesReady) return;
    const targets = this.pleg.uids().map((uid) => ({ uid, view: this.pleg.get(uid)!, live: this.pods.get(uid) !== undefined }));
    await collectGarbage(targets, this.deps.logger).catch((err: unknown) => this.deps.logger.warn({ err: String(err) }, 'container GC failed'));
  }

  /** Stops the kubelet; with a shutdown grace period, every pod it runs is stopped first. */
  async stop(): Promise<void> {
    clearInterval(this.gcTimer);
    this.fileSource?.stop();
    this.nodeAgent?.stop();
    this.stopping.abort();
    await this.factory?.shutdown();
    await this.serviceFactory?.shutdown();
    this.prober.stop();
    await this.workers.stop();
    if (this.options.shutdownGracePeriodMs > 0) await this.shutdownPods(Math.floor(this.options.shutdownGracePeriodMs / 1000));
    this.pleg.stop();
    this.statuses?.stop();
    await this.servers?.close();
    for (const r of this.runtimes.values()) await r.close().catch(() => undefined);
  }

  /** Graceful node shutdown: every pod this kubelet runs is stopped within the grace period. */
  private async shutdownPods(graceSeconds: number): Promise<void> {
    await this.pleg.relist();
    await Promise.all(
      this.pleg.uids().map(async (uid) => {
        const view = this.pleg.get(uid)!;
        const state = await this.runtimeManager.state(view.runtime, uid);
        await this.runtimeManager.killPod(view.runtime, this.pods.get(uid), state, { gracePeriodSeconds: graceSeconds });
        for (const c of state.containers) await view.runtime.removeContainer(c.id).catch(() => undefined);
        for (const s of state.sandboxes) await view.runtime.removePodSandbox(s.id).catch(() => undefined);
      }),
    );
  }

  /** For the kubelet server and tests: the node as registered. */
  get node(): Node | undefined {
    return this.nodeAgent?.registered;
  }
}

function defaultRuntimes(o: KubeletOptions, logger: Logger): Map<RuntimeHandlerName, ContainerRuntime> {
  return new Map<RuntimeHandlerName, ContainerRuntime>([
    ['docker', new DockerRuntime({ socketPath: o.containerRuntimeEndpoint, nodeName: o.nodeName, podInfraImage: o.podInfraContainerImage, logger })],
    ['process', new ProcessRuntime({ stateDir: join(o.rootDir, 'process-runtime'), nodeName: o.nodeName, logger })],
  ]);
}
