// The supervisor ("shim") of one process-runtime container, like containerd-shim: a detached
// node process that outlives the kubelet. It starts the command in its own process group, appends
// its output to the CRI log file, records state.json once it runs and exit.json when it is gone,
// and forwards the termination signals it receives to the group.
//   usage: node shim.js <container state dir>
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { nowRfc3339Nano } from '../log-time.js';
import { CriLogWriter } from './cri-log.js';
import { processStartTime, signalGroup } from './proc.js';
import {
  CONFIG_FILE,
  EXIT_FILE,
  STARTED_FILE,
  readJson,
  writeJsonAtomic,
  type ContainerRecord,
  type ExitRecord,
  type StartedRecord,
} from './store.js';

/** How long to wait for the pipes to close after the command exits (a daemonized grandchild may hold them). */
const DRAIN_MS = 2_000;

const dir = process.argv[2] ?? '';
if (!dir) {
  process.stderr.write('usage: shim <container state dir>\n');
  process.exit(2);
}
const diag = (msg: string): void => appendFileSync(join(dir, 'shim.log'), `${new Date().toISOString()} ${msg}\n`);
process.on('uncaughtException', (err) => {
  diag(`uncaught: ${err.stack ?? String(err)}`);
  process.exit(1);
});

const config = readJson<ContainerRecord>(join(dir, CONFIG_FILE));
if (!config) {
  diag('no config.json');
  process.exit(1);
}
process.title = `kubelite-shim ${config.id.slice(0, 12)}`;

function finish(record: ExitRecord): never {
  writeJsonAtomic(join(dir, EXIT_FILE), record);
  process.exit(0);
}

/** Docker's wording for commands that cannot run, so users see the same messages. */
function cannotRun(err: NodeJS.ErrnoException, file: string): never {
  const denied = err.code === 'EACCES';
  finish({
    exitCode: denied ? 126 : 127,
    cannotRun: true,
    message: denied ? `exec: "${file}": permission denied` : `exec: "${file}": executable file not found in $PATH`,
  });
}

function checkCwd(cwd: string): void {
  let ok = false;
  try {
    ok = statSync(cwd).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) finish({ exitCode: 128, cannotRun: true, message: `chdir to cwd (${JSON.stringify(cwd)}) failed: no such directory` });
}

function run(record: ContainerRecord): void {
  const [file, ...args] = record.argv;
  if (!file) finish({ exitCode: 127, cannotRun: true, message: 'no command given' });
  checkCwd(record.workingDir);
  mkdirSync(dirname(record.logPath), { recursive: true });
  const writer = new CriLogWriter(openSync(record.logPath, 'a'));
  const env = { ...process.env, ...record.env };
  let child: ChildProcess;
  try {
    child = spawn(file!, args, { cwd: record.workingDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    cannotRun(err as NodeJS.ErrnoException, file!);
  }
  let spawned = false;
  let exitInfo: ExitRecord | undefined;
  child.once('spawn', () => {
    spawned = true;
    const pid = child.pid!;
    const started: StartedRecord = {
      shimPid: process.pid,
      pid,
      pidStartTime: processStartTime(pid),
      shimStartTime: processStartTime(process.pid),
      startedAt: nowRfc3339Nano(),
    };
    writeJsonAtomic(join(dir, STARTED_FILE), started);
  });
  child.once('error', (err: NodeJS.ErrnoException) => {
    if (!spawned) cannotRun(err, file!);
    diag(`child error: ${String(err)}`);
  });
  child.stdout!.on('data', (chunk: Buffer) => writer.write('stdout', chunk));
  child.stderr!.on('data', (chunk: Buffer) => writer.write('stderr', chunk));
  const done = (): void => {
    if (!exitInfo) return;
    writer.flush();
    finish(exitInfo);
  };
  child.once('exit', (code, signal) => {
    const exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
    exitInfo = { exitCode, ...(signal ? { signal } : {}), finishedAt: nowRfc3339Nano() };
    setTimeout(done, DRAIN_MS).unref();
  });
  child.once('close', () => setImmediate(done));
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (child.pid !== undefined) signalGroup(child.pid, sig);
    });
  }
}

if (existsSync(join(dir, EXIT_FILE))) {
  diag('already exited; not starting twice');
  process.exit(0);
}
run(config);
