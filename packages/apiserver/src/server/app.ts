// The HTTPS front of kube-apiserver on Fastify: the filter chain Kubernetes runs for every request
// (CORS → authentication → in-flight limit → authorization → handler), discovery, health and
// metrics, and a Status object for every error, whatever layer it comes from.
import type { TLSSocket } from 'node:tls';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Status } from '@kubelite/api';
import {
  authenticationRequestFrom,
  statusForAuthorization,
  type AuthenticatorChain,
  type Authorizer,
  type UserInfo,
} from '../auth/index.js';
import {
  badRequest,
  internalError,
  isApiError,
  pathNotFound,
  requestEntityTooLarge,
  tooManyRequests,
  unsupportedMediaType,
} from '../errors.js';
import type { RegistrySet } from '../registry/registry-set.js';
import { PROTOBUF } from './body.js';
import { corsHeaders, preflight } from './cors.js';
import { registerDiscoveryRoutes } from './discovery-routes.js';
import { dispatch } from './handlers/dispatch.js';
import { routeUpgrades, type KubeletClientConfig } from './handlers/kubelet-proxy/index.js';
import { registerHealthRoutes, type HealthCheck } from './health-routes.js';
import { registerOpenApiRoutes } from './openapi-routes.js';
import { InflightLimiter } from './inflight.js';
import type { ApiMetrics } from './metrics.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';
import { sendStatus } from './respond.js';

/** kube-apiserver's request body limit: 3 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export interface AppOptions {
  tls: { cert: string | Buffer; key: string | Buffer; clientCA?: string };
  authenticator: AuthenticatorChain;
  authorizer: Authorizer;
  registries: RegistrySet;
  metrics: ApiMetrics;
  checks: { live: HealthCheck[]; ready: HealthCheck[] };
  maxRequestsInflight: number;
  maxMutatingRequestsInflight: number;
  corsAllowedOrigins: readonly RegExp[];
  logger: FastifyBaseLogger;
  serverAddress: () => string;
  /** How the pod subresources served by kubelets reach them (--kubelet-* flags). */
  kubeletClient?: KubeletClientConfig;
}

interface KubeRequestState {
  info: RequestInfo;
  user?: UserInfo;
  started: bigint;
  release?: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    kube: KubeRequestState | null;
  }
}

function toStatus(err: unknown, log: FastifyBaseLogger): Status {
  if (isApiError(err)) return err.status;
  const fe = err as Partial<FastifyError>;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return requestEntityTooLarge(MAX_REQUEST_BODY_BYTES).status;
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return unsupportedMediaType('').status;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return badRequest(fe.message ?? 'bad request').status;
  }
  log.error({ err }, 'internal error');
  return internalError(err instanceof Error ? err.message : String(err)).status;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    https: {
      cert: opts.tls.cert,
      key: opts.tls.key,
      ...(opts.tls.clientCA ? { ca: opts.tls.clientCA, requestCert: true, rejectUnauthorized: false } : {}),
    },
    loggerInstance: opts.logger,
    // Per-request lines would drown the log; requests are counted in metrics instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_REQUEST_BODY_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  app.decorateRequest('kube', null);
  // Go's TLS server never renegotiates; Node's allows a client to. Refusing it also means a
  // connection's client certificate is fixed after the handshake (the authenticator caches on it).
  app.server.on('secureConnection', (socket: TLSSocket) => socket.disableRenegotiation());

  // Every body reaches the handlers undecoded: they decide per verb what a body may be, so a
  // malformed one is a Kubernetes 400/415 rather than Fastify's own error shape.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(PROTOBUF, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const limiter = new InflightLimiter(opts.maxRequestsInflight, opts.maxMutatingRequestsInflight, opts.metrics);

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const info = parseRequestInfo(req.method, path, req.query as Record<string, string | string[] | undefined>);
    req.kube = { info, started: process.hrtime.bigint() };
    const origin = req.headers.origin;
    if (origin && opts.corsAllowedOrigins.length > 0) {
      const headers = corsHeaders(origin, opts.corsAllowedOrigins);
      if (headers) reply.headers(headers);
      if (req.method === 'OPTIONS') return reply.code(headers ? 204 : 403).headers(preflight()).send();
    }
    const outcome = await opts.authenticator.authenticate(authenticationRequestFrom(req.raw));
    if (!outcome.ok) {
      req.log.info({ reasons: outcome.reasons, path }, 'unauthenticated request');
      return sendStatus(reply, outcome.status);
    }
    req.kube.user = outcome.user;
    const release = limiter.acquire(req.method, info);
    if (release === false) {
      reply.header('retry-after', '1');
      return sendStatus(reply, tooManyRequests('Too many requests, please try again later.', 1).status);
    }
    if (release) req.kube.release = release;
    const attrs = {
      user: outcome.user,
      verb: info.verb,
      namespace: info.namespace,
      apiGroup: info.apiGroup,
      apiVersion: info.apiVersion,
      resource: info.resource,
      subresource: info.subresource,
      name: info.name,
      path,
      resourceRequest: info.isResourceRequest,
    };
    const denied = statusForAuthorization(attrs, await opts.authorizer.authorize(attrs));
    if (denied) return sendStatus(reply, denied);
    return undefined;
  });

  app.addHook('onResponse', async (req, reply) => observe(req, reply.statusCode, opts.metrics));

  app.setErrorHandler((err, req, reply) => sendStatus(reply, toStatus(err, req.log)));
  app.setNotFoundHandler((_req, reply) => sendStatus(reply, pathNotFound().status));

  // exec, attach and port-forward arrive as upgrades: they take the same path as every request.
  routeUpgrades(app);
  registerDiscoveryRoutes(app, opts.serverAddress);
  registerOpenApiRoutes(app);
  registerHealthRoutes(app, opts.metrics, opts.checks);

  const env = {
    registries: opts.registries,
    kubeletClient: opts.kubeletClient,
    watchObserver: {
      opened: (reg: { resource: { group: string; version: string; kind: string } }) => opts.metrics.watchers.inc(gvkLabels(reg.resource)),
      closed: (reg: { resource: { group: string; version: string; kind: string } }) => opts.metrics.watchers.dec(gvkLabels(reg.resource)),
    },
  };
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const kube = req.kube;
    if (!kube?.user || !kube.info.isResourceRequest) throw pathNotFound();
    try {
      return await dispatch(req, reply, kube.info, kube.user, env);
    } finally {
      // A watch is long-running: it holds no in-flight slot once streaming (released here too).
      kube.release?.();
      delete kube.release;
      if (reply.sent && kube.info.verb === 'watch') observe(req, 200, opts.metrics);
    }
  };
  for (const url of ['/api/*', '/apis/*']) app.all(url, handler);
  return app;
}

const gvkLabels = (r: { group: string; version: string; kind: string }): { group: string; version: string; kind: string } => ({
  group: r.group,
  version: r.version,
  kind: r.kind,
});

function observe(req: FastifyRequest, code: number, metrics: ApiMetrics): void {
  const kube = req.kube;
  if (!kube) return;
  kube.release?.();
  delete kube.release;
  const i = kube.info;
  const labels = {
    verb: i.isResourceRequest ? i.verb.toUpperCase() : req.method,
    group: i.apiGroup,
    version: i.apiVersion,
    resource: i.resource,
    subresource: i.subresource,
    scope: !i.isResourceRequest ? '' : i.name !== '' ? 'resource' : i.namespace !== '' ? 'namespace' : 'cluster',
    component: 'apiserver',
  };
  metrics.requests.inc({ ...labels, code: String(code) });
  metrics.latency.observe(labels, Number(process.hrtime.bigint() - kube.started) / 1e9);
}

