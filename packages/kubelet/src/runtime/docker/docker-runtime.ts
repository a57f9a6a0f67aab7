// The Docker handler of the kubelet's runtime interface, laid out as dockershim laid pods onto
// Docker (reference §1): a pause "sandbox" container per pod owning the network and IPC
// namespaces, app containers joining it, everything described by labels so that a restarted
// kubelet adopts what it finds. Every container also carries this node's name, and every read
// filters on it: kubelets sharing one daemon never see each other's containers.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import type { Logger } from '@kubelite/client';
import { isRuntimeError, runtimeError } from '../errors.js';
import { CONTAINER_TYPE, CONTAINER_TYPE_LABEL, NODE_NAME_LABEL, SANDBOX_ID_LABEL, SANDBOX_TYPE } from '../labels.js';
import type {
  ContainerConfig,
  ContainerFilter,
  ContainerRuntime,
  ContainerStatus,
  DnsConfig,
  ExecResult,
  ImageInfo,
  LogLine,
  LogOptions,
  RuntimeCondition,
  RuntimeEvent,
  RuntimeVersion,
  SandboxConfig,
  SandboxStatus,
  StreamOptions,
  StreamSession,
} from '../types.js';
import { createDockerClient, dockerError, dockerMessage, dockerSocketPath, isConflict, isNotFound, isNotModified } from './client.js';
import { containerCreateOptions, sandboxCreateOptions } from './create-options.js';
import { DockerEventWatcher } from './events.js';
import { DockerImages } from './images.js';
import { DockerLister, type Kind } from './lister.js';
import { readDockerLogs } from './logs.js';
import { dockerAttach, dockerExec, dockerExecSync } from './streams.js';

export interface DockerRuntimeOptions {
  /** A socket path or a `unix:///…` endpoint; default /var/run/docker.sock. */
  socketPath?: string;
  nodeName: string;
  podInfraImage: string;
  logger: Logger;
}

/** dockershim's sandbox stop timeout when the caller gives none. */
const DEFAULT_SANDBOX_STOP_SECONDS = 10;
const PING_TIMEOUT_MS = 2_000;

export function resolvConf(dns: DnsConfig): string {
  const lines = dns.servers.map((s) => `nameserver ${s}`);
  if (dns.searches.length > 0) lines.push(`search ${dns.searches.join(' ')}`);
  if (dns.options.length > 0) lines.push(`options ${dns.options.join(' ')}`);
  return lines.join('\n') + '\n';
}

export class DockerRuntime implements ContainerRuntime {
  readonly handler = 'docker' as const;
  /** The daemon endpoint in the `unix://` form messages use. */
  readonly endpoint: string;
  private readonly docker: Docker;
  private readonly nodeName: string;
  private readonly podInfraImage: string;
  private readonly logger: Logger;
  private readonly images: DockerImages;
  private readonly lister: DockerLister;
  private readonly events: DockerEventWatcher;

  constructor(options: DockerRuntimeOptions) {
    const socketPath = dockerSocketPath(options.socketPath);
    this.endpoint = `unix://${socketPath}`;
    this.docker = createDockerClient(socketPath);
    this.nodeName = options.nodeName;
    this.podInfraImage = options.podInfraImage;
    this.logger = options.logger;
    this.images = new DockerImages(this.docker);
    this.lister = new DockerLister(this.docker, this.nodeName, this.images);
    this.events = new DockerEventWatcher(this.docker, this.nodeName, this.logger);
  }

  async version(): Promise<RuntimeVersion> {
    try {
      const v = await this.docker.version();
      return { runtimeName: 'docker', runtimeVersion: v.Version };
    } catch (err) {
      throw runtimeError('DOCKER_DOWN', this.endpoint, dockerMessage(err));
    }
  }

  async status(): Promise<RuntimeCondition> {
    try {
      // dockerode takes an abort signal here though its types do not say so.
      const ping = this.docker.ping.bind(this.docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<unknown>;
      await ping({ abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
      return { ready: true };
    } catch (err) {
      return { ready: false, message: runtimeError('DOCKER_DOWN', this.endpoint, dockerMessage(err)).message };
    }
  }

  // ---- sandboxes ----

  private pauseImagePresent = false;

  async runPodSandbox(config: SandboxConfig): Promise<string> {
    const id = await this.createPodSandbox(config);
    await this.startPodSandbox(id, config);
    return id;
  }

  async createPodSandbox(config: SandboxConfig): Promise<string> {
    await this.ensureDir(config.logDirectory);
    // The pause image is checked once; a failed create checks again (someone may have removed it).
    if (!this.pauseImagePresent && !(await this.images.status(this.podInfraImage))) await this.images.pull(this.podInfraImage);
    try {
      const id = await this.create(sandboxCreateOptions(config, this.nodeName, this.podInfraImage), 'create sandbox');
      this.pauseImagePresent = true;
      return id;
    } catch (err) {
      this.pauseImagePresent = false;
      throw err;
    }
  }

  async startPodSandbox(id: string, config: SandboxConfig): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
      if (config.dns) await this.writeResolvConf(id, config.dns);
    } catch (err) {
      // A half-made sandbox is useless to the kubelet, which will make attempt+1 anyway.
      await this.removeQuietly(id);
      throw dockerError(`start sandbox for pod ${config.pod.namespace}/${config.pod.name}`, err);
    } finally {
      this.lister.changed(id);
    }
  }

  async stopPodSandbox(id: string, timeoutSeconds = DEFAULT_SANDBOX_STOP_SECONDS): Promise<void> {
    const members = await this.lister.ids([`${SANDBOX_ID_LABEL}=${id}`], false);
    await Promise.all(members.map((c) => this.stopContainer(c, timeoutSeconds)));
    await this.stop(id, timeoutSeconds, SANDBOX_TYPE);
  }

  async removePodSandbox(id: string): Promise<void> {
    const members = await this.lister.ids([`${SANDBOX_ID_LABEL}=${id}`], true);
    await Promise.all(members.map((c) => this.removeContainer(c)));
    await this.remove(id, SANDBOX_TYPE);
  }

  podSandboxStatus(id: string): Promise<SandboxStatus | undefined> {
    return this.lister.sandboxStatus(id);
  }

  listPodSandboxes(filter?: { podUid?: string }): Promise<SandboxStatus[]> {
    return this.lister.listSandboxes(filter?.podUid);
  }

  // ---- images ----

  imageStatus(image: string): Promise<ImageInfo | undefined> {
    return this.images.status(image);
  }

  pullImage(image: string): Promise<ImageInfo> {
    return this.images.pull(image);
  }

  listImages(): Promise<ImageInfo[]> {
    return this.images.list();
  }

  // ---- containers ----

  async createContainer(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string> {
    await this.ensureDir(dirname(config.logPath));
    return this.create(containerCreateOptions(sandboxId, config, sandbox, this.nodeName), `create container ${config.name}`);
  }

  async startContainer(id: string): Promise<void> {
    await this.lister.ownedOrThrow(id, CONTAINER_TYPE);
    this.lister.changed(id);
    try {
      await this.docker.getContainer(id).start();
    } catch (err) {
      throw dockerError(`start container ${id}`, err);
    } finally {
      this.lister.changed(id);
    }
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    await this.stop(id, timeoutSeconds, CONTAINER_TYPE);
  }

  async removeContainer(id: string): Promise<void> {
    await this.remove(id, CONTAINER_TYPE);
  }

  containerStatus(id: string): Promise<ContainerStatus | undefined> {
    return this.lister.containerStatus(id);
  }

  listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    return this.lister.listContainers(filter);
  }

  // ---- streaming ----

  async execSync(id: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    await this.lister.ownedOrThrow(id, CONTAINER_TYPE);
    return dockerExecSync(this.docker, id, command, timeoutMs);
  }

  async exec(id: string, command: string[], options: StreamOptions): Promise<StreamSession> {
    await this.lister.ownedOrThrow(id, CONTAINER_TYPE);
    return dockerExec(this.docker, id, command, options);
  }

  async attach(id: string, options: StreamOptions): Promise<StreamSession> {
    const { tty } = await this.lister.ownedOrThrow(id, CONTAINER_TYPE);
    return dockerAttach(this.docker, id, tty, options);
  }

  async *logs(id: string, options: LogOptions): AsyncIterable<LogLine> {
    const { tty } = await this.lister.ownedOrThrow(id, CONTAINER_TYPE);
    try {
      yield* readDockerLogs(this.docker, id, tty, options);
    } catch (err) {
      if (isNotFound(err)) throw runtimeError('NOT_FOUND', 'container', id);
      throw dockerError(`read logs of container ${id}`, err);
    }
  }

  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  async close(): Promise<void> {
    this.events.close();
  }

  // ---- helpers ----

  /**
   * Creates, resolving a name conflict as dockershim did (reference §1.3): remove the stale
   * holder of the name if it is ours, otherwise retry once under the name plus a random suffix.
   */
  private async create(options: ContainerCreateOptions, op: string): Promise<string> {
    const id = await this.createOnce(options, op);
    const kind = options.Labels?.[CONTAINER_TYPE_LABEL] === SANDBOX_TYPE ? SANDBOX_TYPE : CONTAINER_TYPE;
    this.lister.created(id, kind, options.Tty === true);
    return id;
  }

  private async createOnce(options: ContainerCreateOptions, op: string): Promise<string> {
    try {
      return (await this.docker.createContainer(options)).id;
    } catch (err) {
      if (!isConflict(err) || !options.name) throw dockerError(op, err);
      const removed = await this.removeStale(options.name);
      const retry = removed ? options : { ...options, name: `${options.name}_${randomBytes(4).toString('hex')}` };
      this.logger.warn({ name: options.name, retryName: retry.name }, 'container name in use; retrying once');
      try {
        return (await this.docker.createContainer(retry)).id;
      } catch (again) {
        throw dockerError(op, again);
      }
    }
  }

  /** Removes a stale container holding `name` if it is ours; false when it could not be. */
  private async removeStale(name: string): Promise<boolean> {
    try {
      const info = await this.docker.getContainer(name).inspect();
      if (info.Config.Labels?.[NODE_NAME_LABEL] !== this.nodeName) return false;
      await this.docker.getContainer(info.Id).remove({ force: true, v: true });
      this.lister.forget(info.Id);
      return true;
    } catch {
      return false;
    }
  }

  private async stop(id: string, timeoutSeconds: number, kind: Kind): Promise<void> {
    const op = kind === SANDBOX_TYPE ? 'stop sandbox' : 'stop container';
    try {
      await this.lister.ownedOrThrow(id, kind);
      await this.docker.getContainer(id).stop({ t: Math.max(0, Math.round(timeoutSeconds)) });
    } catch (err) {
      if (isNotFound(err) || isNotModified(err) || isGone(err)) return;
      throw dockerError(`${op} ${id}`, err);
    } finally {
      this.lister.changed(id);
    }
  }

  private async remove(id: string, kind: Kind): Promise<void> {
    const op = kind === SANDBOX_TYPE ? 'remove sandbox' : 'remove container';
    try {
      await this.lister.ownedOrThrow(id, kind);
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (err) {
      // 409 here means a removal is already in progress: the outcome is the same.
      if (isNotFound(err) || isGone(err) || isConflict(err)) return;
      throw dockerError(`${op} ${id}`, err);
    } finally {
      this.lister.forget(id);
    }
  }

  private async removeQuietly(id: string): Promise<void> {
    await this.docker
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch((err: unknown) => this.logger.warn({ id, err: dockerMessage(err) }, 'could not remove a failed sandbox'));
    this.lister.forget(id);
  }

  private async writeResolvConf(id: string, dns: DnsConfig): Promise<void> {
    const info = await this.docker.getContainer(id).inspect();
    // Every container of the pod bind-mounts this one file, so writing it once serves them all.
    await writeFile(info.ResolvConfPath, resolvConf(dns));
  }

  private async ensureDir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true }).catch((err: unknown) =>
      this.logger.warn({ dir, err: String(err) }, 'could not create the pod log directory'),
    );
  }
}

/** Our NOT_FOUND for an id that is not (or no longer) ours. */
const isGone = (err: unknown): boolean => isRuntimeError(err, 'NOT_FOUND');
