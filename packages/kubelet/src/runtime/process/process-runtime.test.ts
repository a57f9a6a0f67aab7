import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@kubelite/client';
import { isRuntimeError } from '../errors.js';
import { collect, containerConfig, eventually, podRef, sandboxConfig } from '../testing/fixtures.js';
import type { ContainerConfig, RuntimeEvent, SandboxConfig } from '../types.js';
import { isAlive } from './proc.js';
import { ProcessRuntime } from './process-runtime.js';

const logger = createLogger('process-runtime-test', 'json', 'silent');
const NINE_DIGITS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.once('end', () => resolve(Buffer.concat(parts).toString()));
    stream.once('error', reject);
  });
}

describe('ProcessRuntime', () => {
  let root: string;
  let stateDir: string;
  let logRoot: string;
  let runtime: ProcessRuntime;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kubelite-process-rt-'));
    stateDir = join(root, 'state');
    logRoot = join(root, 'pods');
    runtime = new ProcessRuntime({ stateDir, nodeName: 'proc-node', logger });
  });

  afterAll(async () => {
    if (!root) return;
    // Kill whatever any runtime instance on this state dir left running, then drop the files.
    const cleanup = new ProcessRuntime({ stateDir, nodeName: 'proc-node', logger });
    for (const c of await cleanup.listContainers({ all: false })) await cleanup.stopContainer(c.id, 0);
    for (const s of await cleanup.listPodSandboxes()) await cleanup.removePodSandbox(s.id);
    await runtime?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function run(extra: Partial<ContainerConfig>, sbExtra: Partial<SandboxConfig> = {}): Promise<{ id: string; sb: string; sbc: SandboxConfig }> {
    const sbc = sandboxConfig(podRef(), logRoot, { hostNetwork: true, ...sbExtra });
    const sb = await runtime.runPodSandbox(sbc);
    const id = await runtime.createContainer(sb, containerConfig(sbc, extra.name ?? 'main', { image: 'registry.k8s.io/etcd:3.5', ...extra }), sbc);
    await runtime.startContainer(id);
    return { id, sb, sbc };
  }

  const exited = (id: string, rt = runtime) =>
    eventually(async () => {
      const s = await rt.containerStatus(id);
      return s?.state === 'exited' ? s : undefined;
    });

  it('reports version, readiness and synthetic images', async () => {
    expect(await runtime.version()).toEqual({ runtimeName: 'process', runtimeVersion: process.version });
    expect(await runtime.status()).toEqual({ ready: true });
    const img = await runtime.imageStatus('kube-apiserver:v1.32');
    expect(img).toMatchObject({ repoTags: ['kube-apiserver:v1.32'], repoDigests: [] });
    expect(img?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await runtime.pullImage('kube-apiserver:v1.32')).toEqual(img);
  });

  it('runs the command with the pod env over the kubelet env, in its working dir, and stops it', async () => {
    const script = 'echo "greeting=$GREETING"; echo "path=$PATH"; pwd; trap "exit 0" TERM; sleep 300 & wait';
    const { id, sb, sbc } = await run({ command: ['sh', '-c'], args: [script], workingDir: '/tmp' });
    const status = await runtime.containerStatus(id);
    expect(status).toMatchObject({ id, sandboxId: sb, pod: sbc.pod, name: 'main', attempt: 0, state: 'running', image: 'registry.k8s.io/etcd:3.5' });
    expect(status?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(status?.imageRef).toMatch(/^process:\/\/sha256:[0-9a-f]{64}$/);
    expect(status?.annotations).toEqual({ 'io.kubernetes.container.restartCount': '0', 'io.kubernetes.container.hash': 'abc123' });
    const sandbox = await runtime.podSandboxStatus(sb);
    expect(sandbox).toMatchObject({ state: 'ready', hostNetwork: true, pod: sbc.pod });
    expect(sandbox?.ip).toBeUndefined();

    const lines = await eventually(async () => {
      const got = (await collect(runtime.logs(id, {}))).map((l) => l.line.toString());
      return got.length >= 3 ? got : undefined;
    });
    expect(lines).toEqual(['greeting=hi there\n', `path=${process.env.PATH}\n`, '/tmp\n']);

    const t0 = Date.now();
    await runtime.stopContainer(id, 10);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(await runtime.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    expect((await runtime.containerStatus(id))?.finishedAt).toBeInstanceOf(Date);
  });

  it('kills a process that ignores SIGTERM after the timeout', async () => {
    const { id } = await run({ command: ['sh', '-c', 'trap "" TERM; sleep 300'] });
    const t0 = Date.now();
    await runtime.stopContainer(id, 1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(await runtime.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 137, reason: 'Error' });
  });

  it('reports exit codes, commands that cannot run, and refuses containers without a command', async () => {
    const { id } = await run({ command: ['sh', '-c', 'exit 3'] });
    expect(await exited(id)).toMatchObject({ exitCode: 3, reason: 'Error' });

    const sbc = sandboxConfig(podRef(), logRoot, { hostNetwork: true });
    const sb = await runtime.runPodSandbox(sbc);
    const missing = await runtime.createContainer(sb, containerConfig(sbc, 'missing', { command: ['nosuch-binary-xyz'] }), sbc);
    await expect(runtime.startContainer(missing)).rejects.toThrow(/exec: "nosuch-binary-xyz": executable file not found in \$PATH/);
    expect(await runtime.containerStatus(missing)).toMatchObject({ state: 'exited', exitCode: 127, reason: 'ContainerCannotRun' });

    const err = await runtime.createContainer(sb, containerConfig(sbc, 'nocmd', { args: ['x'] }), sbc).catch((e: unknown) => e);
    expect(isRuntimeError(err, 'NO_COMMAND')).toBe(true);
    expect(String(err)).toMatch(/container "nocmd": the process runtime needs a command/);
  });

  it('writes CRI logs and reads them with tail, since and follow', async () => {
    // Two pipes have no common order; a pause between switches makes arrival order the write order.
    const script = 'echo one; sleep 0.05; echo two >&2; sleep 0.05; echo three; sleep 0.3; echo four; printf partial';
    const { id, sbc } = await run({ command: ['sh', '-c', script], name: 'talker' });
    const follow = collect(runtime.logs(id, { follow: true }));
    await exited(id);
    const all = await collect(runtime.logs(id, {}));
    expect(all.map((l) => `${l.stream}:${l.line.toString()}`)).toEqual([
      'stdout:one\n', 'stderr:two\n', 'stdout:three\n', 'stdout:four\n', 'stdout:partial',
    ]);
    for (const l of all) expect(l.timestamp).toMatch(NINE_DIGITS);
    expect((await follow).map((l) => l.line.toString())).toEqual(all.map((l) => l.line.toString()));

    const file = await readFile(join(sbc.logDirectory, 'talker', '0.log'), 'utf8');
    expect(file.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:]+\.\d{9}Z stdout F one$/);
    expect(file).toMatch(/ stdout P partial\n$/);

    expect((await collect(runtime.logs(id, { tailLines: 2 }))).map((l) => l.line.toString())).toEqual(['four\n', 'partial']);
    const since = new Date(Date.parse(all[3]!.timestamp.slice(0, 23) + 'Z'));
    expect((await collect(runtime.logs(id, { since }))).map((l) => l.line.toString())).toEqual(['four\n', 'partial']);
  });

  it('execs host processes with the container env: sync with timeout, and streaming with stdin', async () => {
    const { id } = await run({ command: ['sleep', '300'], env: [{ name: 'ETCDCTL_ENDPOINTS', value: 'http://127.0.0.1:2379' }] });
    const r = await runtime.execSync(id, ['sh', '-c', 'echo "$ETCDCTL_ENDPOINTS"; echo oops >&2; exit 5'], 5_000);
    expect(r).toMatchObject({ exitCode: 5, timedOut: false });
    expect(r.stdout.toString()).toBe('http://127.0.0.1:2379\n');
    expect(r.stderr.toString()).toBe('oops\n');
    const t0 = Date.now();
    expect(await runtime.execSync(id, ['sleep', '10'], 200)).toMatchObject({ timedOut: true });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect((await runtime.execSync(id, ['nosuch-binary-xyz'], 1_000)).exitCode).toBe(127);

    const s = await runtime.exec(id, ['sh', '-c', 'cat; exit 2'], { stdin: true, stdout: true, stderr: true, tty: false });
    const out = readAll(s.stdout);
    s.stdin?.end('hello over stdin\n');
    expect(await s.wait()).toEqual({ exitCode: 2 });
    expect(await out).toBe('hello over stdin\n');

    await runtime.stopContainer(id, 0);
    await expect(runtime.execSync(id, ['true'], 1_000)).rejects.toThrow(/is not running/);
  });

  it('attaches by following new output, and refuses stdin', async () => {
    const { id } = await run({ command: ['sh', '-c', 'echo before; sleep 0.5; echo after; sleep 0.2; exit 4'] });
    await expect(runtime.attach(id, { stdin: true, stdout: true, stderr: true, tty: false })).rejects.toThrow(/stdin is not supported/);
    await new Promise((r) => setTimeout(r, 200));
    const s = await runtime.attach(id, { stdin: false, stdout: true, stderr: true, tty: false });
    const out = readAll(s.stdout);
    expect(await s.wait()).toEqual({ exitCode: 4 });
    expect(await out).toBe('after\n');
  });

  it('emits started and died events', async () => {
    const events: RuntimeEvent[] = [];
    const off = runtime.onEvent((e) => events.push(e));
    try {
      const { id, sbc } = await run({ command: ['sh', '-c', 'sleep 0.3; exit 1'] });
      await eventually(async () => (events.some((e) => e.type === 'container-died') ? true : undefined));
      expect(events).toEqual([
        { type: 'container-started', containerId: id, podUid: sbc.pod.uid },
        { type: 'container-died', containerId: id, podUid: sbc.pod.uid },
      ]);
    } finally {
      off();
    }
  });

  it('stops and removes a sandbox with its containers', async () => {
    const { id, sb, sbc } = await run({ command: ['sleep', '300'] });
    await runtime.stopPodSandbox(sb, 1);
    expect((await runtime.containerStatus(id))?.state).toBe('exited');
    expect((await runtime.podSandboxStatus(sb))?.state).toBe('notready');
    await expect(runtime.createContainer(sb, containerConfig(sbc, 'late', { command: ['true'] }), sbc)).rejects.toThrow(/not ready/);
    await runtime.removePodSandbox(sb);
    expect(await runtime.podSandboxStatus(sb)).toBeUndefined();
    expect(await runtime.containerStatus(id)).toBeUndefined();
    expect(await runtime.listContainers({ podUid: sbc.pod.uid })).toEqual([]);
    expect(await readdir(join(stateDir, 'containers'))).not.toContain(id);
  });

  it('lets a new instance adopt processes after the kubelet that started them is killed with -9', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const script = fileURLToPath(new URL('../testing/process-kubelet.ts', import.meta.url));
    const kubelet = spawn(process.execPath, ['--import', pathToFileURL(tsx).href, script, stateDir, logRoot], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ids = await new Promise<{ sandboxId: string; containerId: string }>((resolve, reject) => {
      kubelet.stdout.once('data', (b: Buffer) => resolve(JSON.parse(b.toString()) as { sandboxId: string; containerId: string }));
      kubelet.once('exit', (code) => reject(new Error(`stand-in kubelet exited with ${code}`)));
    });
    kubelet.kill('SIGKILL');
    await new Promise((r) => kubelet.once('exit', r));
    expect(isAlive(kubelet.pid!)).toBe(false);

    const adopter = new ProcessRuntime({ stateDir, nodeName: 'proc-node', logger });
    const listed = await adopter.listContainers({ sandboxId: ids.sandboxId });
    expect(listed.map((c) => [c.id, c.name, c.state])).toEqual([[ids.containerId, 'survivor', 'running']]);
    expect((await collect(adopter.logs(ids.containerId, {}))).map((l) => l.line.toString())).toEqual(['started\n']);
    await adopter.stopContainer(ids.containerId, 5);
    expect(await adopter.containerStatus(ids.containerId)).toMatchObject({ state: 'exited', exitCode: 7, reason: 'Error' });
    await adopter.close();
  });

  it('adopts in-process too: a dropped runtime object leaves its processes to the next one', async () => {
    const first = new ProcessRuntime({ stateDir, nodeName: 'proc-node', logger });
    const sbc = sandboxConfig(podRef(), logRoot, { hostNetwork: true });
    const sb = await first.runPodSandbox(sbc);
    const id = await first.createContainer(sb, containerConfig(sbc, 'c', { command: ['sh', '-c', 'sleep 0.5; exit 9'] }), sbc);
    await first.startContainer(id);
    const second = new ProcessRuntime({ stateDir, nodeName: 'proc-node', logger });
    expect((await second.containerStatus(id))?.state).toBe('running');
    expect(await exited(id, second)).toMatchObject({ exitCode: 9, reason: 'Error' });
  });
});
