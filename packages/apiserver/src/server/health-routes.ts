// /healthz, /livez, /readyz in kube-apiserver's format: `ok` when every check passes; with
// `?verbose` one `[+]name ok` / `[-]name failed` line per check; 500 when any fails. /readyz also
// checks the store, so a load balancer stops sending traffic to an apiserver that lost etcd.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HEALTH_HEADERS, runHealthChecks, type HealthCheck } from '@kubelite/client';
import type { ApiMetrics } from './metrics.js';

export type { HealthCheck };

async function runChecks(req: FastifyRequest, reply: FastifyReply, kind: string, checks: readonly HealthCheck[]): Promise<FastifyReply> {
  const verbose = (req.query as Record<string, string | undefined>).verbose !== undefined;
  const { code, body } = await runHealthChecks(kind, checks, verbose, req.log);
  return reply.code(code).headers(HEALTH_HEADERS).send(body);
}

export function registerHealthRoutes(app: FastifyInstance, metrics: ApiMetrics, checks: { live: HealthCheck[]; ready: HealthCheck[] }): void {
  app.get('/healthz', (req, reply) => runChecks(req, reply, 'healthz', checks.ready));
  app.get('/livez', (req, reply) => runChecks(req, reply, 'livez', checks.live));
  app.get('/readyz', (req, reply) => runChecks(req, reply, 'readyz', checks.ready));
  app.get('/metrics', async (_req, reply) =>
    reply.code(200).header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
