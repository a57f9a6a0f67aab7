// syncPod for one pod uid, the kubelet's reconcile step: a wanted pod converges one step toward
// its spec and gets a fresh status; a pod being deleted is stopped, reported terminal and then
// deleted from the API with grace 0; a pod nobody wants any more (once every source has reported)
// is stopped and forgotten. Static pods also get their mirror pod kept current.
import type { Node, Pod, PodStatus, Service } from '@kubelite/api';
import { isNotFound, type KubeClient, type Logger } from '@kubelite/client';
import { isStaticPod } from '../config/static-pod.js';
import { kubeletError } from '../errors.js';
import type { ObjectSource } from '../kuberuntime/env.js';
import type { KubeRuntimeManager, PodRuntimeState } from '../kuberuntime/runtime-manager.js';
import { serviceEnv } from '../kuberuntime/service-env.js';
import type { MirrorClient } from '../mirror/mirror-client.js';
import type { ProberManager } from '../prober/manager.js';
import type { ContainerRuntime, RuntimeHandlerName } from '../runtime/types.js';
import type { StatusManager } from '../status/manager.js';
import { generatePodStatus } from '../status/generate.js';
import type { VolumeManager } from '../volumes/volume-manager.js';
import type { Pleg } from './pleg.js';
import type { PodManager } from './pod-manager.js';

export interface PodSyncDeps {
  pods: PodManager;
  runtimes: ReadonlyMap<RuntimeHandlerName, ContainerRuntime>;
  runtimeManager: KubeRuntimeManager;
  statuses: StatusManager | undefined;
  prober: ProberManager;
  volumes: VolumeManager;
  pleg: Pleg;
  mirrors: MirrorClient | undefined;
  client: KubeClient | undefined;
  objects: ObjectSource;
  services(): Service[];
  node(): Node | undefined;
  nodeIP: string;
  allowPrivileged: boolean;
  /** Container ids the prober asked to restart → Killing message. */
  probeKills: Map<string, string>;
  logger: Logger;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

export class PodSyncer {
  /** Pods this kubelet has synced at least once. */
  private readonly synced = new Set<string>();

  constructor(private readonly d: PodSyncDeps) {}

  runtimeFor(pod: Pod): ContainerRuntime {
    const name = pod.spec?.runtimeClassName || 'docker';
    const runtime = this.d.runtimes.get(name as RuntimeHandlerName);
    if (!runtime) throw kubeletError('RUNTIME_HANDLER_UNSUPPORTED', name);
    if (name === 'process' && !isStaticPod(pod) && !this.d.allowPrivileged) throw kubeletError('PROCESS_RUNTIME_FORBIDDEN');
    return runtime;
  }

  async sync(uid: string): Promise<number | undefined> {
    const pod = this.d.pods.get(uid);
    if (!pod) return this.syncUnwanted(uid);
    const runtime = this.runtimeFor(pod);
    if (pod.metadata.deletionTimestamp) return this.syncTerminating(pod, runtime);
    const previous = this.d.statuses?.get(uid) ?? pod.status;
    let retryIn: number | undefined;
    if (!TERMINAL.has(previous?.phase ?? '')) {
      // Never synced by this kubelet, and absent from the runtime listing taken at start and every
      // second since: nothing of this pod can exist yet (a new pod, most of its start latency).
      const knownEmpty = !this.synced.has(uid) && this.d.pleg.lastRelist > 0 && !this.d.pleg.get(uid);
      this.synced.add(uid);
      retryIn = await this.d.runtimeManager.syncPod(runtime, pod, this.envContext(pod), this.d.probeKills, knownEmpty);
    }
    const state = await this.d.runtimeManager.state(runtime, uid);
    this.pruneProbeKills(state);
    const status = this.report(pod, runtime, state, false);
    this.d.prober.addPod(pod);
    if (TERMINAL.has(status.phase ?? '')) this.d.prober.removePod(uid);
    await this.syncMirror(pod);
    return retryIn;
  }

  private envContext(pod: Pod): Parameters<KubeRuntimeManager['syncPod']>[2] {
    return { pod, hostIP: this.d.nodeIP, serviceEnv: serviceEnv(pod, this.d.services()), objects: this.d.objects };
  }

  /** Stops the pod (deletion grace period), reports it terminal, then deletes it with grace 0. */
  private async syncTerminating(pod: Pod, runtime: ContainerRuntime): Promise<number | undefined> {
    const uid = pod.metadata.uid!;
    this.d.prober.removePod(uid);
    let state = await this.d.runtimeManager.state(runtime, uid);
    await this.d.runtimeManager.killPod(runtime, pod, state, { gracePeriodSeconds: pod.metadata.deletionGracePeriodSeconds ?? undefined });
    state = await this.d.runtimeManager.state(runtime, uid);
    if (state.containers.some((c) => c.state === 'running')) return 1000;
    this.report(pod, runtime, state, true);
    if (isStaticPod(pod) || !this.d.client) return undefined;
    try {
      await this.d.client
        .resource<Pod>('', 'v1', 'pods')
        .namespace(pod.metadata.namespace ?? 'default')
        .delete(pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return undefined;
  }

  /** A pod no source wants: stop it from its labels (grace, preStop) and forget it. */
  private async syncUnwanted(uid: string): Promise<undefined> {
    if (!this.d.pods.sourcesReady) return undefined;
    const view = this.d.pleg.get(uid);
    if (view) {
      const state = await this.d.runtimeManager.state(view.runtime, uid);
      await this.d.runtimeManager.killPod(view.runtime, undefined, state, {});
    }
    this.d.prober.removePod(uid);
    this.synced.delete(uid);
    this.d.statuses?.forget(uid);
    this.d.runtimeManager.forget(uid);
    await this.d.volumes.tearDown(uid);
    return undefined;
  }

  private report(pod: Pod, runtime: ContainerRuntime, state: PodRuntimeState, terminal: boolean): PodStatus {
    const uid = pod.metadata.uid!;
    const base = this.d.statuses?.get(uid) ?? pod.status;
    const status = generatePodStatus({
      pod: { ...pod, status: base ?? {} },
      sandboxes: state.sandboxes,
      containers: state.containers,
      runtimeName: runtime.handler === 'process' ? 'process' : 'docker',
      reasonCache: this.d.runtimeManager.reasonCache(uid),
      probes: {
        ready: (name, id) => this.d.prober.isReady(uid, name, id),
        started: (name, id) => this.d.prober.isStarted(uid, name, id),
      },
      nodeIPs: [this.d.nodeIP],
      podIsTerminal: terminal,
      now: new Date(),
    });
    const target = this.statusTarget(pod);
    if (this.d.statuses && target) this.d.statuses.set(uid, target, status);
    this.lastStatuses.set(uid, status);
    return status;
  }

  /** The last status computed, whether or not the API has it (standalone kubelets have no API). */
  readonly lastStatuses = new Map<string, PodStatus>();

  private statusTarget(pod: Pod): { namespace: string; name: string; uid?: string } | undefined {
    const ns = pod.metadata.namespace ?? 'default';
    if (!isStaticPod(pod)) return { namespace: ns, name: pod.metadata.name!, uid: pod.metadata.uid };
    const mirror = this.d.pods.mirrorOf(pod);
    return { namespace: ns, name: pod.metadata.name!, uid: mirror && !mirror.metadata.deletionTimestamp ? mirror.metadata.uid : undefined };
  }

  private async syncMirror(pod: Pod): Promise<void> {
    const node = this.d.node();
    if (!isStaticPod(pod) || !this.d.mirrors || !node) return;
    const mirror = await this.d.mirrors.ensure(pod, this.d.pods.mirrorOf(pod), node);
    if (mirror) {
      this.d.pods.upsertApiPod(mirror);
      const status = this.lastStatuses.get(pod.metadata.uid!);
      const target = this.statusTarget(pod);
      if (status && target) this.d.statuses?.set(pod.metadata.uid!, target, status);
    }
  }

  private pruneProbeKills(state: PodRuntimeState): void {
    for (const c of state.containers) if (c.state !== 'running') this.d.probeKills.delete(c.id);
  }
}
