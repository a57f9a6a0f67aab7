// /healthz, /livez, /readyz in kube-apiserver's format: `ok` when every check passes; with
// `?verbose` one `[+]name ok` / `[-]name failed` line per check; 500 when any fails. /readyz also
// checks the store, so a load balancer stops sending traffic to an apiserver that lost etcd.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiMetrics } from './metrics.js';

export type HealthCheck = { name: string; check: () => Promise<void> };

async function runChecks(req: FastifyRequest, reply: FastifyReply, kind: string, checks: readonly HealthCheck[]): Promise<FastifyReply> {
  const query = req.query as Record<string, string | undefined>;
  const lines: string[] = [];
  let failed = false;
  for (const c of checks) {
    try {
      await c.check();
      lines.push(`[+]${c.name} ok`);
    } catch (err) {
      failed = true;
      lines.push(`[-]${c.name} failed: reason withheld`);
      req.log.warn({ check: c.name, err: err instanceof Error ? err.message : String(err) }, `${kind} check failed`);
    }
  }
  const verbose = query.verbose !== undefined || failed;
  const body = verbose ? `${lines.join('\n')}\n${kind} check ${failed ? 'failed' : 'passed'}\n` : 'ok';
  return reply.code(failed ? 500 : 200).header('content-type', 'text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(body);
}

export function registerHealthRoutes(app: FastifyInstance, metrics: ApiMetrics, checks: { live: HealthCheck[]; ready: HealthCheck[] }): void {
  app.get('/healthz', (req, reply) => runChecks(req, reply, 'healthz', checks.ready));
  app.get('/livez', (req, reply) => runChecks(req, reply, 'livez', checks.live));
  app.get('/readyz', (req, reply) => runChecks(req, reply, 'readyz', checks.ready));
  app.get('/metrics', async (_req, reply) =>
    reply.code(200).header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
