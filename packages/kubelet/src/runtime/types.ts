// The container runtime interface the kubelet drives: CRI's shape (sandboxes, containers, images,
// streaming) so that the pod-level logic above it never knows whether a pod runs in Docker or as
// host processes. Every handler rebuilds its whole state from what it stored with the containers
// (Docker labels, or the process runtime's state files), which is how a restarted kubelet adopts
// its pods instead of restarting them.
import type { Readable, Writable } from 'node:stream';

/** The `spec.runtimeClassName` values a kubelet serves; absent means docker. */
export type RuntimeHandlerName = 'docker' | 'process';

export interface RuntimeVersion {
  /** e.g. "docker" — the node reports `containerRuntimeVersion` as `<name>://<version>`. */
  runtimeName: string;
  runtimeVersion: string;
}

export interface RuntimeCondition {
  ready: boolean;
  /** Why not ready, in words a user can act on ("cannot connect to the Docker daemon at …"). */
  message?: string;
}

/** Identity of the pod every sandbox and container belongs to (stored as labels). */
export interface PodRef {
  uid: string;
  name: string;
  namespace: string;
}

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  hostIP?: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface DnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface SandboxConfig {
  pod: PodRef;
  /** Highest attempt of this pod's sandboxes + 1; part of the name `k8s_POD_<name>_<ns>_<uid>_<attempt>`. */
  attempt: number;
  hostname: string;
  hostNetwork: boolean;
  portMappings: PortMapping[];
  /** Absent: keep the runtime's resolv.conf (the host's). */
  dns?: DnsConfig;
  /** Pod labels, copied onto the sandbox as dockershim did. */
  labels: Record<string, string>;
  /** Pod annotations; Docker stores them as `annotation.<key>` labels. */
  annotations: Record<string, string>;
  /** `/var/log/pods/<ns>_<name>_<uid>` under the kubelet's root: where container logs of this pod go. */
  logDirectory: string;
}

export type SandboxState = 'ready' | 'notready';

export interface SandboxStatus {
  id: string;
  pod: PodRef;
  attempt: number;
  state: SandboxState;
  /** The pod IP; absent for hostNetwork sandboxes and the process runtime (the kubelet uses the node IP). */
  ip?: string;
  hostNetwork: boolean;
  createdAt: Date;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface Mount {
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

/** Docker HostConfig values computed by the kubelet (reference §2); the process runtime ignores them. */
export interface LinuxResources {
  cpuShares: number;
  cpuPeriod: number;
  /** 0: unlimited. */
  cpuQuota: number;
  /** 0: unlimited. */
  memoryLimitBytes: number;
  /** Already clamped to ≥ 0 by the kubelet (dockerd here cannot set negative values). */
  oomScoreAdj: number;
}

export interface ContainerConfig {
  name: string;
  /** The restart count of this instance; part of the name `k8s_<c>_<pod>_<ns>_<uid>_<attempt>`. */
  attempt: number;
  image: string;
  /** Replaces the image ENTRYPOINT (and then clears CMD, the Kubernetes rule); `$(VAR)` already expanded. */
  command?: string[];
  /** Replaces the image CMD. */
  args?: string[];
  env: { name: string; value: string }[];
  workingDir?: string;
  mounts: Mount[];
  resources: LinuxResources;
  /** `io.kubernetes.*` identity labels are added by the runtime from the pod ref; these are extra. */
  labels: Record<string, string>;
  /** The kubelet's container annotations (hash, restartCount, grace, preStop…), stored as labels. */
  annotations: Record<string, string>;
  /** Absolute path of this instance's log file: `<logDirectory>/<container>/<attempt>.log`. */
  logPath: string;
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  privileged: boolean;
  /** `runAsUser[:runAsGroup]`. */
  user?: string;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  /** Raw runtime id (the Docker id); the API shows `<runtimeName>://<id>`. */
  id: string;
  sandboxId: string;
  pod: PodRef;
  name: string;
  attempt: number;
  state: ContainerState;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  exitCode?: number;
  /** For exited containers: OOMKilled, Completed, Error or ContainerCannotRun (reference §3.3). */
  reason?: string;
  message?: string;
  /** The image as the spec named it (or its first repo tag). */
  image: string;
  /** `docker-pullable://repo@sha256:…` or `docker://sha256:…`, as the API reports imageID. */
  imageRef: string;
  labels: Record<string, string>;
  /** What `ContainerConfig.annotations` held, restored from the runtime. */
  annotations: Record<string, string>;
  logPath?: string;
}

export interface ContainerFilter {
  podUid?: string;
  sandboxId?: string;
  /** Include exited/created containers too (default true). */
  all?: boolean;
}

export interface ImageInfo {
  /** Image id (sha256:…). */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  sizeBytes: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
}

export interface StreamOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** A running exec or attach. With tty, everything arrives on stdout. */
export interface StreamSession {
  stdin?: Writable;
  stdout?: Readable;
  stderr?: Readable;
  resize(width: number, height: number): Promise<void>;
  /** Resolves when the command ends; attach resolves when the container stops. */
  wait(): Promise<{ exitCode: number }>;
  /** Ends the session early (client went away). */
  close(): void;
}

export interface LogOptions {
  follow?: boolean;
  /** Last N lines (applied before `since`). */
  tailLines?: number;
  since?: Date;
  /**
   * Aborted when the reader has gone away (`kubectl logs -f` interrupted). A follow blocked on a
   * quiet container cannot see the iterator's return() until its next line, so it should end
   * (and release its log stream) on abort instead.
   */
  signal?: AbortSignal;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC3339 with exactly 9 fractional digits, as `kubectl logs --timestamps` shows. */
  timestamp: string;
  /** The line with its trailing newline (a partial last line has none). */
  line: Buffer;
}

export interface RuntimeEvent {
  type: 'container-died' | 'container-started';
  containerId: string;
  podUid?: string;
}

export interface ContainerRuntime {
  readonly handler: RuntimeHandlerName;
  version(): Promise<RuntimeVersion>;
  /** Cheap health check; the kubelet polls it every 5 s for the node's Ready condition. */
  status(): Promise<RuntimeCondition>;

  runPodSandbox(config: SandboxConfig): Promise<string>;
  /**
   * Optional split of runPodSandbox (create, then start) for runtimes that let containers be
   * created before their sandbox runs, as Docker does: the kubelet then prepares and creates the
   * pod's containers while the sandbox's network comes up, which is most of a pod's start time.
   */
  createPodSandbox?(config: SandboxConfig): Promise<string>;
  startPodSandbox?(id: string, config: SandboxConfig): Promise<void>;
  /** Stops every container of the sandbox too (as Docker's network namespace owner going away would). */
  stopPodSandbox(id: string, timeoutSeconds?: number): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  podSandboxStatus(id: string): Promise<SandboxStatus | undefined>;
  listPodSandboxes(filter?: { podUid?: string }): Promise<SandboxStatus[]>;

  imageStatus(image: string): Promise<ImageInfo | undefined>;
  /** Rejects with the runtime's message (the kubelet turns it into ErrImagePull). */
  pullImage(image: string): Promise<ImageInfo>;
  listImages(): Promise<ImageInfo[]>;

  /** Rejects on create errors (name conflict already resolved by the runtime). */
  createContainer(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** SIGTERM (or the image's stop signal), then SIGKILL after `timeoutSeconds`. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  containerStatus(id: string): Promise<ContainerStatus | undefined>;
  listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]>;

  /** Probes and hooks: run to completion or time out (then the result has timedOut). */
  execSync(id: string, command: string[], timeoutMs: number): Promise<ExecResult>;
  exec(id: string, command: string[], options: StreamOptions): Promise<StreamSession>;
  attach(id: string, options: StreamOptions): Promise<StreamSession>;
  /** stdout and stderr interleaved in write order; with follow, ends when the container stops. */
  logs(id: string, options: LogOptions): AsyncIterable<LogLine>;

  /** Change notifications that make the kubelet relist at once (it also relists every second). */
  onEvent(listener: (event: RuntimeEvent) => void): () => void;
  close(): Promise<void>;
}
