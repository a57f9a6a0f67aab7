// GET /openapi/v3 (the index kubectl reads first) and /openapi/v3/<api|apis>/<group-version>
// (the per group-version documents it validates, explains and computes patches with).
// /openapi/v2 stays unserved: kubectl would need it as gnostic protobuf, and v3 is enough.
import type { FastifyInstance } from 'fastify';
import { pathNotFound } from '../errors.js';
import { OpenApiDocuments } from '../openapi/documents.js';

// What kube-apiserver answers: a hashed URL never changes, so it may be cached for a year.
const IMMUTABLE = 'public, immutable, max-age=31536000';

export function registerOpenApiRoutes(app: FastifyInstance, docs = new OpenApiDocuments()): void {
  app.get('/openapi/v3', async (_req, reply) => reply.code(200).header('content-type', 'application/json').send(docs.rootIndex()));
  app.get('/openapi/v3/*', async (req, reply) => {
    const gv = (req.params as { '*': string })['*'].replace(/\/+$/, '');
    const doc = docs.document(gv);
    if (!doc) throw pathNotFound();
    const asked = (req.query as { hash?: string }).hash;
    reply.header('etag', `"${doc.hash}"`);
    reply.header('cache-control', asked === doc.hash ? IMMUTABLE : 'no-cache, private');
    if (req.headers['if-none-match'] === `"${doc.hash}"`) return reply.code(304).send();
    return reply.code(200).header('content-type', 'application/json').send(doc.body);
  });
}
