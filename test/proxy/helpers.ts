// What the kube-proxy tests share: backend TCP servers that greet with their name and then echo,
// a client that reads the greeting (or sees the connection refused/reset), free nodePorts, and
// the Service/EndpointSlice objects the tests write straight through the API.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { EndpointSlice, Service } from '@kubelite/api';

/**
 * EndpointSlice validation (as upstream) refuses loopback addresses, so backends listen on one of
 * this machine's own non-loopback IPv4 addresses: still local, never another host.
 */
export function localEndpointIp(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('kube-proxy tests need a non-loopback local IPv4 address for endpoints (EndpointSlices may not hold 127.0.0.0/8)');
}

export interface Backend {
  name: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** A server that writes `<name>\n` on connect, then echoes until the client closes. */
export async function startBackend(name: string, host: string): Promise<Backend> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.write(`${name}\n`);
    s.pipe(s);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('backend has no port');
  return {
    name,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
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

/** One slice per backend (each listens on its own port; a slice's ports apply to all its endpoints). */
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
