// An in-memory ContainerRuntime for the kubelet API tests: containers are records with a log,
// exec runs a scripted command (echo, cat, `sh -c 'exit N'`, … or a test's own handler), and
// attach streams the container's log from now on. Only what the API server touches is real.
import { EventEmitter } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { formatNs, nowNs } from '../../runtime/log-time.js';
import type {
  ContainerRuntime,
  ContainerState,
  ContainerStatus,
  ExecResult,
  LogLine,
  LogOptions,
  PodRef,
  RuntimeEvent,
  StreamOptions,
  StreamSession,
} from '../../runtime/types.js';

export interface ExecIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  options: StreamOptions;
}

/** Runs one command in a fake container; resolves with its exit code. */
export type ExecHandler = (command: readonly string[], io: ExecIo) => Promise<number>;

interface FakeContainer {
  status: ContainerStatus;
  lines: LogLine[];
  events: EventEmitter;
}

export interface AddContainer {
  id: string;
  pod: PodRef;
  name: string;
  attempt?: number;
  state?: ContainerState;
  exitCode?: number;
  createdAt?: Date;
}

const readAll = async (stream: Readable): Promise<string> => {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
};

/** A few commands a shell in a busybox container would run, enough for kubectl exec tests. */
export const defaultExecHandler: ExecHandler = async (command, io) => {
  const [cmd, ...args] = command;
  if (cmd === 'echo') {
    io.stdout.write(`${args.join(' ')}\n`);
    return 0;
  }
  if (cmd === 'cat') {
    io.stdout.write(await readAll(io.stdin));
    return 0;
  }
  if (cmd === 'sh' && args[0] === '-c') {
    const script = args[1] ?? '';
    const exit = /^exit (\d+)$/.exec(script);
    if (exit) return Number(exit[1]);
    const toStderr = /^echo (.*) >&2$/.exec(script);
    if (toStderr) {
      io.stderr.write(`${toStderr[1]}\n`);
      return 0;
    }
  }
  io.stderr.write(`sh: ${cmd ?? ''}: not found\n`);
  return 127;
};

export class FakeRuntime implements ContainerRuntime {
  readonly handler = 'docker' as const;
  onExec: ExecHandler = defaultExecHandler;
  /** Every exec started: the container and the command, for assertions. */
  readonly execs: { id: string; command: string[]; options: StreamOptions }[] = [];
  /** Every attach started, by container id. */
  readonly attaches: string[] = [];
  private readonly containers = new Map<string, FakeContainer>();

  addContainer(c: AddContainer): ContainerStatus {
    const createdAt = c.createdAt ?? new Date();
    const status: ContainerStatus = {
      id: c.id,
      sandboxId: `sandbox-${c.pod.uid}`,
      pod: c.pod,
      name: c.name,
      attempt: c.attempt ?? 0,
      state: c.state ?? 'running',
      createdAt,
      startedAt: createdAt,
      image: 'kubelite/busybox:1.36',
      imageRef: 'docker://sha256:0000',
      labels: {},
      annotations: {},
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
    };
    this.containers.set(c.id, { status, lines: [], events: new EventEmitter() });
    return status;
  }

  /** Appends log text (one LogLine per line); `time` pins the timestamp for since/timestamps tests. */
  appendLog(id: string, text: string, opts: { stream?: 'stdout' | 'stderr'; time?: Date } = {}): void {
    const c = this.get(id);
    for (const piece of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      const timestamp = opts.time ? `${opts.time.toISOString().slice(0, 19)}.${String(opts.time.getMilliseconds()).padStart(3, '0')}000000Z` : formatNs(nowNs());
      const line: LogLine = { stream: opts.stream ?? 'stdout', timestamp, line: Buffer.from(piece) };
      c.lines.push(line);
      c.events.emit('line', line);
    }
  }

  /** How many log follows (and attaches) are reading this container now. */
  followers(id: string): number {
    return this.get(id).events.listenerCount('line');
  }

  stop(id: string, exitCode = 0): void {
    const c = this.get(id);
    c.status = { ...c.status, state: 'exited', exitCode, finishedAt: new Date() };
    c.events.emit('stopped');
  }

  private get(id: string): FakeContainer {
    const c = this.containers.get(id);
    if (!c) throw new Error(`Error: No such container: ${id}`);
    return c;
  }

  async listContainers(filter: { podUid?: string } = {}): Promise<ContainerStatus[]> {
    return [...this.containers.values()].map((c) => c.status).filter((s) => !filter.podUid || s.pod.uid === filter.podUid);
  }

  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    return this.containers.get(id)?.status;
  }

  async *logs(id: string, options: LogOptions): AsyncIterable<LogLine> {
    const c = this.get(id);
    let lines = options.tailLines !== undefined ? c.lines.slice(Math.max(0, c.lines.length - options.tailLines)) : [...c.lines];
    const since = options.since;
    if (since) lines = lines.filter((l) => Date.parse(l.timestamp) >= since.getTime());
    yield* lines;
    if (!options.follow) return;
    const queue: LogLine[] = [];
    let wake: (() => void) | undefined;
    let stopped = c.status.state !== 'running' || options.signal?.aborted === true;
    const onLine = (l: LogLine): void => void (queue.push(l), wake?.());
    const onStop = (): void => void ((stopped = true), wake?.());
    c.events.on('line', onLine);
    c.events.on('stopped', onStop);
    options.signal?.addEventListener('abort', onStop, { once: true });
    try {
      for (;;) {
        while (queue.length > 0) yield queue.shift() as LogLine;
        if (stopped) return;
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      c.events.off('line', onLine);
      c.events.off('stopped', onStop);
      options.signal?.removeEventListener('abort', onStop);
    }
  }

  async exec(id: string, command: string[], options: StreamOptions): Promise<StreamSession> {
    const c = this.get(id);
    if (c.status.state !== 'running') throw new Error(`container ${id} is not running`);
    this.execs.push({ id, command, options });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = options.tty ? stdout : new PassThrough();
    const done = this.onExec(command, { stdin, stdout, stderr, options }).finally(() => {
      stdout.end();
      stderr.end();
    });
    return {
      ...(options.stdin ? { stdin } : {}),
      ...(options.stdout ? { stdout } : {}),
      ...(options.stderr && !options.tty ? { stderr } : {}),
      resize: async () => undefined,
      wait: async () => ({ exitCode: await done }),
      close: () => stdin.end(),
    };
  }

  async attach(id: string, options: StreamOptions): Promise<StreamSession> {
    const c = this.get(id);
    this.attaches.push(id);
    const stdout = new PassThrough();
    const stderr = options.tty ? stdout : new PassThrough();
    const onLine = (l: LogLine): void => void (l.stream === 'stderr' ? stderr : stdout).write(l.line);
    let finish: (code: number) => void = () => undefined;
    const done = new Promise<number>((r) => (finish = r));
    const end = (): void => {
      c.events.off('line', onLine);
      stdout.end();
      stderr.end();
      finish(c.status.exitCode ?? 0);
    };
    c.events.on('line', onLine);
    c.events.once('stopped', end);
    const stdin = new PassThrough();
    // What the container's process reads on stdin comes back as its output (a `cat` container).
    stdin.on('data', (d: Buffer) => this.appendLog(id, d.toString()));
    return {
      ...(options.stdin ? { stdin } : {}),
      ...(options.stdout ? { stdout } : {}),
      ...(options.stderr && !options.tty ? { stderr } : {}),
      resize: async () => undefined,
      wait: async () => ({ exitCode: await done }),
      close: end,
    };
  }

  // The rest of the runtime is not reached through the kubelet API.
  version = async () => ({ runtimeName: 'fake', runtimeVersion: '0.0.0' });
  status = async () => ({ ready: true });
  runPodSandbox = notUsed;
  stopPodSandbox = notUsed;
  removePodSandbox = notUsed;
  podSandboxStatus = notUsed;
  listPodSandboxes = async () => [];
  imageStatus = notUsed;
  pullImage = notUsed;
  listImages = async () => [];
  createContainer = notUsed;
  startContainer = notUsed;
  stopContainer = notUsed;
  removeContainer = notUsed;
  execSync = async (): Promise<ExecResult> => notUsed();
  onEvent = (_listener: (event: RuntimeEvent) => void) => () => undefined;
  close = async () => undefined;
}

function notUsed(): never {
  throw new Error('not implemented by the fake runtime');
}
