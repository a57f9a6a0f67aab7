// The pod-level half of the kubelet's runtime (upstream kubeGenericRuntimeManager): SyncPod runs
// one step of computePodActions against the pod's runtime handler; KillPod stops a pod from its
// runtime state alone. Start failures are remembered per container (the reason cache) for the
// status; crash back-off is applied here, keyed per container spec as upstream does.
import type { Container, Pod } from '@kubelite/api';
import type { Logger } from '@kubelite/client';
import { ContainerStartError, KubeletProblems } from '../errors.js';
import type { ContainerRuntime, ContainerStatus, SandboxConfig, SandboxStatus } from '../runtime/types.js';
import type { VolumeManager } from '../volumes/volume-manager.js';
import type { ContainerType } from './annotations.js';
import { Backoff, goDuration } from './backoff.js';
import type { EnvContext } from './env.js';
import { containerHash } from './hash.js';
import type { ImageManager } from './images.js';
import { killContainer } from './kill-container.js';
import { computePodActions, newestInstance } from './pod-actions.js';
import { sandboxConfig, type DnsSettings } from './sandbox-config.js';
import { createContainer, startCreated, type StartContext } from './start-container.js';

export type PodEvent = (pod: Pod, fieldPath: string | undefined, type: 'Normal' | 'Warning', reason: string, message: string) => void;

export interface RuntimeManagerOptions {
  images: ImageManager;
  volumes: VolumeManager;
  logRoot: string;
  dns: DnsSettings;
  nodeMemoryBytes: number;
  logger: Logger;
  event: PodEvent;
  /** Static and system-node-critical pods get the critical OOM score. */
  isCritical(pod: Pod): boolean;
}

export interface PodRuntimeState {
  sandboxes: SandboxStatus[];
  containers: ContainerStatus[];
}

export const podFullName = (pod: Pod): string => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;

const fieldPathOf = (pod: Pod, name: string): string =>
  pod.spec?.initContainers?.some((c) => c.name === name) ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;

export class KubeRuntimeManager {
  readonly crashBackoff = new Backoff();
  /** pod uid → container name → last start failure. */
  private readonly reasons = new Map<string, Map<string, { reason: string; message: string }>>();

  constructor(private readonly opts: RuntimeManagerOptions) {}

  reasonCache(uid: string): ReadonlyMap<string, { reason: string; message: string }> {
    return this.reasons.get(uid) ?? new Map();
  }

  forget(uid: string): void {
    this.reasons.delete(uid);
    this.crashBackoff.forgetPrefix(`${uid}_`);
  }

  async state(runtime: ContainerRuntime, uid: string): Promise<PodRuntimeState> {
    const [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes({ podUid: uid }), runtime.listContainers({ podUid: uid })]);
    return { sandboxes, containers };
  }

  /**
   * One step towards the pod's spec. Returns the delay after which the pod should be synced again
   * (a back-off ending), or undefined.
   */
  async syncPod(
    runtime: ContainerRuntime,
    pod: Pod,
    env: Omit<EnvContext, 'podIP'>,
    probeKills: ReadonlyMap<string, string>,
    /** The runtime is known to hold nothing of this pod yet (its first sync): skip listing it. */
    knownEmpty = false,
  ): Promise<number | undefined> {
    const uid = pod.metadata.uid!;
    const state = knownEmpty ? { sandboxes: [], containers: [] } : await this.state(runtime, uid);
    const actions = computePodActions({ pod, ...state, probeKills });
    const event = (name?: string): ((t: 'Normal' | 'Warning', r: string, m: string) => void) => (t, r, m) => this.opts.event(pod, name ? fieldPathOf(pod, name) : undefined, t, r, m);
    if (actions.killPod) {
      if (actions.createSandbox && state.sandboxes.length) event()('Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      await this.killPod(runtime, pod, state, {});
    }
    if (!actions.createSandbox && !actions.sandboxId) return undefined;
    const sandbox = sandboxConfig(pod, actions.attempt, this.opts.logRoot, this.opts.dns);
    let sandboxId = actions.sandboxId;
    // A new sandbox is started while the containers are prepared and created; its IP is read
    // once it runs, and only a container whose environment or hooks need it waits for that.
    let sandboxStarted: Promise<void>;
    let sandboxIP: Promise<string | undefined>;
    if (actions.createSandbox) {
      try {
        sandboxId = await this.createSandbox(runtime, sandbox);
      } catch (err) {
        return this.sandboxFailed(pod, err);
      }
      const id = sandboxId;
      sandboxStarted = runtime.createPodSandbox && runtime.startPodSandbox ? runtime.startPodSandbox(id, sandbox) : Promise.resolve();
      sandboxIP = sandboxStarted.then(async () => (await runtime.podSandboxStatus(id))?.ip);
    } else {
      sandboxStarted = Promise.resolve();
      sandboxIP = Promise.resolve(state.sandboxes.find((s) => s.id === sandboxId)?.ip);
    }
    // Never left unhandled: a failed start is reported where it is awaited.
    sandboxIP.catch(() => undefined);
    const hostIP = pod.spec?.hostNetwork ? env.hostIP : undefined;
    const ctx = {
      runtime,
      images: this.opts.images,
      sandboxId: sandboxId!,
      sandbox,
      env: { ...env, podIP: hostIP },
      volumes: new Map<string, string>(),
      podDir: this.opts.volumes.podDir(uid),
      nodeMemoryBytes: this.opts.nodeMemoryBytes,
      critical: this.opts.isCritical(pod),
      event: event(),
    };
    for (const k of actions.containersToKill) {
      const c = state.containers.find((x) => x.id === k.id);
      if (c) await killContainer(runtime, c, { message: k.message, podIP: await sandboxIP.catch(() => undefined), event: event(k.name) });
    }
    try {
      ctx.volumes = await this.opts.volumes.setUp(pod, env.objects);
    } catch (err) {
      const reason = err instanceof ContainerStartError ? err.reason : 'CreateContainerConfigError';
      for (const c of pod.spec!.containers) this.setReason(uid, c.name, reason, err instanceof Error ? err.message : String(err));
      return 10_000;
    }
    const known = sandboxIP.then((ip) => {
      ctx.env.podIP = ip ?? hostIP;
    });
    let retryIn: number | undefined;
    const starts: [Container, ContainerType][] = actions.nextInit ? [[actions.nextInit, 'init']] : actions.containersToStart.map((c) => [c, 'container']);
    for (const [c, type] of starts) {
      const wait = await this.startOne(pod, c, type, state.containers, { ...ctx, event: event(c.name) }, { started: sandboxStarted, ipKnown: known });
      if (wait !== undefined) retryIn = Math.min(retryIn ?? wait, wait);
    }
    try {
      await known;
    } catch (err) {
      return this.sandboxFailed(pod, err);
    }
    return retryIn;
  }

  private async createSandbox(runtime: ContainerRuntime, sandbox: SandboxConfig): Promise<string> {
    return runtime.createPodSandbox ? runtime.createPodSandbox(sandbox) : runtime.runPodSandbox(sandbox);
  }

  private sandboxFailed(pod: Pod, err: unknown): number {
    const msg = `Failed to create pod sandbox: ${err instanceof Error ? err.message : String(err)}`;
    this.opts.event(pod, undefined, 'Warning', 'FailedCreatePodSandBox', msg);
    for (const c of [...(pod.spec?.initContainers ?? []), ...pod.spec!.containers]) this.setReason(pod.metadata.uid!, c.name, 'CreatePodSandboxError', msg);
    return 10_000;
  }

  /**
   * Starts one container unless it is in crash back-off; returns the back-off left, if any. The
   * container is created while the sandbox starts and is started once it runs; one whose
   * environment or postStart hook needs the pod IP waits until the IP is known.
   */
  private async startOne(
    pod: Pod,
    c: Container,
    type: ContainerType,
    instances: ContainerStatus[],
    ctx: StartContext,
    sandbox: { started: Promise<void>; ipKnown: Promise<void> },
  ): Promise<number | undefined> {
    const uid = pod.metadata.uid!;
    const previous = newestInstance(instances, c.name);
    if (previous?.state === 'exited' && previous.finishedAt) {
      const key = `${uid}_${c.name}_${containerHash(c)}`;
      const finished = previous.finishedAt.getTime();
      if (this.crashBackoff.isInBackOffSince(key, finished)) {
        const msg = KubeletProblems.CRASH_BACKOFF(goDuration(this.crashBackoff.get(key)), c.name, `${pod.metadata.name}_${pod.metadata.namespace}(${uid})`);
        this.setReason(uid, c.name, 'CrashLoopBackOff', msg);
        ctx.event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podFullName(pod)}`);
        return this.crashBackoff.remaining(key, finished) + 50;
      }
      this.crashBackoff.next(key, finished);
    }
    const restartCount = previous ? previous.attempt + 1 : 0;
    try {
      if (needsPodIP(c)) await sandbox.ipKnown;
      const id = await createContainer(pod, c, restartCount, type, ctx);
      await sandbox.started;
      await startCreated(id, c, ctx);
      this.reasons.get(uid)?.delete(c.name);
      return undefined;
    } catch (err) {
      const reason = err instanceof ContainerStartError ? err.reason : 'RunContainerError';
      const msg = err instanceof Error ? err.message : String(err);
      this.setReason(uid, c.name, reason, msg);
      if (reason !== 'ErrImagePull' && reason !== 'ImagePullBackOff') ctx.event('Warning', 'Failed', `Error: ${reason}`);
      this.opts.logger.info({ pod: podFullName(pod), container: c.name, reason, err: msg }, 'container start failed');
      return reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 10_000 : 5_000;
    }
  }

  private setReason(uid: string, name: string, reason: string, message: string): void {
    let m = this.reasons.get(uid);
    if (!m) this.reasons.set(uid, (m = new Map()));
    m.set(name, { reason, message });
  }

  /** Stops every running container of the pod in parallel, then its sandboxes. */
  async killPod(runtime: ContainerRuntime, pod: Pod | undefined, state: PodRuntimeState, opts: { gracePeriodSeconds?: number; podIP?: string }): Promise<void> {
    const running = state.containers.filter((c) => c.state === 'running' || c.state === 'created');
    await Promise.all(
      running.map((c) =>
        killContainer(runtime, c, {
          gracePeriodSeconds: opts.gracePeriodSeconds,
          podIP: opts.podIP,
          message: `Stopping container ${c.name}`,
          event: (t, r, m) => pod && this.opts.event(pod, fieldPathOf(pod, c.name), t, r, m),
        }).catch((err: unknown) => this.opts.logger.warn({ container: c.id, err: String(err) }, 'could not stop container')),
      ),
    );
    for (const s of state.sandboxes) if (s.state === 'ready') await runtime.stopPodSandbox(s.id).catch(() => undefined);
  }
}

/** Whether the container's environment or postStart hook needs the pod IP (known once the sandbox runs). */
function needsPodIP(c: Container): boolean {
  return Boolean(c.lifecycle?.postStart?.httpGet) || (c.env ?? []).some((e) => e.valueFrom?.fieldRef?.fieldPath?.startsWith('status.podIP') === true);
}
