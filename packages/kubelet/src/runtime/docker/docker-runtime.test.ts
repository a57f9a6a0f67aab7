import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@kubelite/client';
import type { RuntimeEvent, SandboxConfig } from '../types.js';
import {
  BUSYBOX_IMAGE,
  PAUSE_IMAGE,
  buildTestImages,
  collect,
  containerConfig,
  dockerAvailable,
  eventually,
  pingDocker,
  podRef,
  removeNodeContainers,
  sandboxConfig,
  testNodeName,
} from '../testing/fixtures.js';
import { DockerRuntime } from './docker-runtime.js';

const logger = createLogger('docker-runtime-test', 'json', 'silent');
const docker = new Docker();
const suite = (await dockerAvailable()) ? describe : describe.skip;

it.runIf(Boolean(process.env.CI))('reaches the Docker daemon (required under CI)', async () => {
  await pingDocker();
});

suite('DockerRuntime', () => {
  const nodeName = testNodeName();
  const otherNode = testNodeName();
  let logRoot: string;
  let runtime: DockerRuntime;
  let other: DockerRuntime;

  beforeAll(async () => {
    await buildTestImages();
    logRoot = await mkdtemp(join(tmpdir(), 'kubelite-docker-rt-'));
    runtime = new DockerRuntime({ nodeName, podInfraImage: PAUSE_IMAGE, logger });
    other = new DockerRuntime({ socketPath: 'unix:///var/run/docker.sock', nodeName: otherNode, podInfraImage: PAUSE_IMAGE, logger });
  });

  afterAll(async () => {
    await runtime?.close();
    await other?.close();
    await removeNodeContainers(nodeName);
    await removeNodeContainers(otherNode);
    if (logRoot) await rm(logRoot, { recursive: true, force: true });
  });

  async function startSandbox(extra: Partial<SandboxConfig> = {}): Promise<{ id: string; config: SandboxConfig }> {
    const config = sandboxConfig(podRef(), logRoot, extra);
    return { id: await runtime.runPodSandbox(config), config };
  }

  it('reports its version and health, and a clear message when the daemon is unreachable', async () => {
    expect(await runtime.version()).toEqual({ runtimeName: 'docker', runtimeVersion: expect.stringMatching(/^\d+\.\d+/) });
    expect(await runtime.status()).toEqual({ ready: true });
    const down = new DockerRuntime({ socketPath: '/nonexistent/docker.sock', nodeName, podInfraImage: PAUSE_IMAGE, logger });
    const cond = await down.status();
    expect(cond.ready).toBe(false);
    expect(cond.message).toMatch(/^container runtime is down: cannot connect to the Docker daemon at unix:\/\/\/nonexistent\/docker\.sock: .*ENOENT/);
  });

  it('runs a sandbox with dockershim names and labels, a pod IP and a rewritten resolv.conf', async () => {
    const dns = { servers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local'], options: ['ndots:5'] };
    const { id, config } = await startSandbox({ dns });
    const status = await runtime.podSandboxStatus(id);
    expect(status).toMatchObject({
      id,
      pod: config.pod,
      attempt: 0,
      state: 'ready',
      hostNetwork: false,
      labels: { app: 'demo' },
      annotations: { 'example.com/note': 'hello' },
    });
    expect(status?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const info = await docker.getContainer(id).inspect();
    expect(info.Name).toBe(`/k8s_POD_${config.pod.name}_default_${config.pod.uid}_0`);
    expect(info.Config.Labels).toMatchObject({
      app: 'demo',
      'annotation.example.com/note': 'hello',
      'io.kubernetes.pod.uid': config.pod.uid,
      'io.kubernetes.pod.name': config.pod.name,
      'io.kubernetes.pod.namespace': 'default',
      'io.kubernetes.container.name': 'POD',
      'io.kubernetes.docker.type': 'podsandbox',
      'io.kubelite.node.name': nodeName,
    });
    expect(info.HostConfig).toMatchObject({ IpcMode: 'shareable', CpuShares: 2, NetworkMode: 'bridge' });
    expect(info.Config.Hostname).toBe(config.pod.name);
    expect(await readFile(info.ResolvConfPath, 'utf8')).toBe(
      'nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local\noptions ndots:5\n',
    );
    expect((await stat(config.logDirectory)).isDirectory()).toBe(true);
    expect((await runtime.listPodSandboxes({ podUid: config.pod.uid })).map((s) => s.id)).toEqual([id]);
  });

  it('runs a host-network sandbox without an IP', async () => {
    const { id } = await startSandbox({ hostNetwork: true });
    const status = await runtime.podSandboxStatus(id);
    expect(status).toMatchObject({ state: 'ready', hostNetwork: true });
    expect(status?.ip).toBeUndefined();
  });

  it('creates, starts, stops and removes app containers joined to the sandbox', async () => {
    const { id: sb, config: sbc } = await startSandbox();
    const cc = containerConfig(sbc, 'app', {
      command: ['sh', '-c'],
      args: ['trap "exit 0" TERM; echo "$GREETING"; sleep 300 & wait'],
      labels: { tier: 'web' },
    });
    const id = await runtime.createContainer(sb, cc, sbc);
    expect((await runtime.containerStatus(id))?.state).toBe('created');
    await runtime.startContainer(id);
    const running = await runtime.containerStatus(id);
    expect(running).toMatchObject({
      id,
      sandboxId: sb,
      pod: sbc.pod,
      name: 'app',
      attempt: 0,
      state: 'running',
      image: BUSYBOX_IMAGE,
      labels: { tier: 'web' },
      annotations: { 'io.kubernetes.container.restartCount': '0', 'io.kubernetes.container.hash': 'abc123' },
      logPath: cc.logPath,
    });
    expect(running?.imageRef).toMatch(/^docker:\/\/sha256:[0-9a-f]{64}$/);
    expect(running?.startedAt).toBeInstanceOf(Date);
    const info = await docker.getContainer(id).inspect();
    expect(info.Name).toBe(`/k8s_app_${sbc.pod.name}_default_${sbc.pod.uid}_0`);
    expect(info.HostConfig).toMatchObject({ NetworkMode: `container:${sb}`, IpcMode: `container:${sb}` });
    expect(info.Config.Labels).toMatchObject({
      'io.kubernetes.docker.type': 'container',
      'io.kubernetes.sandbox.id': sb,
      'io.kubernetes.container.logpath': cc.logPath,
      'io.kubelite.node.name': nodeName,
    });
    expect((await stat(join(sbc.logDirectory, 'app'))).isDirectory()).toBe(true);

    const listed = await runtime.listContainers({ podUid: sbc.pod.uid });
    expect(listed.map((c) => [c.id, c.state])).toEqual([[id, 'running']]);

    const t0 = Date.now();
    await runtime.stopContainer(id, 10);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await runtime.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    await runtime.stopContainer(id, 1); // already stopped: no error
    await runtime.removeContainer(id);
    await runtime.removeContainer(id); // already gone: no error
    expect(await runtime.containerStatus(id)).toBeUndefined();
  });

  it('applies resources, mounts, env, user, working dir, and host-network joining', async () => {
    const { id: sb, config: sbc } = await startSandbox({ hostNetwork: true });
    const cc = containerConfig(sbc, 'tuned', {
      args: ['sh', '-c', 'echo "$GREETING" > /data/out; id -u; pwd; hostname'],
      workingDir: '/tmp',
      user: '65534',
      mounts: [{ hostPath: logRoot, containerPath: '/data', readOnly: false }, { hostPath: logRoot, containerPath: '/ro', readOnly: true }],
      resources: { cpuShares: 256, cpuPeriod: 100_000, cpuQuota: 50_000, memoryLimitBytes: 64 * 1024 * 1024, oomScoreAdj: 900 },
    });
    const id = await runtime.createContainer(sb, cc, sbc);
    const info = await docker.getContainer(id).inspect();
    expect(info.HostConfig).toMatchObject({
      CpuShares: 256,
      CpuPeriod: 100_000,
      CpuQuota: 50_000,
      Memory: 64 * 1024 * 1024,
      MemorySwap: 64 * 1024 * 1024,
      OomScoreAdj: 900,
      UTSMode: 'host',
      Binds: [`${logRoot}:/data`, `${logRoot}:/ro:ro`],
    });
    expect(info.Config).toMatchObject({ User: '65534', WorkingDir: '/tmp', Cmd: ['sh', '-c', expect.any(String)] });
    expect(info.Config.Env).toContain('GREETING=hi there');
    await chmod(logRoot, 0o777); // the container runs as nobody
    await runtime.startContainer(id);
    const done = await eventually(async () => {
      const s = await runtime.containerStatus(id);
      return s?.state === 'exited' ? s : undefined;
    });
    expect(done).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(await readFile(join(logRoot, 'out'), 'utf8')).toBe('hi there\n');
    const text = (await collect(runtime.logs(id, {}))).map((l) => l.line.toString());
    expect(text).toEqual(['65534\n', '/tmp\n', `${hostname()}\n`]);
  });

  it('keeps kubelets sharing one daemon apart, and lets a new instance adopt running containers', async () => {
    const { id: sb, config: sbc } = await startSandbox();
    const id = await runtime.createContainer(sb, containerConfig(sbc, 'c', { command: ['sleep', '300'] }), sbc);
    await runtime.startContainer(id);

    expect(await other.listPodSandboxes()).toEqual([]);
    expect(await other.listContainers()).toEqual([]);
    expect(await other.podSandboxStatus(sb)).toBeUndefined();
    expect(await other.containerStatus(id)).toBeUndefined();
    await expect(other.stopContainer(id, 1)).resolves.toBeUndefined();
    await expect(other.removePodSandbox(sb)).resolves.toBeUndefined();
    await expect(other.execSync(id, ['true'], 1000)).rejects.toThrow(/not found/);
    expect((await runtime.containerStatus(id))?.state).toBe('running');

    // A container made outside any kubelet is invisible too.
    const stray = await docker.createContainer({ Image: BUSYBOX_IMAGE, Cmd: ['true'], Labels: { 'io.kubernetes.docker.type': 'container' } });
    try {
      expect((await runtime.listContainers()).map((c) => c.id)).not.toContain(stray.id);
    } finally {
      await stray.remove({ force: true });
    }

    const adopted = new DockerRuntime({ nodeName, podInfraImage: PAUSE_IMAGE, logger });
    expect((await adopted.listContainers({ podUid: sbc.pod.uid })).map((c) => [c.id, c.state, c.name])).toEqual([[id, 'running', 'c']]);
    expect((await adopted.listPodSandboxes({ podUid: sbc.pod.uid })).map((s) => [s.id, s.state])).toEqual([[sb, 'ready']]);

    await runtime.stopPodSandbox(sb, 1);
    expect((await runtime.containerStatus(id))?.state).toBe('exited');
    expect((await runtime.podSandboxStatus(sb))?.state).toBe('notready');
    await runtime.removePodSandbox(sb);
    expect(await runtime.listContainers({ podUid: sbc.pod.uid })).toEqual([]);
    expect(await runtime.listPodSandboxes({ podUid: sbc.pod.uid })).toEqual([]);
  });

  it('maps exit states as dockershim did: Error, Completed, ContainerCannotRun', async () => {
    const { id: sb, config: sbc } = await startSandbox();
    const fails = await runtime.createContainer(sb, containerConfig(sbc, 'fails', { command: ['sh', '-c', 'exit 3'] }), sbc);
    const ok = await runtime.createContainer(sb, containerConfig(sbc, 'ok', { args: ['true'] }), sbc);
    const missing = await runtime.createContainer(sb, containerConfig(sbc, 'missing', { command: ['nosuchcmd'] }), sbc);
    await runtime.startContainer(fails);
    await runtime.startContainer(ok);
    await expect(runtime.startContainer(missing)).rejects.toThrow(/executable file not found/);

    const byName = await eventually(async () => {
      const list = await runtime.listContainers({ sandboxId: sb });
      return list.every((c) => c.state === 'exited') ? new Map(list.map((c) => [c.name, c])) : undefined;
    });
    expect(byName.get('fails')).toMatchObject({ state: 'exited', exitCode: 3, reason: 'Error' });
    expect(byName.get('ok')).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    const cannot = byName.get('missing');
    expect(cannot).toMatchObject({ state: 'exited', exitCode: 127, reason: 'ContainerCannotRun' });
    expect(cannot?.message).toMatch(/executable file not found/);
    expect(cannot?.finishedAt?.getTime()).toBe(cannot?.createdAt.getTime());
    expect(await runtime.listContainers({ sandboxId: sb, all: false })).toEqual([]);
  });

  it('resolves a name conflict by replacing the stale container', async () => {
    const { id: sb, config: sbc } = await startSandbox();
    const cc = containerConfig(sbc, 'dup', { command: ['true'] });
    const first = await runtime.createContainer(sb, cc, sbc);
    const second = await runtime.createContainer(sb, cc, sbc);
    expect(second).not.toBe(first);
    expect(await runtime.containerStatus(first)).toBeUndefined();
    expect((await runtime.containerStatus(second))?.name).toBe('dup');

    // A name held by a container that is not ours is left alone: ours gets a random suffix.
    const foreignName = `k8s_squat_${sbc.pod.name}_default_${sbc.pod.uid}_0`;
    const squatter = await docker.createContainer({ name: foreignName, Image: BUSYBOX_IMAGE, Cmd: ['true'] });
    try {
      const mine = await runtime.createContainer(sb, containerConfig(sbc, 'squat', { command: ['true'] }), sbc);
      expect((await docker.getContainer(mine).inspect()).Name).toMatch(new RegExp(`^/${foreignName}_[0-9a-f]{8}$`));
      expect(await runtime.containerStatus(mine)).toMatchObject({ name: 'squat', attempt: 0 });
      expect((await squatter.inspect()).Id).toBe(squatter.id);
    } finally {
      await squatter.remove({ force: true });
    }
  });

  it('emits started and died events for its own containers only', async () => {
    const events: RuntimeEvent[] = [];
    const otherEvents: RuntimeEvent[] = [];
    const off = runtime.onEvent((e) => events.push(e));
    const offOther = other.onEvent((e) => otherEvents.push(e));
    try {
      await new Promise((r) => setTimeout(r, 200)); // let the event streams connect
      const { id: sb, config: sbc } = await startSandbox();
      const id = await runtime.createContainer(sb, containerConfig(sbc, 'blip', { command: ['sh', '-c', 'exit 2'] }), sbc);
      await runtime.startContainer(id);
      await eventually(async () => (events.some((e) => e.type === 'container-died' && e.containerId === id) ? true : undefined));
      expect(events).toContainEqual({ type: 'container-started', containerId: id, podUid: sbc.pod.uid });
      expect(events).toContainEqual({ type: 'container-started', containerId: sb, podUid: sbc.pod.uid });
      expect(otherEvents).toEqual([]);
    } finally {
      off();
      offOther();
    }
  });

  it('reports images and fails pulls with the daemon message', async () => {
    const info = await runtime.imageStatus(BUSYBOX_IMAGE);
    expect(info).toMatchObject({ repoTags: [BUSYBOX_IMAGE], repoDigests: [] });
    expect(info?.id).toMatch(/^sha256:/);
    expect(info?.sizeBytes).toBeGreaterThan(1_000_000);
    expect(await runtime.imageStatus('kubelite/nosuch:1.0')).toBeUndefined();
    expect((await runtime.listImages()).some((i) => i.repoTags.includes(PAUSE_IMAGE))).toBe(true);
    await expect(runtime.pullImage('127.0.0.1:1/nosuch:1.0')).rejects.toThrow(
      /^failed to pull image "127\.0\.0\.1:1\/nosuch:1\.0": .*connection refused/,
    );
  });
});
