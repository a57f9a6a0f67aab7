// The secure port every control-plane component serves besides its work (kube-scheduler 10259,
// kube-controller-manager 10257): /healthz, /livez, /readyz and /metrics over HTTPS with a
// self-signed certificate when none is given, as the real components do.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry as PromRegistry, collectDefaultMetrics } from 'prom-client';
import { createCa, issueServingCert } from '../pki/certificates.js';
import type { Logger } from '../logger.js';

export interface HealthCheck {
  name: string;
  /** Resolves when healthy; throws (with a reason for the log) when not. */
  check(): Promise<void>;
}

export interface ComponentServerOptions {
  bindAddress: string;
  /** 0 picks a free port. */
  securePort: number;
  /** Checks for /healthz and /readyz; /livez only checks that the process answers. */
  checks?: readonly HealthCheck[];
  /** The component's metrics; default metrics (process, event loop) are added to it. */
  registry?: PromRegistry;
  tls?: { cert: string; key: string };
  logger?: Logger;
}

export interface ComponentServer {
  port: number;
  registry: PromRegistry;
  close(): Promise<void>;
}

async function selfSigned(): Promise<{ cert: string; key: string }> {
  const ca = await createCa({ commonName: `kubelite-component-ca@${Math.floor(Date.now() / 1000)}` });
  const pair = await issueServingCert(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  return { cert: `${pair.cert}${ca.cert}`, key: pair.key };
}

/**
 * Runs health checks and renders kube-apiserver's answer: `ok` when all pass; one `[+]name ok` /
 * `[-]name failed` line per check with `?verbose` or on failure (reasons go to the log only).
 */
export async function runHealthChecks(
  name: string,
  checks: readonly HealthCheck[],
  verbose: boolean,
  log?: Pick<Logger, 'warn'>,
): Promise<{ code: number; body: string }> {
  const lines: string[] = [];
  let failed = false;
  for (const c of checks) {
    try {
      await c.check();
      lines.push(`[+]${c.name} ok`);
    } catch (err) {
      failed = true;
      lines.push(`[-]${c.name} failed: reason withheld`);
      log?.warn({ check: c.name, err: err instanceof Error ? err.message : String(err) }, `${name} check failed`);
    }
  }
  const body = verbose || failed ? `${lines.join('\n')}\n${name} check ${failed ? 'failed' : 'passed'}\n` : 'ok';
  return { code: failed ? 500 : 200, body };
}

/** The content type health answers carry, as upstream's. */
export const HEALTH_HEADERS = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } as const;

async function health(res: ServerResponse, name: string, checks: readonly HealthCheck[], verbose: boolean, log?: Logger): Promise<void> {
  const { code, body } = await runHealthChecks(name, checks, verbose, log);
  res.writeHead(code, HEALTH_HEADERS).end(body);
}

export async function startComponentServer(opts: ComponentServerOptions): Promise<ComponentServer> {
  const registry = opts.registry ?? new PromRegistry();
  collectDefaultMetrics({ register: registry });
  const checks = opts.checks ?? [];
  const ping: HealthCheck = { name: 'ping', check: async () => undefined };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const verbose = url.searchParams.has('verbose');
    const done = (p: Promise<void>): void => {
      p.catch((err: unknown) => {
        opts.logger?.error({ err }, 'component server error');
        if (!res.headersSent) res.writeHead(500).end();
      });
    };
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    switch (url.pathname) {
      case '/healthz':
      case '/readyz':
        return done(health(res, url.pathname.slice(1), [ping, ...checks], verbose, opts.logger));
      case '/livez':
        return done(health(res, 'livez', [ping], verbose, opts.logger));
      case '/metrics':
        return done(registry.metrics().then((text) => void res.writeHead(200, { 'content-type': registry.contentType }).end(text)));
      default:
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    }
  };
  const server: Server = createServer(opts.tls ?? (await selfSigned()), handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.securePort, opts.bindAddress, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    registry,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
