// One nodePort socket (`<address>:<nodePort>/tcp`): each accepted connection is spliced to an
// endpoint its service port picks. No endpoint → the connection is reset at once (upstream's
// REJECT). A failed dial tries the next endpoint, with the userspace proxier's growing dial
// timeouts, a bounded number of times. Closing the socket leaves open connections running.
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Logger } from '@kubelite/client';
import { proxyError } from './errors.js';
import { endpointId, type BalancerEndpoint } from './load-balancer.js';
import type { ConnectionResult, ProxyMetrics } from './metrics.js';

export interface NodePortTarget {
  /** the service port (`namespace/name:port`), for logs and metrics */
  readonly id: string;
  pick(clientIp: string): BalancerEndpoint | undefined;
  /** a dial to the endpoint failed: the client's affinity should not keep it there */
  dialFailed(clientIp: string, endpoint: BalancerEndpoint): void;
}

/** Upstream userspace proxier's EndpointDialTimeouts: one attempt per entry. */
export const DIAL_TIMEOUTS_MS: readonly number[] = [250, 500, 1000, 2000];

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is the client 10.0.0.1. */
const clientIpOf = (s: Socket): string => (s.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');

function dial(endpoint: BalancerEndpoint, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: endpoint.host, port: endpoint.port, allowHalfOpen: true });
    const timer = setTimeout(() => s.destroy(new Error(`dial timeout after ${timeoutMs} ms`)), timeoutMs);
    const failed = (err: Error): void => {
      clearTimeout(timer);
      reject(err);
    };
    s.once('error', failed);
    s.once('connect', () => {
      clearTimeout(timer);
      s.removeListener('error', failed);
      resolve(s);
    });
  });
}

export class NodePortListener {
  private readonly server: Server;
  /** forwarded connections: client socket → endpoint socket */
  private readonly open = new Map<Socket, Socket>();
  private listening = false;
  /** drained: connections still being dialled are dropped instead of forwarded */
  private drained = false;

  constructor(
    readonly address: string,
    readonly port: number,
    private target: NodePortTarget,
    private readonly log: Logger,
    private readonly metrics: ProxyMetrics,
  ) {
    this.server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (s) => void this.accept(s));
    this.server.on('error', (err) => this.log.error({ err: err.message, address, port }, 'nodePort socket error'));
  }

  get targetId(): string {
    return this.target.id;
  }

  /** The nodePort now belongs to another service port (or the same one, updated). */
  retarget(target: NodePortTarget): void {
    this.target = target;
  }

  get connections(): number {
    return this.open.size;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (err: Error): void => reject(proxyError('LISTEN_FAILED', `nodePort for ${this.target.id}`, this.address, this.port, err.message));
      this.server.once('error', fail);
      this.server.listen({ host: this.address, port: this.port, exclusive: true }, () => {
        this.server.removeListener('error', fail);
        this.listening = true;
        this.metrics.listeners.inc();
        resolve();
      });
    });
  }

  /** Stops accepting; connections already forwarded carry on. */
  close(): void {
    if (!this.listening) return;
    this.listening = false;
    this.metrics.listeners.dec();
    this.server.close();
  }

  /** Waits (at most drainMs) for open connections to finish, then cuts the rest. */
  async drain(drainMs: number): Promise<void> {
    this.drained = true;
    const deadline = Date.now() + drainMs;
    while (this.open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const closed = [...this.open].map(([client, backend]) => {
      const done = once(client, 'close');
      client.destroy();
      backend.destroy();
      return done;
    });
    await Promise.all(closed);
  }

  private count(result: ConnectionResult): void {
    this.metrics.connections.inc({ service_port: this.target.id, result });
  }

  private async accept(client: Socket): Promise<void> {
    const clientIp = clientIpOf(client);
    let clientGone = false;
    client.on('error', () => undefined); // a reset from the client is not our error
    client.once('close', () => (clientGone = true));
    for (const timeoutMs of DIAL_TIMEOUTS_MS) {
      const target = this.target;
      const endpoint = target.pick(clientIp);
      if (!endpoint) {
        this.count('rejected');
        this.log.debug({ servicePort: target.id, client: clientIp }, 'no endpoints: connection rejected');
        client.resetAndDestroy();
        return;
      }
      try {
        const backend = await dial(endpoint, timeoutMs);
        if (clientGone || this.drained) {
          backend.destroy();
          client.destroy();
          return;
        }
        this.count('forwarded');
        this.splice(client, backend);
        return;
      } catch (err) {
        target.dialFailed(clientIp, endpoint);
        const e = proxyError('DIAL_FAILED', target.id, endpointId(endpoint), err instanceof Error ? err.message : String(err));
        this.log.warn({ servicePort: target.id, client: clientIp }, e.message);
        if (clientGone) return;
      }
    }
    this.count('dial_failed');
    client.resetAndDestroy();
  }

  private splice(client: Socket, backend: Socket): void {
    this.open.set(client, backend);
    this.metrics.activeConnections.inc();
    // A reset on one side is passed on as a reset; an orderly close (FIN) flows through the
    // pipes in each direction on its own, so a half-closed connection keeps working.
    backend.on('error', () => client.resetAndDestroy());
    client.on('error', () => backend.resetAndDestroy());
    client.once('close', () => {
      this.open.delete(client);
      this.metrics.activeConnections.dec();
    });
    client.pipe(backend);
    backend.pipe(client);
    client.resume();
  }
}
