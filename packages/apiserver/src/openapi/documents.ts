// The /openapi/v3 documents as served: built once per process from @kubelite/api's definitions,
// serialized once, and addressed by a content hash so clients may cache them.
import { createHash } from 'node:crypto';
import { buildOpenApiDocument, KUBELITE_GIT_VERSION, openApiGroupVersions } from '@kubelite/api';

export interface ServedDocument {
  body: string;
  /** Upper-case hex SHA-512 of `body`, as kube-apiserver puts in `serverRelativeURL`. */
  hash: string;
}

export class OpenApiDocuments {
  private readonly docs = new Map<string, ServedDocument>();
  private index: string | undefined;

  /** The document of `api/v1`, `apis/apps/v1`, …; undefined for a group-version not served. */
  document(groupVersionPath: string): ServedDocument | undefined {
    const hit = this.docs.get(groupVersionPath);
    if (hit) return hit;
    if (!openApiGroupVersions().includes(groupVersionPath)) return undefined;
    const doc = buildOpenApiDocument(groupVersionPath, KUBELITE_GIT_VERSION);
    if (!doc) return undefined;
    const body = JSON.stringify(doc);
    const served = { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
    this.docs.set(groupVersionPath, served);
    return served;
  }

  /** The root: `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}`. */
  rootIndex(): string {
    if (this.index) return this.index;
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of openApiGroupVersions()) {
      const doc = this.document(gv);
      if (doc) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${doc.hash}` };
    }
    this.index = JSON.stringify({ paths });
    return this.index;
  }
}
