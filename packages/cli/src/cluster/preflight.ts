// Checks before `cluster up` starts anything: no kubelet of this dir running, Docker answering,
// every port free, the component binaries resolvable. Each failure is one ClusterError line.
import { request } from 'node:http';
import { createServer } from 'node:net';
import { clusterError } from './errors.js';
import type { ClusterLayout } from './layout.js';
import { clusterProcesses, runningKubelet } from './processes.js';
import { LISTENING_PORTS, socketPath, type ClusterSettings } from './settings.js';
import { findInPath } from './workspace.js';

const PING_TIMEOUT_MS = 3_000;

/** GET /_ping on the Docker socket; resolves when Docker answers OK, else rejects with why. */
export function pingDocker(socket: string, timeoutMs = PING_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve();
      else reject(new Error(`GET /_ping answered ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000}s`)));
    req.on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code ?? e.message)));
    req.end();
  });
}

export async function checkDocker(endpoint: string): Promise<void> {
  const socket = socketPath(endpoint);
  try {
    await pingDocker(socket);
  } catch (e) {
    throw clusterError('DOCKER_UNREACHABLE', socket, e instanceof Error ? e.message : String(e));
  }
}

/**
 * Whether a port is free on every address: the wildcard bind conflicts with a listener on any
 * address, 127.0.0.1 included. Resolves 'in-use', 'free', or the unexpected error's text.
 */
export function probePort(port: number): Promise<'free' | 'in-use' | string> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE' ? 'in-use' : (e.code ?? e.message)));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve('free')));
  });
}

export async function checkPorts(settings: ClusterSettings): Promise<void> {
  for (const [key, owner] of LISTENING_PORTS) {
    const port = settings.ports[key];
    const state = await probePort(port);
    if (state === 'in-use') throw clusterError('PORT_IN_USE', port, owner);
    if (state !== 'free') throw clusterError('PORT_CHECK_FAILED', port, owner, state);
  }
}

export function checkNotRunning(layout: ClusterLayout): void {
  const pid = runningKubelet(layout.pidFile, layout.dataDir);
  if (pid !== undefined) throw clusterError('ALREADY_RUNNING', pid);
}

/** The commands the static pods run; the kubelet resolves them through the PATH it is given. */
export const COMPONENT_BINARIES = ['etcd-lite', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kube-proxy'] as const;

export function checkBinaries(pathEnv: string | undefined): void {
  for (const bin of COMPONENT_BINARIES) if (!findInPath(bin, pathEnv)) throw clusterError('BINARY_NOT_FOUND', bin);
}

/** In this order, so the most telling failure is the one reported (a running cluster holds the ports). */
export async function preflight(layout: ClusterLayout, settings: ClusterSettings, pathEnv: string | undefined): Promise<void> {
  checkNotRunning(layout);
  await checkDocker(settings.containerRuntimeEndpoint);
  // The kubelet died but its pods did not (kill -9, a crash): their ports are this cluster's own,
  // and the new kubelet adopts them instead of starting them again.
  if (clusterProcesses(layout.dataDir).length === 0) await checkPorts(settings);
  checkBinaries(pathEnv);
}
