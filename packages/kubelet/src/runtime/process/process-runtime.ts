// The `process` handler: runs a pod's containers as host processes (the control-plane static
// pods, so a cluster can start where no image can be built or pulled). Each container runs under
// a detached supervisor (shim.ts) that records its life in the state directory, so processes
// survive a kill -9 of the kubelet and the next kubelet adopts them with the same ids and still
// learns how they ended. Sandboxes are plain records: every process pod uses the host network.
import { access, constants as fsConstants, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@kubelite/client';
import { runtimeError } from '../errors.js';
import { nowRfc3339Nano } from '../log-time.js';
import type {
  ContainerConfig,
  ContainerFilter,
  ContainerRuntime,
  ContainerStatus,
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
import { readCriLog } from './cri-log-reader.js';
import { ExitWatcher } from './exit-watch.js';
import { hostExec, hostExecSync } from './host-exec.js';
import { spawnShim } from './launch.js';
import { isAlive, signalGroup, waitFor } from './proc.js';
import { logAttach } from './log-attach.js';
import { containerView, isRunning, syntheticImage, toContainerStatus, toSandboxStatus, type ContainerView } from './status.js';
import { ProcessStore, newId, type ContainerRecord } from './store.js';

export interface ProcessRuntimeOptions {
  /** e.g. `<root-dir>/process-runtime`; created if missing. */
  stateDir: string;
  nodeName: string;
  logger: Logger;
}

/** How long a supervisor may take to report that the process runs (tsx start-up under tests). */
const SHIM_START_TIMEOUT_MS = 15_000;
/** After SIGKILL, how long to wait for the supervisor's exit record. */
const KILL_WAIT_MS = 5_000;
const DEFAULT_SANDBOX_STOP_SECONDS = 10;

export class ProcessRuntime implements ContainerRuntime {
  readonly handler = 'process' as const;
  readonly nodeName: string;
  private readonly store: ProcessStore;
  private readonly logger: Logger;
  private readonly exits: ExitWatcher;

  constructor(options: ProcessRuntimeOptions) {
    this.store = new ProcessStore(options.stateDir);
    this.nodeName = options.nodeName;
    this.logger = options.logger;
    this.exits = new ExitWatcher(options.logger);
  }

  async version(): Promise<RuntimeVersion> {
    return { runtimeName: 'process', runtimeVersion: process.version };
  }

  async status(): Promise<RuntimeCondition> {
    try {
      await access(this.store.root, fsConstants.W_OK);
      return { ready: true };
    } catch (err) {
      return { ready: false, message: `process runtime state directory ${this.store.root} is not writable: ${String(err)}` };
    }
  }

  // ---- sandboxes ----

  async runPodSandbox(config: SandboxConfig): Promise<string> {
    await mkdir(config.logDirectory, { recursive: true });
    const id = newId();
    this.store.saveSandbox({
      id,
      pod: config.pod,
      attempt: config.attempt,
      hostname: config.hostname,
      labels: config.labels,
      annotations: config.annotations,
      logDirectory: config.logDirectory,
      createdAt: nowRfc3339Nano(),
      state: 'ready',
    });
    return id;
  }

  async stopPodSandbox(id: string, timeoutSeconds = DEFAULT_SANDBOX_STOP_SECONDS): Promise<void> {
    const record = this.store.sandbox(id);
    if (!record) return;
    const members = this.store.containers().filter((c) => c.sandboxId === id);
    await Promise.all(members.map((c) => this.stopContainer(c.id, timeoutSeconds)));
    this.store.saveSandbox({ ...record, state: 'notready' });
  }

  async removePodSandbox(id: string): Promise<void> {
    const members = this.store.containers().filter((c) => c.sandboxId === id);
    await Promise.all(members.map((c) => this.removeContainer(c.id)));
    this.store.deleteSandbox(id);
  }

  async podSandboxStatus(id: string): Promise<SandboxStatus | undefined> {
    const record = this.store.sandbox(id);
    return record ? toSandboxStatus(record) : undefined;
  }

  async listPodSandboxes(filter?: { podUid?: string }): Promise<SandboxStatus[]> {
    return this.store
      .sandboxes()
      .filter((s) => !filter?.podUid || s.pod.uid === filter.podUid)
      .map(toSandboxStatus);
  }

  // ---- images: informational only ----

  async imageStatus(image: string): Promise<ImageInfo | undefined> {
    return syntheticImage(image);
  }

  async pullImage(image: string): Promise<ImageInfo> {
    return syntheticImage(image);
  }

  async listImages(): Promise<ImageInfo[]> {
    return [...new Set(this.store.containers().map((c) => c.image))].map(syntheticImage);
  }

  // ---- containers ----

  async createContainer(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string> {
    if (!config.command || config.command.length === 0) throw runtimeError('NO_COMMAND', config.name);
    const sb = this.store.sandbox(sandboxId);
    if (!sb) throw runtimeError('NOT_FOUND', 'sandbox', sandboxId);
    if (sb.state !== 'ready') throw runtimeError('SANDBOX_NOT_READY', sandboxId);
    await mkdir(dirname(config.logPath), { recursive: true });
    const env: Record<string, string> = {};
    for (const e of config.env) env[e.name] = e.value;
    const record: ContainerRecord = {
      id: newId(),
      sandboxId,
      pod: sandbox.pod,
      name: config.name,
      attempt: config.attempt,
      image: config.image,
      argv: [...config.command, ...(config.args ?? [])],
      env,
      // A host process without a working directory starts where the kubelet runs.
      workingDir: config.workingDir || process.cwd(),
      labels: config.labels,
      annotations: config.annotations,
      logPath: config.logPath,
      createdAt: nowRfc3339Nano(),
    };
    this.store.saveContainer(record);
    return record.id;
  }

  async startContainer(id: string): Promise<void> {
    const record = this.record(id);
    if (this.store.started(id) || this.store.exit(id)) throw runtimeError('START_FAILED', id, 'the container was already started');
    const shimPid = spawnShim(this.store.containerDir(id));
    const reported = await waitFor(() => this.store.started(id) !== undefined || this.store.exit(id) !== undefined, SHIM_START_TIMEOUT_MS);
    const exit = this.store.exit(id);
    if (exit?.cannotRun) throw runtimeError('START_FAILED', id, exit.message ?? `exit code ${exit.exitCode}`);
    if (!reported) {
      if (shimPid !== undefined && isAlive(shimPid)) signalGroup(shimPid, 'SIGKILL');
      throw runtimeError('SHIM_FAILED', id, `no report within ${SHIM_START_TIMEOUT_MS} ms (see ${this.store.containerDir(id)}/shim.log)`);
    }
    this.logger.info({ id, pod: `${record.pod.namespace}/${record.pod.name}`, container: record.name, argv: record.argv }, 'started host process');
    this.exits.emit({ type: 'container-started', containerId: id, podUid: record.pod.uid });
    if (!exit) this.exits.watch(id, this.store.containerDir(id), record.pod.uid);
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const started = this.store.started(id);
    if (!started || !this.store.container(id)) return;
    const done = (): boolean => this.store.exit(id) !== undefined || !isRunning(this.view(id));
    if (done()) return;
    signalGroup(started.pid, 'SIGTERM');
    if (await waitFor(done, Math.max(0, timeoutSeconds) * 1000)) return;
    signalGroup(started.pid, 'SIGKILL');
    if (!(await waitFor(done, KILL_WAIT_MS))) this.logger.warn({ id, pid: started.pid }, 'process did not exit after SIGKILL');
  }

  async removeContainer(id: string): Promise<void> {
    if (!this.store.container(id)) return;
    await this.stopContainer(id, 0);
    this.exits.unwatch(id);
    this.store.deleteContainer(id);
  }

  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    const record = this.store.container(id);
    return record ? this.statusOf(record) : undefined;
  }

  async listContainers(filter: ContainerFilter = {}): Promise<ContainerStatus[]> {
    return this.store
      .containers()
      .filter((c) => (!filter.podUid || c.pod.uid === filter.podUid) && (!filter.sandboxId || c.sandboxId === filter.sandboxId))
      .map((c) => this.statusOf(c))
      .filter((s) => (filter.all ?? true) || s.state === 'running');
  }

  // ---- streaming ----

  async execSync(id: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    return hostExecSync(this.runningRecord(id), command, timeoutMs);
  }

  async exec(id: string, command: string[], options: StreamOptions): Promise<StreamSession> {
    return hostExec(this.runningRecord(id), command, options);
  }

  async attach(id: string, options: StreamOptions): Promise<StreamSession> {
    if (options.stdin) throw runtimeError('STDIN_UNSUPPORTED', `attach to container ${id}`);
    const record = this.record(id);
    return logAttach(record.logPath, options, () => this.store.exit(id));
  }

  async *logs(id: string, options: LogOptions): AsyncIterable<LogLine> {
    const record = this.record(id);
    yield* readCriLog(record.logPath, options, async () => !isRunning(this.view(id)));
  }

  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    const off = this.exits.subscribe(listener);
    for (const c of this.store.containers()) {
      if (isRunning(this.view(c.id))) this.exits.watch(c.id, this.store.containerDir(c.id), c.pod.uid);
    }
    return off;
  }

  async close(): Promise<void> {
    this.exits.close();
  }

  // ---- helpers ----

  private record(id: string): ContainerRecord {
    const record = this.store.container(id);
    if (!record) throw runtimeError('NOT_FOUND', 'container', id);
    return record;
  }

  private runningRecord(id: string): ContainerRecord {
    const record = this.record(id);
    if (!isRunning(this.view(id))) throw runtimeError('NOT_RUNNING', id);
    return record;
  }

  private view(id: string): ContainerView {
    const record = this.store.container(id);
    if (!record) return { state: 'unknown' };
    return containerView(record, this.store.started(id), this.store.exit(id));
  }

  private statusOf(record: ContainerRecord): ContainerStatus {
    const view = containerView(record, this.store.started(record.id), this.store.exit(record.id));
    if (view.state === 'running') this.exits.watch(record.id, this.store.containerDir(record.id), record.pod.uid);
    return toContainerStatus(record, view);
  }
}
