// What users see when `klctl cluster up/down/status` cannot do its job: one line on stderr, exit
// 1, and nothing started or written. Docker is replaced by a socket answering /_ping, and the
// "kubelet" of the pid-file cases by plain processes carrying the cluster marker, so no cluster
// (and no Docker) is needed here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_DIR_ENV, DEFAULT_PORTS, clusterProcesses } from '@kubelite/cli';
import { fakeDockerSocket, freePortOffset, klctl, klctlEnv, tempDir } from './harness.js';

let root: string;
let docker: Awaited<ReturnType<typeof fakeDockerSocket>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = tempDir('klctl-preflight-');
  docker = await fakeDockerSocket(root);
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

afterAll(async () => {
  await docker.close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
const dataDir = (): string => join(root, `c${++n}`);

/** A long-running process that looks like part of the cluster in `dir` (it carries the marker). */
function clusterLike(dir: string, script = 'setInterval(() => {}, 1000)'): ChildProcess {
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, [CLUSTER_DIR_ENV]: dir }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('klctl cluster up preflight', () => {
  it('refuses a port in use with one line, exit 1, and starts nothing', async () => {
    const offset = await freePortOffset();
    const apiPort = DEFAULT_PORTS.apiserver + offset;
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(apiPort, '127.0.0.1', ok));
    const dir = dataDir();
    try {
      const r = await klctl(['cluster', 'up', '--detach', '--data-dir', dir, '--port-offset', String(offset), '--node-name', 'pf', '--container-runtime-endpoint', docker.endpoint]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual([
        `error: port ${apiPort} (kube-apiserver) is already in use — stop what listens there or pick other ports (--port-offset, --apiserver-port, --etcd-port)`,
      ]);
    } finally {
      await new Promise((ok) => blocker.close(ok));
    }
    expect(existsSync(dir)).toBe(false);
    expect(clusterProcesses(dir)).toEqual([]);
  });

  it('names each port by its owner (an explicit --etcd-port)', async () => {
    const offset = await freePortOffset();
    const etcdMetrics = DEFAULT_PORTS.etcd + offset + 2;
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(etcdMetrics, '127.0.0.1', ok));
    try {
      const r = await klctl(['cluster', 'up', '--data-dir', dataDir(), '--port-offset', String(offset), '--etcd-port', String(DEFAULT_PORTS.etcd + offset), '--node-name', 'pf', '--container-runtime-endpoint', docker.endpoint]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error: port ${etcdMetrics} (etcd metrics) is already in use`);
    } finally {
      await new Promise((ok) => blocker.close(ok));
    }
  });

  it('says Docker is not reachable, for a flag or $DOCKER_HOST pointing nowhere', async () => {
    const dir = dataDir();
    const missing = join(root, 'nope', 'docker.sock');
    const r = await klctl(['cluster', 'up', '--data-dir', dir, '--node-name', 'pf', '--container-runtime-endpoint', `unix://${missing}`]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`error: Docker is not reachable at ${missing} — start it (dockerd) or pass --container-runtime-endpoint (ENOENT)`]);
    expect(existsSync(dir)).toBe(false);

    const viaEnv = await klctl(['cluster', 'up', '--data-dir', dir, '--node-name', 'pf'], { env: { ...klctlEnv(), DOCKER_HOST: `unix://${missing}` } });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stderr).toContain(`error: Docker is not reachable at ${missing}`);
  });

  it('refuses to start a second kubelet for the same dir', async () => {
    const dir = dataDir();
    mkdirSync(dir);
    const kubelet = clusterLike(dir);
    writeFileSync(join(dir, 'kubelet.pid'), `${kubelet.pid}\n`);
    await until(() => clusterProcesses(dir).includes(kubelet.pid!));
    const r = await klctl(['cluster', 'up', '--data-dir', dir, '--node-name', 'pf', '--container-runtime-endpoint', docker.endpoint]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`error: cluster already running (pid ${kubelet.pid}); run: klctl cluster down`]);
    expect(kubelet.exitCode).toBeNull();
  });

  it('rejects bad flags with one line', async () => {
    const badName = await klctl(['cluster', 'up', '--data-dir', dataDir(), '--node-name', 'Bad_Name', '--container-runtime-endpoint', docker.endpoint]);
    expect(badName.code).toBe(1);
    expect(lines(badName.stderr)).toEqual([`error: node name "Bad_Name" is not a valid DNS subdomain (lowercase letters, digits, '-', '.'); pass --node-name`]);
    const badPort = await klctl(['cluster', 'up', '--apiserver-port', '70000']);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('--apiserver-port: "70000" is not a port number (1-65535)');
  });
});

describe('klctl cluster down and status', () => {
  it('down with no cluster: one line, exit 1; exit 0 with --ignore-not-found', async () => {
    const dir = dataDir();
    const r = await klctl(['cluster', 'down', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`error: no cluster is running in ${dir}`]);
    const ignored = await klctl(['cluster', 'down', '--data-dir', dir, '--ignore-not-found']);
    expect(ignored.code).toBe(0);
    expect(lines(ignored.stdout)).toEqual([`no cluster is running in ${dir}`]);
    const status = await klctl(['cluster', 'status', '--data-dir', dir]);
    expect(status.code).toBe(1);
    expect(lines(status.stderr)).toEqual([`error: no cluster is running in ${dir}`]);
  });

  it('down removes a stale pid file whose process is gone', async () => {
    const dir = dataDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'kubelet.pid'), '999999\n');
    const r = await klctl(['cluster', 'down', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'kubelet.pid'))).toBe(false);
  });

  it('down SIGTERMs the kubelet and SIGKILLs it after --timeout, then stops what it left', async () => {
    const dir = dataDir();
    mkdirSync(dir);
    const stubborn = clusterLike(dir, "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)");
    const leftover = clusterLike(dir);
    writeFileSync(join(dir, 'kubelet.pid'), `${stubborn.pid}\n`);
    await until(() => clusterProcesses(dir).length === 2);
    const r = await klctl(['cluster', 'down', '--data-dir', dir, '--timeout', '1s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`! the kubelet did not stop within 1s; killed it (SIGKILL)`);
    expect(r.stdout).toContain(`! stopped 1 leftover process(es) of this cluster (pids ${leftover.pid})`);
    expect(r.stdout).toContain(`✓ cluster stopped (kubelet killed); data kept in ${dir}`);
    await until(() => stubborn.signalCode === 'SIGKILL' && leftover.signalCode === 'SIGTERM');
    expect(clusterProcesses(dir)).toEqual([]);
    expect(existsSync(join(dir, 'kubelet.pid'))).toBe(false);
  });
});
