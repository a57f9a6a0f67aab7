// A ContainerRuntime for prober tests: execSync answers from a script the test sets, every other
// operation fails loudly, so a test notices if the prober ever reaches for more than exec.
import type { ContainerRuntime, ExecResult } from '../../runtime/types.js';

export interface ExecCall {
  containerId: string;
  command: string[];
  timeoutMs: number;
}

export type ExecScript = (call: ExecCall) => Partial<ExecResult> | Promise<Partial<ExecResult>>;

function unsupported(name: string): never {
  throw new Error(`FakeExecRuntime: ${name} is not part of the prober's contract`);
}

export class FakeExecRuntime implements ContainerRuntime {
  readonly handler = 'docker' as const;
  readonly calls: ExecCall[] = [];

  /** Exit 0 with no output unless a test says otherwise. */
  constructor(public script: ExecScript = () => ({})) {}

  async execSync(containerId: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    const call = { containerId, command, timeoutMs };
    this.calls.push(call);
    const r = await this.script(call);
    return { exitCode: r.exitCode ?? 0, stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr ?? Buffer.alloc(0), timedOut: r.timedOut ?? false };
  }

  version(): never {
    return unsupported('version');
  }
  status(): never {
    return unsupported('status');
  }
  runPodSandbox(): never {
    return unsupported('runPodSandbox');
  }
  stopPodSandbox(): never {
    return unsupported('stopPodSandbox');
  }
  removePodSandbox(): never {
    return unsupported('removePodSandbox');
  }
  podSandboxStatus(): never {
    return unsupported('podSandboxStatus');
  }
  listPodSandboxes(): never {
    return unsupported('listPodSandboxes');
  }
  imageStatus(): never {
    return unsupported('imageStatus');
  }
  pullImage(): never {
    return unsupported('pullImage');
  }
  listImages(): never {
    return unsupported('listImages');
  }
  createContainer(): never {
    return unsupported('createContainer');
  }
  startContainer(): never {
    return unsupported('startContainer');
  }
  stopContainer(): never {
    return unsupported('stopContainer');
  }
  removeContainer(): never {
    return unsupported('removeContainer');
  }
  containerStatus(): never {
    return unsupported('containerStatus');
  }
  listContainers(): never {
    return unsupported('listContainers');
  }
  exec(): never {
    return unsupported('exec');
  }
  attach(): never {
    return unsupported('attach');
  }
  logs(): never {
    return unsupported('logs');
  }
  onEvent(): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}
