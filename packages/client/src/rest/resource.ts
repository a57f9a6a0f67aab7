// One resource type, optionally bound to a namespace: client-go's dynamic ResourceInterface with
// typed results. Paths are built the way the apiserver routes them: `/api/v1` for the core
// group, `/apis/<group>/<version>` otherwise, then `namespaces/<ns>/` for namespaced resources.
import type { KubeList, KubeObject, ResourceInfo, Status } from '@kubelite/api';
import type { RestClient, HttpMethod, QueryValue } from './client.js';
import { restError } from './errors.js';
import { listPages } from './pager.js';
import type { Watch } from './watch.js';

export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** unset: most recent (quorum read); "0": any, cache allowed; "N": see resourceVersionMatch */
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  limit?: number;
  continue?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** unset or "0": synthetic ADDED for every current object first; "N": changes after N */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface GetOptions {
  resourceVersion?: string;
  signal?: AbortSignal;
}

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  signal?: AbortSignal;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  // JSON is YAML, so an object body serialised as JSON is a valid apply patch.
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  /** server-side apply: take over fields other managers own */
  force?: boolean;
  /** `status`, `scale`, … */
  subresource?: string;
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  /** delete only if the object still has this uid / resourceVersion (else 409 Conflict) */
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  signal?: AbortSignal;
}

/** A call on a subresource or any other path below one object: binding, eviction, scale, log. */
export interface SubresourceRequest {
  method: HttpMethod;
  name: string;
  subresource: string;
  body?: unknown;
  query?: Readonly<Record<string, QueryValue>>;
  contentType?: string;
  signal?: AbortSignal;
}

/** The list/watch pair a Reflector needs; every ResourceClient is one. */
export interface ListerWatcher<T> {
  list(opts: ListOptions): Promise<KubeList<T>>;
  watch(opts: WatchOptions): Promise<Watch<T>>;
}

export class ResourceClient<T extends KubeObject = KubeObject> implements ListerWatcher<T> {
  constructor(
    private readonly rest: RestClient,
    readonly info: ResourceInfo,
    /** bound namespace; unset lists and watches across all namespaces */
    readonly ns?: string,
  ) {}

  /** The same resource, bound to a namespace (ignored for cluster-scoped resources). */
  namespace(ns: string): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, this.info, ns);
  }

  /** `/api/v1[/namespaces/<ns>]/<resource>[/<name>[/<sub>]]` */
  path(namespace: string | undefined, name?: string, subresource?: string): string {
    const { group, version, resource, namespaced } = this.info;
    let p = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    if (namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
    p += `/${resource}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (subresource) p += `/${subresource}`;
    return p;
  }

  async get(name: string, opts: GetOptions = {}): Promise<T> {
    return this.rest.request<T>({
      method: 'GET',
      path: this.path(this.requireNamespace(), name),
      query: { resourceVersion: opts.resourceVersion },
      signal: opts.signal,
      describe: `get ${this.info.resource} ${name}`,
    });
  }

  async list(opts: ListOptions = {}): Promise<KubeList<T>> {
    return this.rest.request<KubeList<T>>({
      method: 'GET',
      path: this.path(this.ns),
      query: listQuery(opts),
      signal: opts.signal,
      describe: `get ${this.info.resource}`,
    });
  }

  /**
   * Lists every item, following `continue` tokens (page size opts.limit, else 500 as kubectl and
   * client-go's pager use); see listPages for the expired-token fallback.
   */
  async listAll(opts: ListOptions = {}): Promise<KubeList<T>> {
    return (await listPages((o) => this.list(o), opts)).list;
  }

  async create(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.request<T>({
      method: 'POST',
      path: this.path(this.requireNamespace(obj)),
      query: writeQuery(opts),
      body: obj,
      signal: opts.signal,
      describe: `post ${this.info.resource}`,
    });
  }

  /** PUT; metadata.resourceVersion, when set, makes it conditional (409 Conflict if stale). */
  async update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.put(obj, undefined, opts);
  }

  async updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.put(obj, 'status', opts);
  }

  async patch(name: string, type: PatchType, body: unknown, opts: PatchOptions = {}): Promise<T> {
    if (type === 'apply' && !opts.fieldManager) throw restError('APPLY_NEEDS_FIELD_MANAGER');
    return this.rest.request<T>({
      method: 'PATCH',
      path: this.path(this.requireNamespace(), name, opts.subresource),
      query: { ...writeQuery(opts), force: type === 'apply' && opts.force ? true : undefined },
      body,
      contentType: PATCH_CONTENT_TYPES[type],
      signal: opts.signal,
      describe: `patch ${this.info.resource} ${name}`,
    });
  }

  /** The server answers with the object (still terminating, or as deleted) or a Success Status. */
  async delete(name: string, opts: DeleteOptions = {}): Promise<T | Status> {
    return this.rest.request<T | Status>({
      method: 'DELETE',
      path: this.path(this.requireNamespace(), name),
      body: deleteBody(opts),
      signal: opts.signal,
      describe: `delete ${this.info.resource} ${name}`,
    });
  }

  async deleteCollection(listOpts: ListOptions = {}, opts: DeleteOptions = {}): Promise<KubeList<T> | Status> {
    return this.rest.request<KubeList<T> | Status>({
      method: 'DELETE',
      path: this.path(this.ns),
      query: listQuery(listOpts),
      body: deleteBody(opts),
      signal: opts.signal ?? listOpts.signal,
      describe: `delete ${this.info.resource}`,
    });
  }

  async watch(opts: WatchOptions = {}): Promise<Watch<T>> {
    return this.rest.watch<T>({
      path: this.path(this.ns),
      query: {
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
        resourceVersion: opts.resourceVersion,
        allowWatchBookmarks: opts.allowWatchBookmarks ? true : undefined,
        timeoutSeconds: opts.timeoutSeconds,
      },
      signal: opts.signal,
      describe: `watch ${this.info.resource}`,
    });
  }

  /** Any verb on a subresource: `pods/binding`, `pods/eviction`, `deployments/scale`, … */
  async request<R>(req: SubresourceRequest): Promise<R> {
    return this.rest.request<R>({
      method: req.method,
      path: this.path(this.requireNamespace(), req.name, req.subresource),
      query: req.query,
      body: req.body,
      contentType: req.contentType,
      signal: req.signal,
      describe: `${req.method.toLowerCase()} ${this.info.resource}/${req.subresource} ${req.name}`,
    });
  }

  private put(obj: T, subresource: string | undefined, opts: WriteOptions): Promise<T> {
    const name = obj.metadata.name;
    if (!name) throw restError('NO_NAME', this.info.resource);
    return this.rest.request<T>({
      method: 'PUT',
      path: this.path(this.requireNamespace(obj), name, subresource),
      query: writeQuery(opts),
      body: obj,
      signal: opts.signal,
      describe: `put ${this.info.resource} ${name}`,
    });
  }

  /** The bound namespace, else the object's: a namespaced call with neither cannot be routed. */
  private requireNamespace(obj?: KubeObject): string | undefined {
    if (!this.info.namespaced) return undefined;
    const ns = this.ns ?? obj?.metadata.namespace;
    if (!ns) throw restError('NO_NAMESPACE', this.info.resource);
    return ns;
  }
}

function listQuery(opts: ListOptions): Record<string, QueryValue> {
  return {
    labelSelector: opts.labelSelector,
    fieldSelector: opts.fieldSelector,
    resourceVersion: opts.resourceVersion,
    resourceVersionMatch: opts.resourceVersionMatch,
    limit: opts.limit && opts.limit > 0 ? opts.limit : undefined,
    continue: opts.continue,
    timeoutSeconds: opts.timeoutSeconds,
  };
}

function writeQuery(opts: WriteOptions): Record<string, QueryValue> {
  return {
    fieldManager: opts.fieldManager,
    fieldValidation: opts.fieldValidation,
    dryRun: opts.dryRun ? 'All' : undefined,
  };
}

function deleteBody(opts: DeleteOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
  if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
  if (opts.preconditions) body.preconditions = opts.preconditions;
  if (opts.dryRun) body.dryRun = ['All'];
  return body;
}
