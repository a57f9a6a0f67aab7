// `klctl exec POD [-c C] [-i] [-t] -- CMD…`: a WebSocket to pods/exec speaking
// v5.channel.k8s.io (one channel byte then payload: 0 stdin, 1 stdout, 2 stderr, 3 status,
// 4 resize, 255 close). The remote exit code becomes klctl's, as kubectl does.
import { Command } from 'commander';
import type { Pod, Status } from '@kubelite/api';
import WebSocket from 'ws';
import { cliError, CliProblems } from '../kube/errors.js';
import { chooseContainer } from '../kube/pod-container.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { connectOptions, urlFor } from '../kube/stream.js';
import { clientFor } from '../kube/targets.js';

export const EXEC_PROTOCOL = 'v5.channel.k8s.io';
const enum Channel {
  Stdin = 0,
  Stdout = 1,
  Stderr = 2,
  Status = 3,
  Resize = 4,
  Close = 255,
}

interface ExecFlags {
  container?: string;
  stdin?: boolean;
  tty?: boolean;
}

/** The exit code a final Status carries: 0 on Success, the ExitCode cause on NonZeroExitCode. */
export function exitCodeOf(status: Status): { code: number; message?: string } {
  if (status.status === 'Success') return { code: 0 };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  // NonZeroExitCode is exec's own reason, outside apimachinery's StatusReason list
  if ((status.reason as string | undefined) === 'NonZeroExitCode' && cause?.message !== undefined) {
    const code = Number(cause.message);
    return { code, message: CliProblems.EXIT_CODE(code) };
  }
  return { code: 1, message: CliProblems.EXEC_FAILED(status.message ?? 'unknown error') };
}

function frame(channel: Channel, data: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from([channel]), typeof data === 'string' ? Buffer.from(data) : data]);
}

function wireStdin(ws: WebSocket, tty: boolean): () => void {
  const stdin = process.stdin;
  if (tty && stdin.isTTY) stdin.setRawMode(true);
  const onData = (d: Buffer): void => void ws.send(frame(Channel.Stdin, d));
  const onEnd = (): void => void ws.send(Buffer.from([Channel.Close, Channel.Stdin]));
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  const resize = (): void => {
    if (process.stdout.columns) ws.send(frame(Channel.Resize, JSON.stringify({ Width: process.stdout.columns, Height: process.stdout.rows })));
  };
  if (tty) {
    resize();
    process.stdout.on('resize', resize);
  }
  return () => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    process.stdout.off('resize', resize);
    if (tty && stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
  };
}

function runSession(ws: WebSocket, flags: ExecFlags): Promise<{ code: number; message?: string }> {
  return new Promise((done, fail) => {
    let result: { code: number; message?: string } = { code: 0 };
    let release = (): void => {};
    ws.on('open', () => {
      if (flags.stdin) release = wireStdin(ws, flags.tty === true);
    });
    ws.on('message', (data: Buffer) => {
      const channel = data[0];
      const payload = data.subarray(1);
      if (channel === Channel.Stdout) process.stdout.write(payload);
      else if (channel === Channel.Stderr) process.stderr.write(payload);
      else if (channel === Channel.Status) result = exitCodeOf(JSON.parse(payload.toString('utf8')) as Status);
    });
    ws.on('unexpected-response', (_req, res) => {
      fail(cliError('EXEC_FAILED', `the server answered ${res.statusCode ?? 0} to the upgrade request`));
    });
    ws.on('error', (e) => fail(e));
    ws.on('close', () => {
      release();
      done(result);
    });
  });
}

async function exec(session: Session, ref: string, command: string[], flags: ExecFlags): Promise<void> {
  if (command.length === 0) throw cliError('NO_COMMAND');
  const name = ref.replace(/^(?:pods?|po)\//, '');
  const pods = clientFor<Pod>(session, await session.resources().resolve('pods'));
  const pod = await pods.get(name);
  const container = chooseContainer(pod, flags.container, (l) => process.stderr.write(`${l}\n`));
  const url = urlFor(session, pods.path(session.namespace, name, 'exec'), {
    command,
    container,
    stdin: flags.stdin ? true : undefined,
    stdout: true,
    stderr: flags.tty ? undefined : true,
    tty: flags.tty ? true : undefined,
  });
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, [EXEC_PROTOCOL], connectOptions(session));
  const { code, message } = await runSession(ws, flags);
  if (message) process.stderr.write(`${message}\n`);
  process.exitCode = code;
}

export function registerExecCommand(program: Command): void {
  program
    .command('exec')
    .description('Execute a command in a container')
    .argument('<pod>', 'POD or pod/POD')
    .argument('[command...]', 'the command and its arguments, after --')
    .option('-c, --container <name>', 'the container (default: the only or first one)')
    .option('-i, --stdin', 'pass stdin to the container')
    .option('-t, --tty', 'stdin is a TTY')
    .action(verb(async (session, ref: string, command: string[], flags: ExecFlags) => exec(session, ref, command, flags)));
}
