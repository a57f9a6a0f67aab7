import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@kubelite/client';
import type { ContainerConfig, LogLine, SandboxConfig } from '../types.js';
import {
  PAUSE_IMAGE,
  buildTestImages,
  collect,
  containerConfig,
  dockerAvailable,
  eventually,
  pingDocker,
  freePort,
  podRef,
  removeNodeContainers,
  sandboxConfig,
  testNodeName,
} from '../testing/fixtures.js';
import { DockerRuntime } from './docker-runtime.js';

const logger = createLogger('docker-streams-test', 'json', 'silent');
const suite = (await dockerAvailable()) ? describe : describe.skip;

it.runIf(Boolean(process.env.CI))('reaches the Docker daemon (required under CI)', async () => {
  await pingDocker();
});
const NINE_DIGITS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

const text = (lines: LogLine[]): string[] => lines.map((l) => `${l.stream}:${l.line.toString()}`);

function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.once('end', () => resolve(Buffer.concat(parts).toString()));
    stream.once('error', reject);
  });
}

suite('DockerRuntime streams', () => {
  const nodeName = testNodeName();
  let logRoot: string;
  let runtime: DockerRuntime;

  beforeAll(async () => {
    await buildTestImages();
    logRoot = await mkdtemp(join(tmpdir(), 'kubelite-docker-streams-'));
    runtime = new DockerRuntime({ nodeName, podInfraImage: PAUSE_IMAGE, logger });
  });

  afterAll(async () => {
    await runtime?.close();
    await removeNodeContainers(nodeName);
    if (logRoot) await rm(logRoot, { recursive: true, force: true });
  });

  async function run(name: string, extra: Partial<ContainerConfig>, sbExtra: Partial<SandboxConfig> = {}): Promise<string> {
    const sbc = sandboxConfig(podRef(), logRoot, sbExtra);
    const sb = await runtime.runPodSandbox(sbc);
    const id = await runtime.createContainer(sb, containerConfig(sbc, name, extra), sbc);
    await runtime.startContainer(id);
    return id;
  }

  const exited = (id: string): Promise<true> =>
    eventually(async () => ((await runtime.containerStatus(id))?.state === 'exited' ? true : undefined));

  it('reads logs in write order with 9-digit timestamps, tail and since', async () => {
    // stdout and stderr are separate pipes with no common order: pause where the stream switches.
    const script = 'for i in 1 2 3; do echo out$i; done; sleep 0.05; echo err1 >&2; sleep 0.3; echo out4; printf partial';
    const id = await run('logger', { command: ['sh', '-c', script] });
    await exited(id);

    const all = await collect(runtime.logs(id, {}));
    expect(text(all)).toEqual(['stdout:out1\n', 'stdout:out2\n', 'stdout:out3\n', 'stderr:err1\n', 'stdout:out4\n', 'stdout:partial']);
    for (const l of all) expect(l.timestamp).toMatch(NINE_DIGITS);

    expect(text(await collect(runtime.logs(id, { tailLines: 2 })))).toEqual(['stdout:out4\n', 'stdout:partial']);
    const since = new Date(Date.parse(all[4]!.timestamp.slice(0, 23) + 'Z'));
    expect(text(await collect(runtime.logs(id, { since })))).toEqual(['stdout:out4\n', 'stdout:partial']);
  });

  it('follows logs until the container stops, and reads TTY output raw', async () => {
    const id = await run('follower', { command: ['sh', '-c', 'echo first; sleep 0.5; echo second'] });
    const t0 = Date.now();
    const lines = await collect(runtime.logs(id, { follow: true }));
    expect(text(lines)).toEqual(['stdout:first\n', 'stdout:second\n']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);

    const tty = await run('tty', { command: ['sh', '-c', 'echo on-a-tty; echo to-stderr >&2'], tty: true });
    await exited(tty);
    const ttyLines = await collect(runtime.logs(tty, {}));
    expect(text(ttyLines)).toEqual(['stdout:on-a-tty\r\n', 'stdout:to-stderr\r\n']);
  });

  it('runs execSync with exit codes, split output, the pod env and a timeout', async () => {
    const id = await run('target', { command: ['sleep', '300'] });
    const r = await runtime.execSync(id, ['sh', '-c', 'echo "out $GREETING"; echo err >&2; exit 7'], 5_000);
    expect(r).toMatchObject({ exitCode: 7, timedOut: false });
    expect(r.stdout.toString()).toBe('out hi there\n');
    expect(r.stderr.toString()).toBe('err\n');
    expect((await runtime.execSync(id, ['true'], 5_000)).exitCode).toBe(0);

    const t0 = Date.now();
    const slow = await runtime.execSync(id, ['sleep', '5'], 300);
    expect(slow.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2_000);

    await expect(runtime.execSync(id, ['nosuchcmd'], 5_000)).resolves.toMatchObject({ exitCode: 126 });
  });

  it('streams an exec session with stdin, and a tty session', async () => {
    const id = await run('shell', { command: ['sleep', '300'] });
    const session = await runtime.exec(id, ['sh', '-c', 'cat; echo done >&2; exit 4'], { stdin: true, stdout: true, stderr: true, tty: false });
    const out = readAll(session.stdout);
    const err = readAll(session.stderr);
    session.stdin?.write('hello\n');
    session.stdin?.end('world\n');
    expect(await session.wait()).toEqual({ exitCode: 4 });
    expect(await out).toBe('hello\nworld\n');
    expect(await err).toBe('done\n');

    const tty = await runtime.exec(id, ['sh', '-c', 'read go; stty size'], { stdin: true, stdout: true, stderr: true, tty: true });
    expect(tty.stderr).toBeUndefined();
    const ttyOut = readAll(tty.stdout);
    await tty.resize(100, 30);
    tty.stdin?.write('go\r');
    expect(await tty.wait()).toEqual({ exitCode: 0 });
    expect(await ttyOut).toMatch(/30 100\r\n$/);
    tty.close();
  });

  it('attaches to a container with stdin open', async () => {
    const id = await run('attached', { command: ['sh', '-c', 'read line; echo "got $line"'], stdin: true, stdinOnce: true });
    const session = await runtime.attach(id, { stdin: true, stdout: true, stderr: true, tty: false });
    const out = readAll(session.stdout);
    session.stdin?.write('ping\n');
    expect(await session.wait()).toEqual({ exitCode: 0 });
    session.close();
    expect(await out).toContain('got ping\n');
  });

  it('serves a hostPort on 127.0.0.1 from busybox httpd in the joined container', async () => {
    const port = await freePort();
    await run(
      'web',
      { command: ['httpd', '-f', '-p', '8080', '-h', '/var/www'] },
      { portMappings: [{ containerPort: 8080, hostPort: port, hostIP: '127.0.0.1', protocol: 'TCP' }] },
    );
    const body = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      return res.ok ? res.text() : undefined;
    });
    expect(body).toContain('kubelite busybox httpd');
  });
});
