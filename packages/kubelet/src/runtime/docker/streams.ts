// exec and attach over Docker's hijacked connections: probes and hooks run to completion
// (execSync), `kubectl exec`/`attach` get live sessions. Docker cannot kill an exec'd process, so
// a timed-out execSync only stops listening; the process may keep running in the container.
import { PassThrough, Writable, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { EXEC_SYNC_MAX_OUTPUT, TIMED_OUT_EXIT_CODE } from '../exec-limits.js';
import type { ExecResult, StreamOptions, StreamSession } from '../types.js';
import { dockerError } from './client.js';
import { FrameParser } from './frames.js';

const EXIT_POLL_TRIES = 40;
const EXIT_POLL_MS = 25;

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The stream closes slightly before Docker records the exit code: poll a bounded while. */
async function execExitCode(exec: Docker.Exec): Promise<number> {
  for (let i = 0; i < EXIT_POLL_TRIES; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await delay(EXIT_POLL_MS);
  }
  return TIMED_OUT_EXIT_CODE;
}

class Bounded {
  private readonly parts: Buffer[] = [];
  private size = 0;
  add(b: Buffer): void {
    const room = EXEC_SYNC_MAX_OUTPUT - this.size;
    if (room <= 0) return;
    const piece = b.length > room ? b.subarray(0, room) : b;
    this.parts.push(piece);
    this.size += piece.length;
  }
  get value(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export async function dockerExecSync(docker: Docker, id: string, cmd: string[], timeoutMs: number): Promise<ExecResult> {
  const op = `exec in container ${id}`;
  let exec: Docker.Exec;
  let socket: Duplex;
  try {
    exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
    socket = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  } catch (err) {
    throw dockerError(op, err);
  }
  const stdout = new Bounded();
  const stderr = new Bounded();
  const frames = new FrameParser();
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      for (const f of frames.push(chunk)) (f.stream === 'stdout' ? stdout : stderr).add(f.payload);
    });
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('end', done);
    socket.once('close', done);
    socket.once('error', done);
  });
  if (!finished) return { exitCode: TIMED_OUT_EXIT_CODE, stdout: stdout.value, stderr: stderr.value, timedOut: true };
  const exitCode = await execExitCode(exec);
  return { exitCode, stdout: stdout.value, stderr: stderr.value, timedOut: false };
}

/** Wires a hijacked socket into the session's streams: raw with a TTY, demultiplexed without. */
function wireOutput(socket: Duplex, tty: boolean, options: StreamOptions): { stdout?: PassThrough; stderr?: PassThrough; ended: Promise<void> } {
  const stdout = options.stdout ? new PassThrough() : undefined;
  const stderr = options.stderr && !tty ? new PassThrough() : undefined;
  const frames = new FrameParser();
  socket.on('data', (chunk: Buffer) => {
    if (tty) {
      stdout?.write(chunk);
      return;
    }
    for (const f of frames.push(chunk)) (f.stream === 'stdout' ? stdout : stderr)?.write(f.payload);
  });
  const ended = new Promise<void>((resolve) => {
    const end = (): void => {
      stdout?.end();
      stderr?.end();
      resolve();
    };
    socket.once('end', end);
    socket.once('close', end);
    socket.once('error', end);
  });
  return { stdout, stderr, ended };
}

/** A Writable whose end half-closes the connection, which Docker turns into EOF on stdin. */
function stdinOf(socket: Duplex): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (socket.destroyed) return cb();
      socket.write(chunk, (err) => cb(err ?? undefined));
    },
    final(cb) {
      if (!socket.destroyed) socket.end();
      cb();
    },
  });
}

export async function dockerExec(docker: Docker, id: string, cmd: string[], options: StreamOptions): Promise<StreamSession> {
  const op = `exec in container ${id}`;
  let exec: Docker.Exec;
  let socket: Duplex;
  try {
    exec = await docker.getContainer(id).exec({
      Cmd: cmd,
      AttachStdin: options.stdin,
      AttachStdout: options.stdout,
      AttachStderr: options.stderr && !options.tty,
      Tty: options.tty,
    });
    socket = (await exec.start({ hijack: true, stdin: options.stdin, Tty: options.tty })) as Duplex;
  } catch (err) {
    throw dockerError(op, err);
  }
  const { stdout, stderr, ended } = wireOutput(socket, options.tty, options);
  let over = false;
  void ended.then(() => (over = true));
  return {
    stdin: options.stdin ? stdinOf(socket) : undefined,
    stdout,
    stderr,
    async resize(width, height) {
      if (!options.tty || over) return;
      await exec.resize({ w: width, h: height }).catch((err: unknown) => {
        // The command may have ended between the client's resize and ours: nothing to resize.
        if (over) return;
        throw dockerError(`resize ${op}`, err);
      });
    },
    async wait() {
      await ended;
      return { exitCode: await execExitCode(exec) };
    },
    close() {
      socket.destroy();
    },
  };
}

export async function dockerAttach(docker: Docker, id: string, tty: boolean, options: StreamOptions): Promise<StreamSession> {
  const op = `attach to container ${id}`;
  const container = docker.getContainer(id);
  let socket: Duplex;
  try {
    socket = (await container.attach({
      stream: true,
      stdin: options.stdin,
      stdout: options.stdout,
      stderr: options.stderr,
      hijack: true,
    })) as Duplex;
  } catch (err) {
    throw dockerError(op, err);
  }
  const { stdout, stderr } = wireOutput(socket, tty, options);
  const waiting = new AbortController();
  const exited = container.wait({ abortSignal: waiting.signal }).then(
    (r: { StatusCode: number }) => ({ exitCode: r.StatusCode }),
    (err: unknown) => {
      throw dockerError(`wait for container ${id}`, err);
    },
  );
  // Nobody may ever call wait(); keep an unobserved failure from crashing the process.
  exited.catch(() => undefined);
  return {
    stdin: options.stdin ? stdinOf(socket) : undefined,
    stdout,
    stderr,
    async resize(width, height) {
      if (!tty) return;
      await container.resize({ w: width, h: height }).catch((err: unknown) => {
        throw dockerError(`resize ${op}`, err);
      });
    },
    wait: () => exited,
    close() {
      waiting.abort();
      socket.destroy();
    },
  };
}
