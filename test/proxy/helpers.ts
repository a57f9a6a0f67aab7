// What the kube-proxy tests share: backends that greet with their name and then echo, a client
// that reads the greeting (or sees the connection refused/reset), free nodePorts, and the
// Service/EndpointSlice objects the tests write straight through the API.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { promisify } from 'node:util';
import type { EndpointSlice, Service } from '@kubelite/api';
import { BUSYBOX_IMAGE } from '../support/docker.js';
import { until } from '../support/until.js';

const docker = promisify(execFile);
const BACKEND_PORT = 8080;

export interface Backend {
  name: string;
  host: string;
  port: number;
}

/**
 * The label on every backend container of one test file, so afterAll removes them all even when
 * a test failed half-way.
 */
export function backendLabel(): string {
  return `io.kubelite.test.proxy-backend=${randomUUID()}`;
}

/**
 * A busybox container that writes `<name>\n` on each connection, then echoes until the client
 * closes. EndpointSlice validation (as upstream) refuses loopback addresses, so the backends are
 * our own containers on Docker's bridge: a non-loopback address that is still on this machine.
 * The suite builds the test images first (ensureTestImages).
 */
export async function startBackend(name: string, label: string): Promise<Backend> {
  const run = ['run', '-d', '--label', label, BUSYBOX_IMAGE, 'nc', '-ll', '-p', String(BACKEND_PORT), '-e', 'sh', '-c', `echo ${name}; exec cat`];
  const id = (await docker('docker', run, { timeout: 30_000 })).stdout.trim();
  const host = (await docker('docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', id], { timeout: 30_000 })).stdout.trim();
  if (host === '') {
    await docker('docker', ['rm', '-f', id], { timeout: 30_000 }).catch(() => undefined);
    throw new Error(`backend ${name}: container ${id.slice(0, 12)} has no IP on Docker's bridge network`);
  }
  await until(`backend ${name} at ${host}:${BACKEND_PORT} to greet`, async () => {
    const h = await hit(BACKEND_PORT, host, 1000);
    return 'reply' in h && h.reply === name;
  }, 10_000, 50);
  return { name, host, port: BACKEND_PORT };
}

export type Hit = { reply: string } | { error: string };

/** Connects, reads the first line, closes. Errors (refused, reset, closed early) come back as codes. */
export function hit(port: number, host = '127.0.0.1', timeoutMs = 3000): Promise<Hit> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    let buf = '';
    const done = (h: Hit): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(h);
    };
    const timer = setTimeout(() => done({ error: 'TIMEOUT' }), timeoutMs);
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) done({ reply: buf.slice(0, nl) });
    });
    s.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
    s.on('end', () => done({ error: 'CLOSED' }));
  });
}

/** n sequential hits' replies (an error shows as `!CODE`). */
export async function replies(port: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = await hit(port);
    out.push('reply' in h ? h.reply : `!${h.error}`);
  }
  return out;
}

/** A free port in the default nodePort range (30000-32767), probed on 127.0.0.1. */
export async function freeNodePort(taken: Set<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port in 30000-32767');
}

export function nodePortService(name: string, nodePort: number, extra: Partial<NonNullable<Service['spec']>> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    // No selector: the tests own the EndpointSlices, as for a Service fronting external servers.
    spec: { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'web', nodePort }], ...extra },
  };
}

/** One slice per backend, so a test can flip one backend's readiness or drop its slice alone. */
export function sliceFor(service: string, b: Backend, ready = true, portName = 'http'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-${b.name}`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [b.host], conditions: { ready } }],
    ports: [{ name: portName, port: b.port, protocol: 'TCP' }],
  };
}

export const tally = (xs: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};
