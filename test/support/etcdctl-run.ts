// Runs the real etcdctl (v3 API) against one endpoint: one-shot invocations with a hard timeout,
// and background invocations (watch) that are stopped explicitly. Only loopback endpoints are used.
import { spawn, type ChildProcess } from 'node:child_process';

export interface EtcdctlResult {
  /** exit code, or null when the process was killed (timeout or stop()) */
  exit: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The environment etcdctl sees: v3 API, and no ETCDCTL_* setting leaking in from the caller. */
export function etcdctlEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ETCDCTL_')) env[k] = v;
  env.ETCDCTL_API = '3';
  return env;
}

function spawnEtcdctl(endpoint: string, argv: string[]): ChildProcess {
  return spawn('etcdctl', [`--endpoints=${endpoint}`, ...argv], {
    env: etcdctlEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Collects a child's output and resolves once it has exited (and its pipes are drained). */
function collect(child: ChildProcess): { out: { stdout: string; stderr: string }; done: Promise<number | null> } {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (b: Buffer) => (out.stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out.stderr += b.toString()));
  const done = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('close', (code) => resolve(code));
  });
  return { out, done };
}

export interface RunOptions {
  stdin?: string;
  /** kill after this long (default 20 s) */
  timeoutMs?: number;
}

export async function runEtcdctl(endpoint: string, argv: string[], opts: RunOptions = {}): Promise<EtcdctlResult> {
  const child = spawnEtcdctl(endpoint, argv);
  const { out, done } = collect(child);
  child.stdin?.on('error', () => undefined); // etcdctl may exit before reading stdin
  child.stdin?.end(opts.stdin ?? '');
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 20_000);
  const code = await done;
  clearTimeout(timer);
  return { exit: timedOut ? null : code, stdout: out.stdout, stderr: out.stderr, timedOut };
}

/** A long-running etcdctl (e.g. `watch`) whose output is inspected while it runs. */
export class BackgroundEtcdctl {
  private readonly child: ChildProcess;
  private readonly out: { stdout: string; stderr: string };
  private readonly done: Promise<number | null>;
  private exitCode: number | null | undefined = undefined;

  constructor(endpoint: string, argv: string[]) {
    this.child = spawnEtcdctl(endpoint, argv);
    this.child.stdin?.end();
    const { out, done } = collect(this.child);
    this.out = out;
    this.done = done.then((code) => (this.exitCode = code));
  }

  get stdout(): string {
    return this.out.stdout;
  }

  /** Whether the process has exited on its own. */
  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  /** Polls until stdout contains `text` or the process exits; false on timeout. */
  async waitFor(text: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.out.stdout.includes(text)) return true;
      if (this.exited) return false;
      await sleep(25);
    }
    return this.out.stdout.includes(text);
  }

  /**
   * Stops the process (SIGTERM, then SIGKILL after 3 s). `exit` is the process's own exit code
   * if it ended by itself before stop(), otherwise null.
   */
  async stop(): Promise<EtcdctlResult> {
    const exitedByItself = this.exited;
    if (!exitedByItself) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
      await this.done;
      clearTimeout(timer);
    }
    return {
      exit: exitedByItself ? (this.exitCode ?? null) : null,
      stdout: this.out.stdout,
      stderr: this.out.stderr,
      timedOut: false,
    };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
