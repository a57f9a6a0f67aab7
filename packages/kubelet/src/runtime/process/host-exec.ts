// `kubectl exec` into a process pod: the command runs as another host process with the
// container's environment and working directory (there is no namespace to enter). It gets its
// own process group so a timeout or a closed session can end everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { EXEC_SYNC_MAX_OUTPUT, TIMED_OUT_EXIT_CODE } from '../exec-limits.js';
import type { ExecResult, StreamOptions, StreamSession } from '../types.js';
import { signalGroup } from './proc.js';
import type { ContainerRecord } from './store.js';


function spawnIn(record: ContainerRecord, command: string[], stdin: boolean): ChildProcess {
  const [file, ...args] = command;
  return spawn(file ?? '', args, {
    cwd: record.workingDir,
    env: { ...process.env, ...record.env },
    detached: true,
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
}

/** Same numbers a shell (and Docker's exec) gives for a command that cannot run. */
function spawnFailureCode(err: NodeJS.ErrnoException): number {
  return err.code === 'EACCES' ? 126 : 127;
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal === 'SIGKILL' ? 137 : signal === 'SIGTERM' ? 143 : 128;
}

export function hostExecSync(record: ContainerRecord, command: string[], timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    const child = spawnIn(record, command, false);
    const keep = (parts: Buffer[], key: 'out' | 'err') => (b: Buffer) => {
      const room = EXEC_SYNC_MAX_OUTPUT - sizes[key];
      if (room <= 0) return;
      parts.push(b.length > room ? b.subarray(0, room) : b);
      sizes[key] += Math.min(room, b.length);
    };
    child.stdout?.on('data', keep(out, 'out'));
    child.stderr?.on('data', keep(err, 'err'));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    const result = (exitCode: number): void => {
      clearTimeout(timer);
      resolve({
        exitCode: timedOut ? TIMED_OUT_EXIT_CODE : exitCode,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        timedOut,
      });
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      err.push(Buffer.from(`exec: ${JSON.stringify(command[0] ?? '')}: ${e.code === 'ENOENT' ? 'executable file not found in $PATH' : e.message}\n`));
      result(spawnFailureCode(e));
    });
    child.once('close', (code, signal) => result(exitCodeOf(code, signal)));
  });
}

/** A streaming exec. Without a pty, `tty` only means "stderr arrives on stdout". */
export function hostExec(record: ContainerRecord, command: string[], options: StreamOptions): StreamSession {
  const child = spawnIn(record, command, options.stdin);
  // A command that exits without reading its input must not turn the client's writes into a crash.
  child.stdin?.on('error', () => undefined);
  const stdout = options.stdout ? new PassThrough() : undefined;
  const stderr = options.stderr && !options.tty ? new PassThrough() : undefined;
  child.stdout?.pipe(stdout ?? new PassThrough().resume());
  child.stderr?.pipe((options.tty ? stdout : stderr) ?? new PassThrough().resume(), { end: !options.tty });
  const exited = new Promise<{ exitCode: number }>((resolve) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      stderr?.write(`exec: ${JSON.stringify(command[0] ?? '')}: ${e.code === 'ENOENT' ? 'executable file not found in $PATH' : e.message}\n`);
      stdout?.end();
      stderr?.end();
      resolve({ exitCode: spawnFailureCode(e) });
    });
    child.once('close', (code, signal) => resolve({ exitCode: exitCodeOf(code, signal) }));
  });
  return {
    stdin: child.stdin ?? undefined,
    stdout,
    stderr,
    resize: async () => undefined,
    wait: () => exited,
    close() {
      if (child.pid !== undefined && child.exitCode === null) signalGroup(child.pid, 'SIGKILL');
    },
  };
}
