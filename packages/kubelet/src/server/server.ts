// The kubelet's HTTPS API on --port (10250): the API server proxies `kubectl logs/exec/attach`
// here. With --client-ca-file every request but /healthz must present a certificate that CA
// signed (the API server's --kubelet-client-certificate); errors are plain text, as upstream's.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { Counter, Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { isServerError, serverError, type KubeletServerError } from './errors.js';
import { negotiateProtocol } from './channel.js';
import { handleRequest, type HandlerContext } from './handlers.js';
import { PortForwardError, PortForwardServer } from './portforward/index.js';
import { matchRoute, type Route } from './routes.js';
import { prepareStream, upgradeToStream } from './stream-handler.js';
import type { KubeletServer, KubeletServerOptions } from './types.js';

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 501: 'Not Implemented' };

function requestCounter(registry: Registry): Counter<'method' | 'path' | 'server_type' | 'long_running'> {
  const name = 'kubelet_http_requests_total';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'method' | 'path' | 'server_type' | 'long_running'>;
  return new Counter({ name, help: 'Number of the http requests received since the server started', labelNames: ['method', 'path', 'server_type', 'long_running'], registers: [registry] });
}

function toServerError(err: unknown): KubeletServerError | PortForwardError | undefined {
  return isServerError(err) || err instanceof PortForwardError ? err : undefined;
}

function authorized(req: IncomingMessage, opts: KubeletServerOptions, route: Route | undefined): boolean {
  if (!opts.clientCaPem || route?.kind === 'healthz') return true;
  return (req.socket as TLSSocket).authorized === true;
}

function writeError(res: ServerResponse, code: number, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(message);
}

/** An HTTP answer written straight onto a socket that asked to upgrade and will not be. */
function rejectUpgrade(socket: Duplex, code: number, message: string): void {
  const body = Buffer.from(message);
  const head = `HTTP/1.1 ${code} ${STATUS_TEXT[code] ?? 'Error'}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`;
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(head), body]));
  else socket.destroy();
}

const LONG_RUNNING = new Set(['containerLogs', 'exec', 'attach', 'portForward']);

export async function startKubeletServer(opts: KubeletServerOptions): Promise<KubeletServer> {
  const log = opts.logger;
  const registry = opts.metricsRegistry ?? new Registry();
  const requests = requestCounter(registry);
  const ctx: HandlerContext = { pods: opts.pods, log, registry, healthChecks: opts.healthChecks ?? [] };
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => negotiateProtocol([...offered])?.protocol ?? false });
  const upgraded = new Set<Duplex>();
  const portForward = new PortForwardServer(opts.pods, log);
  const tls = opts.clientCaPem ? { ca: opts.clientCaPem, requestCert: true, rejectUnauthorized: false } : {};
  const server: Server = createServer({ cert: opts.tls.cert, key: opts.tls.key, ...tls });

  const count = (req: IncomingMessage, route: Route | undefined): void => {
    const kind = route?.kind ?? '';
    requests.inc({ method: req.method ?? '', path: kind, server_type: 'readwrite', long_running: String(LONG_RUNNING.has(kind)) });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://kubelet');
    let route: Route | undefined;
    const run = async (): Promise<void> => {
      route = matchRoute(url.pathname);
      if (!authorized(req, opts, route)) throw serverError('UNAUTHORIZED');
      if (!route) throw serverError('NOT_FOUND');
      await handleRequest(ctx, route, url, req, res);
    };
    run()
      .catch((err: unknown) => {
        const known = toServerError(err);
        if (!known) log.error({ err, path: url.pathname }, 'kubelet API request failed');
        writeError(res, known?.code ?? 500, known?.message ?? (err instanceof Error ? err.message : String(err)));
      })
      .finally(() => count(req, route));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://kubelet');
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    socket.on('error', (err) => log.debug({ err }, 'upgraded socket error'));
    let route: Route | undefined;
    const run = async (): Promise<void> => {
      route = matchRoute(url.pathname);
      if (!authorized(req, opts, route)) throw serverError('UNAUTHORIZED');
      if (!route) throw serverError('NOT_FOUND');
      if (route.kind === 'portForward') return portForward.upgrade(req, socket, head, route);
      if (route.kind !== 'exec' && route.kind !== 'attach') throw serverError('UPGRADE_REQUIRED');
      const prepared = await prepareStream(opts.pods, route, url.searchParams);
      upgradeToStream(wss, req, socket, head, prepared, log);
    };
    run()
      .catch((err: unknown) => {
        const known = toServerError(err);
        if (!known) log.error({ err, path: url.pathname }, 'kubelet API upgrade failed');
        rejectUpgrade(socket, known?.code ?? 500, known?.message ?? (err instanceof Error ? err.message : String(err)));
      })
      .finally(() => count(req, route));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.address ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ address: opts.address ?? '0.0.0.0', port }, 'kubelet API serving');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        portForward.close();
        for (const s of upgraded) s.destroy();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
