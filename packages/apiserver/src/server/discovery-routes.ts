// Discovery and version: `/version` (its `minor` decides which kubectl the dispatcher runs), the
// aggregated `/api` and `/apis` documents with their exact Content-Type, and the legacy
// documents `kubectl drain` and older clients read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  aggregatedContentType,
  buildAggregatedCoreDiscovery,
  buildAggregatedGroupsDiscovery,
  buildAPIGroup,
  buildAPIGroupList,
  buildAPIResourceList,
  buildAPIVersions,
  buildVersionInfo,
  goPlatform,
  negotiateDiscovery,
} from '@kubelite/api';
import { notAcceptable, pathNotFound } from '../errors.js';
import { sendValue } from './respond.js';

function aggregatedOr(req: FastifyRequest, reply: FastifyReply, aggregated: (f: 'v2' | 'v2beta1') => unknown, legacy: () => unknown): FastifyReply {
  const format = negotiateDiscovery(req.headers.accept);
  if (!format) throw notAcceptable('only the following media types are accepted: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList, application/json');
  if (format === 'legacy') return sendValue(reply, 200, legacy());
  // Set explicitly: kubectl reads an aggregated body under plain application/json as legacy.
  return reply.code(200).header('content-type', aggregatedContentType(format)).send(JSON.stringify(aggregated(format)));
}

/**
 * Discovery documents are fixed for the process: each is built once, on first request. Only
 * served documents are kept, so requests for made-up groups cannot grow the cache.
 */
function memo<K, V>(build: (k: K) => V | undefined): (k: K) => V | undefined {
  const cache = new Map<K, V>();
  return (k) => {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const built = build(k);
    if (built !== undefined) cache.set(k, built);
    return built;
  };
}

export function registerDiscoveryRoutes(app: FastifyInstance, serverAddress: () => string): void {
  const core = memo((f: 'v2' | 'v2beta1') => buildAggregatedCoreDiscovery(f));
  const groups = memo((f: 'v2' | 'v2beta1') => buildAggregatedGroupsDiscovery(f));
  const groupList = memo(() => buildAPIGroupList());
  const group = memo((name: string) => buildAPIGroup(name));
  const resourceList = memo((gv: string) => {
    const [g = '', v = ''] = gv.split('/');
    return buildAPIResourceList(g, v);
  });
  const version = buildVersionInfo({ platform: goPlatform(process.platform, process.arch), goVersion: `node ${process.version}` });
  app.get('/version', async (_req, reply) => sendValue(reply, 200, version));
  app.get('/api', async (req, reply) =>
    aggregatedOr(req, reply, core, () => buildAPIVersions(serverAddress())),
  );
  app.get('/apis', async (req, reply) =>
    aggregatedOr(req, reply, groups, () => groupList(undefined)),
  );
  app.get('/api/:version', async (req, reply) => {
    const doc = resourceList(`/${(req.params as { version: string }).version}`);
    if (!doc) throw pathNotFound();
    return sendValue(reply, 200, doc);
  });
  app.get('/apis/:group', async (req, reply) => {
    const doc = group((req.params as { group: string }).group);
    if (!doc) throw pathNotFound();
    return sendValue(reply, 200, doc);
  });
  app.get('/apis/:group/:version', async (req, reply) => {
    const p = req.params as { group: string; version: string };
    const doc = resourceList(`${p.group}/${p.version}`);
    if (!doc) throw pathNotFound();
    return sendValue(reply, 200, doc);
  });
}
