// kube-proxy's two plain-HTTP ports, as upstream: the health port (10256: /healthz, /livez,
// JSON answers a load balancer's health check can read) and the metrics port (10249: /metrics
// for Prometheus, plus /healthz).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '@kubelite/client';
import { proxyError } from './errors.js';
import type { HealthAnswer, ProxierHealth } from './health.js';
import type { HostPort } from './options.js';

export interface StatusServer {
  port: number;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const notFound: Route = (_req, res) => void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');

function json(res: ServerResponse, a: HealthAnswer): void {
  res.writeHead(a.code, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' }).end(a.body);
}

async function serve(what: string, at: HostPort, routes: Record<string, Route>, log: Logger): Promise<StatusServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    Promise.resolve((routes[path] ?? notFound)(req, res)).catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err), path }, `${what} server error`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => reject(proxyError('LISTEN_FAILED', what, at.host, at.port, err.message));
    server.once('error', fail);
    server.listen(at.port, at.host, () => {
      server.removeListener('error', fail);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ address: `${at.host}:${port}` }, `serving ${what}`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function startHealthServer(at: HostPort, health: ProxierHealth, log: Logger): Promise<StatusServer> {
  return serve('healthz', at, { '/healthz': (_q, r) => json(r, health.healthz()), '/livez': (_q, r) => json(r, health.livez()) }, log);
}

export function startMetricsServer(at: HostPort, registry: Registry, log: Logger): Promise<StatusServer> {
  return serve(
    'metrics',
    at,
    {
      '/metrics': async (_q, r) => {
        const text = await registry.metrics();
        r.writeHead(200, { 'content-type': registry.contentType }).end(text);
      },
      '/healthz': (_q, r) => void r.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok'),
    },
    log,
  );
}
