// The generic registry (k8s.io/apiserver registry/generic/registry.Store): create, get, list,
// update, patch and watch for any resource, with the kind's Strategy supplying what differs.
// Every write is decode → default → validate → admit → compare-and-swap in etcd; a request that
// fails at any step writes nothing.
import { apiVersionOf, semanticEqual, storageKey, storageListPrefix, validateObjectMeta, type FieldError, type ResourceInfo } from '@kubelite/api';
import type { AdmissionChain, Operation } from '../admission/types.js';
import { badRequest, conflict, invalid, OPTIMISTIC_LOCK_MESSAGE, type GroupResource } from '../errors.js';
import type { ListResult, ObjectStore, StoredObject, UpdateOptions, Watcher } from '../storage/index.js';
import type { RequestContext } from './context.js';
import { prepareMetaForCreate, prepareMetaForUpdate } from './object-meta.js';
import { mapped } from './store-errors.js';
import type { Predicate } from './selectors.js';
import type { KObject, Strategy } from './strategy.js';

/** Where watches and `resourceVersion=0` lists are served from: the watch cache, or the store. */
export interface WatchSource {
  list(opts: {
    prefix: string;
    resourceVersion?: string;
    resourceVersionMatch?: string;
    predicate?: (o: StoredObject) => boolean;
  }): Promise<ListResult>;
  watch(opts: {
    prefix: string;
    resourceVersion?: string;
    predicate?: (o: StoredObject) => boolean;
    allowBookmarks?: boolean;
  }): Watcher;
  /** The object at exactly `key` as the cache holds it now, if it does. */
  get?(key: string): StoredObject | undefined;
}

/** Side effects outside the object itself (service IP and port allocation). */
export interface ResourceHooks {
  /** Before a create is stored; returns an undo run when the write then fails (or is a dry run). */
  beforeCreate?(obj: KObject, dryRun: boolean): Promise<() => Promise<void>>;
  /** Before an update is stored (may run more than once on write conflicts); returns an undo. */
  beforeUpdate?(obj: KObject, old: KObject, dryRun: boolean): Promise<() => Promise<void>>;
  /** After an update is stored (release what the old version held and the new one does not). */
  afterUpdate?(obj: KObject, old: KObject): Promise<void>;
  /** After an object is gone from the store. */
  afterDelete?(obj: KObject): Promise<void>;
}

export interface ListQuery {
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: '' | 'NotOlderThan' | 'Exact';
  predicate?: Predicate;
}

export interface WatchQuery {
  resourceVersion?: string;
  predicate?: Predicate;
  allowBookmarks?: boolean;
}

/** Which part of an object an update may change: everything but status, or only status. */
export type UpdateScope = 'main' | 'status';

export interface RegistryDeps {
  store: ObjectStore;
  admission: AdmissionChain;
  watchSource?: WatchSource;
  hooks?: ResourceHooks;
  /** Lease TTL for every object of this resource (events: 1 h, Kubernetes' --event-ttl). */
  ttlSeconds?: number;
}

/** Thrown inside an update's CAS loop to stop before the write when the request is a dry run. */
class DryRunResult extends Error {
  constructor(readonly obj: KObject) {
    super('dry run');
  }
}

const clone = <T>(o: T): T => structuredClone(o);

/**
 * Until objects are checked against their schemas (the OpenAPI issue), a field of the wrong type
 * surfaces as a TypeError inside defaulting or validation. Kubernetes' decoder refuses such a
 * body with 400 before anything runs, so that is what the client gets here too — never a 500.
 */
async function asDecodeError<T>(kind: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) {
      throw badRequest(`unable to decode the ${kind}: a field has a value of the wrong type (${err.message})`);
    }
    throw err;
  }
}

export class Registry {
  readonly gr: GroupResource;
  readonly hasStatus: boolean;
  readonly tracksGeneration: boolean;

  constructor(
    readonly resource: ResourceInfo,
    readonly strategy: Strategy,
    readonly deps: RegistryDeps,
  ) {
    this.gr = { group: resource.group, resource: resource.resource };
    this.hasStatus = resource.subresources.some((s) => s.name === 'status');
    this.tracksGeneration = strategy.tracksGeneration ?? true;
  }

  get apiVersion(): string {
    return apiVersionOf(this.resource);
  }

  key(namespace: string, name: string): string {
    try {
      return storageKey(this.resource, this.resource.namespaced ? namespace : undefined, name);
    } catch (e) {
      throw badRequest(e instanceof Error ? e.message : String(e));
    }
  }

  listPrefix(namespace: string): string {
    return storageListPrefix(this.resource, this.resource.namespaced && namespace !== '' ? namespace : undefined);
  }

  async get(ctx: RequestContext, name: string, resourceVersion?: string): Promise<KObject> {
    const opts = resourceVersion === undefined ? {} : { resourceVersion };
    return mapped(this.deps.store.get(this.key(ctx.namespace, name), opts), this.gr, name);
  }

  async list(ctx: RequestContext, q: ListQuery): Promise<ListResult> {
    const prefix = this.listPrefix(ctx.namespace);
    const cacheable = q.resourceVersion === '0' && !q.continue && q.resourceVersionMatch !== 'Exact';
    if (cacheable && this.deps.watchSource) {
      const p = this.deps.watchSource.list({ prefix, resourceVersion: '0', ...(q.predicate ? { predicate: q.predicate } : {}) });
      return mapped(p, this.gr, '');
    }
    const opts = {
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.continue ? { continue: q.continue } : {}),
      ...(q.resourceVersion !== undefined ? { resourceVersion: q.resourceVersion } : {}),
      ...(q.resourceVersionMatch ? { resourceVersionMatch: q.resourceVersionMatch } : {}),
      ...(q.predicate ? { predicate: q.predicate } : {}),
    };
    return mapped(this.deps.store.list(prefix, opts), this.gr, '');
  }

  async watch(ctx: RequestContext, q: WatchQuery): Promise<Watcher> {
    const prefix = this.listPrefix(ctx.namespace);
    const source = this.deps.watchSource;
    if (source) {
      return source.watch({
        prefix,
        ...(q.resourceVersion !== undefined ? { resourceVersion: q.resourceVersion } : {}),
        ...(q.predicate ? { predicate: q.predicate } : {}),
        allowBookmarks: q.allowBookmarks ?? false,
      });
    }
    const rv = q.resourceVersion ?? '';
    const w = await mapped(
      this.deps.store.watch(prefix.replace(/\/$/, ''), {
        recursive: true,
        resourceVersion: rv,
        initialEvents: rv === '' || rv === '0',
        progressNotify: q.allowBookmarks ?? false,
      }),
      this.gr,
      '',
    );
    return q.predicate ? filteredWatcher(w, q.predicate) : w;
  }

  // ---- create ------------------------------------------------------------------------------

  /** Checks apiVersion/kind and the namespace of a body against the URL, as Kubernetes' decoder does. */
  checkBody(body: unknown, ctx: RequestContext): KObject {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest(`the body of the request must be a JSON or YAML object of kind ${this.resource.kind}`);
    }
    const obj = body as KObject;
    if (obj.apiVersion !== undefined && obj.apiVersion !== this.apiVersion) {
      throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${this.apiVersion})`);
    }
    if (obj.kind !== undefined && obj.kind !== this.resource.kind) {
      throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${this.resource.kind})`);
    }
    if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) {
      if (obj.metadata !== undefined) throw badRequest('metadata must be an object');
      obj.metadata = {};
    }
    obj.apiVersion = this.apiVersion;
    obj.kind = this.resource.kind;
    const ns = obj.metadata.namespace;
    if (this.resource.namespaced && ns !== undefined && ns !== '' && ns !== ctx.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    return obj;
  }

  validate(obj: KObject, old: KObject | undefined, scope: UpdateScope): void {
    const errs: FieldError[] = validateObjectMeta(obj.metadata, {
      requiresNamespace: this.resource.namespaced,
      ...(this.strategy.nameValidator ? { nameFn: this.strategy.nameValidator } : {}),
    });
    if (scope === 'status' && old) {
      errs.push(...(this.strategy.validateStatusUpdate?.(obj, old) ?? []));
    } else {
      errs.push(...(this.strategy.validate?.(obj) ?? []));
      if (old) errs.push(...(this.strategy.validateUpdate?.(obj, old) ?? []));
    }
    if (errs.length > 0) throw invalid({ group: this.resource.group, kind: this.resource.kind }, obj.metadata.name ?? '', errs);
  }

  private async admit(op: Operation, ctx: RequestContext, obj: KObject | undefined, old: KObject | undefined, subresource = ''): Promise<void> {
    await this.deps.admission.run({
      operation: op,
      resource: this.resource,
      subresource,
      namespace: this.resource.namespaced ? ctx.namespace : '',
      name: obj?.metadata.name ?? old?.metadata.name ?? '',
      ...(obj ? { object: obj } : {}),
      ...(old ? { oldObject: old } : {}),
      user: ctx.user,
      dryRun: ctx.dryRun,
    });
  }

  /** An update starts from the watch cache's copy when there is one: no etcd read when it is fresh. */
  private updateOptions(key: string): UpdateOptions {
    const cachedExisting = this.deps.watchSource?.get?.(key);
    return {
      ...(this.deps.ttlSeconds === undefined ? {} : { ttlSeconds: this.deps.ttlSeconds }),
      ...(cachedExisting ? { cachedExisting } : {}),
    };
  }

  /** Everything a create does before the write; exposed for server-side apply's create path. */
  async prepareCreate(ctx: RequestContext, body: unknown, decorate?: (obj: KObject) => void): Promise<KObject> {
    const obj = this.checkBody(body, ctx);
    prepareMetaForCreate(obj, this.resource.namespaced ? ctx.namespace : undefined, ctx.now, this.tracksGeneration);
    // Defaulting happens at decode in Kubernetes, before the strategy prepares the object.
    this.strategy.defaults?.(obj);
    this.strategy.prepareForCreate?.(obj);
    await this.admit('CREATE', ctx, obj, undefined);
    this.validate(obj, undefined, 'main');
    decorate?.(obj);
    return obj;
  }

  async create(ctx: RequestContext, body: unknown, decorate?: (obj: KObject) => void): Promise<KObject> {
    const obj = await asDecodeError(this.resource.kind, () => this.prepareCreate(ctx, body, decorate));
    const name = obj.metadata.name ?? '';
    const undo = (await asDecodeError(this.resource.kind, async () => this.deps.hooks?.beforeCreate?.(obj, ctx.dryRun))) ?? (async () => {});
    if (ctx.dryRun) {
      await undo();
      return obj;
    }
    try {
      return await mapped(this.deps.store.create(this.key(ctx.namespace, name), obj, this.deps.ttlSeconds), this.gr, name);
    } catch (err) {
      await undo();
      throw err;
    }
  }

  // ---- update ------------------------------------------------------------------------------

  /**
   * The shared update path of PUT, PATCH and the status subresource: `mutate` turns the current
   * object into the requested one; it runs again on every CAS retry against the fresh object.
   */
  async update(
    ctx: RequestContext,
    name: string,
    mutate: (current: KObject) => KObject | Promise<KObject>,
    scope: UpdateScope = 'main',
    decorate?: (next: KObject, current: KObject) => void,
  ): Promise<KObject> {
    const key = this.key(ctx.namespace, name);
    const undos: Array<() => Promise<void>> = [];
    const undoAll = async (): Promise<void> => {
      for (const u of undos.splice(0)) await u();
    };
    let before: KObject | undefined;
    try {
      const out = await mapped(
        this.deps.store.guaranteedUpdate(key, undefined, async (stored) => {
          // A retry after a lost compare-and-swap starts over: give back the last attempt's allocations.
          await undoAll();
          const current = clone(stored) as KObject;
          before = current;
          const next = await asDecodeError(this.resource.kind, async () => {
            const n = await this.nextVersion(ctx, name, current, await mutate(clone(current)), scope);
            decorate?.(n, current);
            return n;
          });
          const undo = await asDecodeError(this.resource.kind, async () => this.deps.hooks?.beforeUpdate?.(next, current, ctx.dryRun));
          if (undo) undos.push(undo);
          if (ctx.dryRun) throw new DryRunResult(next);
          // A no-op (e.g. re-applying the same manifest) is no write and no new resourceVersion,
          // even when the body's JSON orders its keys differently from what is stored.
          const same = semanticEqual({ ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } }, current);
          return same ? current : next;
        }, this.updateOptions(key)),
        this.gr,
        name,
      );
      if (before && out.metadata.resourceVersion !== before.metadata.resourceVersion) {
        await this.deps.hooks?.afterUpdate?.(out, before);
      }
      return await this.finishDeletionIfDue(ctx, out);
    } catch (err) {
      await undoAll();
      if (err instanceof DryRunResult) return err.obj;
      throw err;
    }
  }

  /**
   * A server-side change written straight to the stored object, as Kubernetes' binding REST does
   * (assignPod): no defaulting, admission or validation of the object and no managedFields entry —
   * the request was admitted as its own kind (`admitted`, e.g. a Binding as pods/binding CREATE).
   * `mutate` changes the object in place and may throw to refuse; it reruns on a CAS retry.
   */
  async mutateStored(
    ctx: RequestContext,
    name: string,
    admitted: { subresource: string; object: KObject },
    mutate: (stored: KObject) => void,
  ): Promise<KObject> {
    await this.admit('CREATE', ctx, admitted.object, undefined, admitted.subresource);
    const key = this.key(ctx.namespace, name);
    if (ctx.dryRun) {
      const current = clone(await this.get(ctx, name));
      mutate(current);
      return current;
    }
    const update = async (stored: StoredObject): Promise<StoredObject> => {
      mutate(stored as KObject);
      return stored;
    };
    return mapped(this.deps.store.guaranteedUpdate(key, undefined, update, this.updateOptions(key)), this.gr, name);
  }

  private async nextVersion(ctx: RequestContext, name: string, current: KObject, requested: KObject, scope: UpdateScope): Promise<KObject> {
    const body = this.checkBody(requested, ctx);
    if (body.metadata.name !== undefined && body.metadata.name !== name) {
      throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
    }
    const rv = body.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion) {
      throw conflict(this.gr, name, OPTIMISTIC_LOCK_MESSAGE);
    }
    let next: KObject;
    if (scope === 'status') {
      // Only status moves; metadata and spec stay as stored (ResetObjectMetaForStatus).
      next = { ...current, metadata: { ...current.metadata } };
      if (body.status === undefined) delete next.status;
      else next.status = body.status;
      if (body.metadata.managedFields) next.metadata.managedFields = body.metadata.managedFields;
    } else {
      next = body;
      // The main endpoint never changes status when the kind has a status subresource.
      if (this.hasStatus) {
        if (current.status === undefined) delete next.status;
        else next.status = current.status;
      }
    }
    this.strategy.defaults?.(next);
    prepareMetaForUpdate(next, current, this.tracksGeneration);
    if (scope === 'main') this.strategy.prepareForUpdate?.(next, current);
    await this.admit('UPDATE', ctx, next, current, scope === 'status' ? 'status' : '');
    this.validate(next, current, scope);
    return next;
  }

  /**
   * An object marked for deletion whose grace period is over and whose last finalizer was just
   * removed is deleted now (the store does what the update asked for: the end of its life).
   */
  private async finishDeletionIfDue(ctx: RequestContext, obj: KObject): Promise<KObject> {
    const m = obj.metadata;
    if (!m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0 || (m.deletionGracePeriodSeconds ?? 0) > 0) return obj;
    // A namespace also waits for its spec.finalizers (the namespace controller empties them).
    const specFinalizers = ((obj.spec ?? {}) as { finalizers?: unknown[] }).finalizers;
    if (this.resource.group === '' && this.resource.resource === 'namespaces' && (specFinalizers?.length ?? 0) > 0) return obj;
    const name = m.name ?? '';
    try {
      const gone = await this.deps.store.delete(this.key(ctx.namespace, name), { uid: m.uid ?? '' });
      await this.deps.hooks?.afterDelete?.(gone);
      return gone;
    } catch {
      // Someone else finished (or changed) it meanwhile; what we wrote stands.
      return obj;
    }
  }
}

function filteredWatcher(w: Watcher, predicate: Predicate): Watcher {
  return {
    close: () => w.close(),
    async *[Symbol.asyncIterator]() {
      for await (const ev of w) {
        if (ev.type === 'BOOKMARK' || ev.type === 'ERROR' || predicate(ev.object)) yield ev;
      }
    },
  };
}

