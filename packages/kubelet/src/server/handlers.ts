// The plain (non-upgrade) requests: health, metrics, the pod lists, container logs, and the
// answer for an exec/attach/portForward that did not ask to upgrade.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { HEALTH_HEADERS, runHealthChecks, type HealthCheck, type Logger } from '@kubelite/client';
import { serverError } from './errors.js';
import { parseLogRequest } from './log-options.js';
import { streamLogs } from './log-stream.js';
import { resolveLogTarget } from './log-target.js';
import type { Route } from './routes.js';
import { prepareStream } from './stream-handler.js';
import type { KubeletPodProvider } from './types.js';

export interface HandlerContext {
  pods: KubeletPodProvider;
  log: Logger;
  registry: Registry;
  healthChecks: readonly HealthCheck[];
}

const PING: HealthCheck = { name: 'ping', check: async () => undefined };

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

const podList = (items: unknown[]): unknown => ({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items });

/** Upstream's /runningpods/: what the runtime has running, as bare pods (no spec beyond names and images). */
async function runningPods(ctx: HandlerContext): Promise<unknown> {
  const items: unknown[] = [];
  for (const pod of ctx.pods.listPods()) {
    const running = (await ctx.pods.containers(pod)).filter((c) => c.state === 'running');
    if (running.length === 0) continue;
    const { name, namespace, uid } = pod.metadata;
    items.push({ metadata: { name, namespace, uid, creationTimestamp: null }, spec: { containers: running.map((c) => ({ name: c.name, image: c.image, resources: {} })) }, status: {} });
  }
  return podList(items);
}

function requireMethod(req: IncomingMessage, allowed: readonly string[]): void {
  if (!allowed.includes(req.method ?? 'GET')) throw serverError('METHOD_NOT_ALLOWED');
}

export async function handleRequest(ctx: HandlerContext, route: Route, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (route.kind) {
    case 'healthz': {
      const { code, body } = await runHealthChecks('healthz', [PING, ...ctx.healthChecks], url.searchParams.has('verbose'), ctx.log);
      res.writeHead(code, HEALTH_HEADERS).end(body);
      return;
    }
    case 'metrics':
      requireMethod(req, ['GET']);
      res.writeHead(200, { 'content-type': ctx.registry.contentType }).end(await ctx.registry.metrics());
      return;
    case 'pods':
      requireMethod(req, ['GET']);
      return sendJson(res, podList(ctx.pods.listPods()));
    case 'runningpods':
      requireMethod(req, ['GET']);
      return sendJson(res, await runningPods(ctx));
    case 'containerLogs': {
      requireMethod(req, ['GET']);
      const options = parseLogRequest(url.searchParams);
      const target = await resolveLogTarget(ctx.pods, route.namespace, route.pod, route.container, options.previous);
      return streamLogs(res, target, options, ctx.log);
    }
    case 'exec':
    case 'attach':
      requireMethod(req, ['GET', 'POST']);
      // Same checks as the upgrade path, so the reason a request cannot work comes first.
      await prepareStream(ctx.pods, route, url.searchParams);
      throw serverError('UPGRADE_REQUIRED');
    case 'portForward':
      requireMethod(req, ['GET', 'POST']);
      if (!ctx.pods.getPod(route.namespace, route.pod, route.uid)) throw serverError('STREAM_POD_NOT_FOUND');
      throw serverError('UPGRADE_REQUIRED');
  }
}
