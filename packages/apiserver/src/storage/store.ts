// The etcd implementation of ObjectStore, modelled on k8s.io/apiserver storage/etcd3/store.go:
// every write is a compare-and-swap Txn on the key's mod_revision, so concurrent apiservers and
// controllers never overwrite each other's changes, and resourceVersion is etcd's own revision.
import { decodeObject, encodeObject } from './codec.js';
import { decodeContinue, encodeContinue } from './continue.js';
import { EtcdClient, type EtcdClientOptions } from './etcd-client.js';
import { CompareResult, CompareTarget, type Compare, type KeyValue, type TxnResponse } from './etcd-messages.js';
import {
  alreadyExists,
  CONTINUE_EXPIRED_MESSAGE,
  conflict,
  fromEtcdError,
  isCompactedError,
  isFutureRevisionError,
  notFound,
  StorageError,
  tooLarge,
} from './errors.js';
import type {
  CompactResult,
  DeleteOptions,
  GetOptions,
  ListOptions,
  ListResult,
  ObjectInput,
  ObjectStore,
  Preconditions,
  StoredObject,
  TryUpdate,
  UpdateOptions,
  Watcher,
  WatchOptions,
} from './interfaces.js';
import { LeaseManager } from './lease-manager.js';
import { prefixEnd } from './keys.js';
import { headerRevision, parseResourceVersion } from './resource-version.js';
import { startWatch } from './watch.js';

/** The key Kubernetes' compactor CASes on, so only one of several apiservers compacts per round. */
export const COMPACT_REV_KEY = 'compact_rev_key';
/** The key Kubernetes' etcd health check reads (it need not exist). */
export const HEALTH_KEY = '/registry/health';
/** Upper bound for pages fetched while filling a filtered page (Kubernetes' maxLimit). */
const MAX_PAGE = 10_000;

const modEquals = (key: Buffer, rev: number | string): Compare => ({
  result: CompareResult.EQUAL,
  target: CompareTarget.MOD,
  key,
  mod_revision: rev,
});

/** Revision of a Txn's first (put) op: nested headers carry it; fall back to the outer header. */
const putRevision = (res: TxnResponse): string =>
  res.responses[0]?.response_put?.header?.revision ?? String(headerRevision(res));

/** A cached object as a Current: its bytes as they were stored, its version as the CAS revision. */
const fromCache = (key: Buffer, obj: StoredObject): Current => ({
  // create_revision and version are unknown and unused by the update path.
  kv: { key, value: encodeObject(obj), mod_revision: obj.metadata.resourceVersion ?? '0', lease: '0', create_revision: '0', version: '0' },
  obj,
  cached: true,
});

/** The key as the failure branch's range read it, for the next CAS attempt. */
const failureRead = (res: TxnResponse): KeyValue | undefined => res.responses[0]?.response_range?.kvs[0];

interface Current {
  kv: KeyValue;
  obj: StoredObject;
  /** Taken from the watch cache, not read from etcd: possibly stale, and its lease is unknown. */
  cached?: boolean;
}

export interface EtcdStoreOptions extends EtcdClientOptions {
  /** Default 32 retries of a CAS lost to concurrent writers before Conflict. */
  maxRetries?: number;
}

export class EtcdStore implements ObjectStore {
  private readonly leases: LeaseManager;
  private readonly maxRetries: number;

  constructor(
    readonly client: EtcdClient,
    opts: { maxRetries?: number } = {},
  ) {
    this.leases = new LeaseManager(client);
    this.maxRetries = opts.maxRetries ?? 32;
  }

  /** `servers` in `--etcd-servers` form: `http://127.0.0.1:2379[,http://…]`. */
  static connect(opts: EtcdStoreOptions): EtcdStore {
    return new EtcdStore(new EtcdClient(opts), opts);
  }

  /** Runs an etcd call, turning transport failures into StorageError Unavailable. */
  private async etcd<T>(key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw fromEtcdError(err, key);
    }
  }

  async create(key: string, obj: ObjectInput, ttlSeconds?: number): Promise<StoredObject> {
    const rv = obj.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== '0') {
      throw new StorageError('InvalidResourceVersion', 'resourceVersion should not be set on objects to be created', key);
    }
    const k = Buffer.from(key);
    const value = encodeObject(obj);
    const lease = ttlSeconds ? await this.etcd(key, () => this.leases.getLease(ttlSeconds)) : undefined;
    const res = await this.etcd(key, () =>
      this.client.txn({
        compare: [modEquals(k, 0)],
        success: [{ request_put: { key: k, value, ...(lease ? { lease } : {}) } }],
        failure: [],
      }),
    );
    if (!res.succeeded) throw alreadyExists(key);
    return decodeObject(value, putRevision(res), key);
  }

  async get(key: string, opts: GetOptions = {}): Promise<StoredObject> {
    const minimum = parseResourceVersion(opts.resourceVersion);
    const res = await this.etcd(key, () => this.client.range({ key: Buffer.from(key) }));
    // Kubernetes' guarantee: the data returned is at least as new as the resourceVersion asked for.
    if (minimum > headerRevision(res)) throw tooLarge(minimum, headerRevision(res), key);
    const kv = res.kvs[0];
    if (!kv) throw notFound(key);
    return decodeObject(kv.value, kv.mod_revision, key);
  }

  private async current(key: string): Promise<Current> {
    const res = await this.etcd(key, () => this.client.range({ key: Buffer.from(key) }));
    const kv = res.kvs[0];
    if (!kv) throw notFound(key);
    return { kv, obj: decodeObject(kv.value, kv.mod_revision, key) };
  }

  private fromFailure(key: string, res: TxnResponse): Current {
    const kv = failureRead(res);
    if (!kv) throw notFound(key);
    return { kv, obj: decodeObject(kv.value, kv.mod_revision, key) };
  }

  private checkPreconditions(key: string, pre: Preconditions | undefined, obj: StoredObject): void {
    if (!pre) return;
    if (pre.uid !== undefined && pre.uid !== obj.metadata.uid) {
      throw conflict(key, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
    }
    if (pre.resourceVersion !== undefined && pre.resourceVersion !== obj.metadata.resourceVersion) {
      throw conflict(
        key,
        `Operation cannot be fulfilled on ${key}: the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
  }

  async guaranteedUpdate(
    key: string,
    preconditions: Preconditions | undefined,
    tryUpdate: TryUpdate,
    opts: UpdateOptions = {},
  ): Promise<StoredObject> {
    const k = Buffer.from(key);
    const maxRetries = opts.maxRetries ?? this.maxRetries;
    let cur = opts.cachedExisting ? fromCache(k, opts.cachedExisting) : await this.current(key);
    for (let attempt = 0; ; attempt++) {
      let next: ObjectInput;
      try {
        this.checkPreconditions(key, preconditions, cur.obj);
        // A deep copy: tryUpdate may mutate its argument, and we may need `cur` again on retry.
        next = await tryUpdate(structuredClone(cur.obj));
      } catch (err) {
        // The cached object may be what made it fail: decide on etcd's version instead.
        if (!cur.cached) throw err;
        cur = await this.current(key);
        continue;
      }
      const value = encodeObject(next);
      // Nothing changed: no write, no new revision (as Kubernetes does), so no-op updates are free.
      if (opts.ttlSeconds === undefined && value.equals(cur.kv.value)) {
        if (!cur.cached) return cur.obj;
        cur = await this.current(key);
        continue;
      }
      const lease = await this.leaseFor(key, cur, opts);
      const res = await this.etcd(key, () =>
        this.client.txn({
          compare: [modEquals(k, cur.kv.mod_revision)],
          success: [{ request_put: { key: k, value, ...lease } }],
          failure: [{ request_range: { key: k } }],
        }),
      );
      if (res.succeeded) return decodeObject(value, putRevision(res), key);
      if (attempt >= maxRetries) {
        throw conflict(key, `Operation cannot be fulfilled on ${key}: too many concurrent updates, please retry`);
      }
      // Lost the race: redo tryUpdate against the version the failure branch just read.
      cur = this.fromFailure(key, res);
    }
  }

  /**
   * The lease part of an update's put. Without a new TTL the object keeps its lease: a plain put
   * would detach it and make it immortal. For a cached object the lease is unknown, so etcd is
   * told to keep whatever the key has (ignore_lease).
   */
  private async leaseFor(key: string, cur: Current, opts: UpdateOptions): Promise<{ lease?: string; ignore_lease?: boolean }> {
    if (opts.ttlSeconds === undefined) {
      if (cur.cached) return { ignore_lease: true };
      return cur.kv.lease !== '0' ? { lease: cur.kv.lease } : {};
    }
    if (opts.ttlSeconds <= 0) return {};
    return { lease: await this.etcd(key, () => this.leases.getLease(opts.ttlSeconds ?? 0)) };
  }

  async delete(key: string, preconditions?: Preconditions, opts: DeleteOptions = {}): Promise<StoredObject> {
    const k = Buffer.from(key);
    const maxRetries = opts.maxRetries ?? this.maxRetries;
    let cur = await this.current(key);
    for (let attempt = 0; ; attempt++) {
      this.checkPreconditions(key, preconditions, cur.obj);
      await opts.validateDeletion?.(structuredClone(cur.obj));
      const res = await this.etcd(key, () =>
        this.client.txn({
          compare: [modEquals(k, cur.kv.mod_revision)],
          success: [{ request_delete_range: { key: k } }],
          failure: [{ request_range: { key: k } }],
        }),
      );
      // The object as it was last stored (resourceVersion = its last mod_revision, as Kubernetes returns).
      if (res.succeeded) return cur.obj;
      if (attempt >= maxRetries) {
        throw conflict(key, `Operation cannot be fulfilled on ${key}: too many concurrent updates, please retry`);
      }
      cur = this.fromFailure(key, res);
    }
  }

  async list(prefixIn: string, opts: ListOptions = {}): Promise<ListResult> {
    // A trailing "/" so /registry/pods/default never also lists /registry/pods/default2.
    const prefix = prefixIn.endsWith('/') ? prefixIn : `${prefixIn}/`;
    const rangeEnd = prefixEnd(prefix);
    // As in Kubernetes, only a positive limit pages; 0 or negative lists everything.
    const limit = opts.limit !== undefined && opts.limit > 0 ? Math.floor(opts.limit) : 0;
    const match = opts.resourceVersionMatch ?? '';
    const rvGiven = opts.resourceVersion !== undefined && opts.resourceVersion !== '';
    const fromRV = parseResourceVersion(opts.resourceVersion);

    let startKey = prefix;
    let withRev = 0;
    const paging = opts.continue !== undefined && opts.continue !== '';
    if (paging) {
      if (rvGiven) throw new StorageError('InvalidResourceVersion', 'specifying resource version is not allowed when using continue');
      const c = decodeContinue(opts.continue ?? '', prefix);
      startKey = c.key;
      withRev = c.rv === -1 ? 0 : c.rv;
    } else if (rvGiven) {
      if (match === 'Exact') {
        if (fromRV === 0) throw new StorageError('InvalidResourceVersion', 'resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
        withRev = fromRV;
      } else if (match === '') {
        // Legacy: a non-zero rv pins the read only when paging, else the list is simply the latest.
        if (limit > 0 && fromRV > 0) withRev = fromRV;
      } else if (match !== 'NotOlderThan') {
        throw new StorageError('InvalidResourceVersion', `unknown ResourceVersionMatch value: ${String(match)}`);
      }
    } else if (match !== '') {
      throw new StorageError('InvalidResourceVersion', 'resourceVersionMatch is forbidden unless resourceVersion is provided');
    }

    const items: StoredObject[] = [];
    let pageLimit = limit;
    let lastKey: Buffer | undefined;
    let hasMore = false;
    let remaining: number | undefined;
    let readKey = Buffer.from(startKey);
    for (;;) {
      const res = await this.rangeForList(prefix, readKey, rangeEnd, pageLimit, withRev, paging, fromRV);
      if (withRev === 0) {
        // Pin every further page (and the continue token) to the first page's revision.
        withRev = headerRevision(res);
        if (rvGiven && fromRV > withRev) throw tooLarge(fromRV, withRev, prefix);
      }
      let consumed = 0;
      for (const kv of res.kvs) {
        if (limit > 0 && items.length >= limit) {
          hasMore = true;
          break;
        }
        consumed++;
        lastKey = kv.key;
        const obj = decodeObject(kv.value, kv.mod_revision, kv.key.toString());
        if (!opts.predicate || opts.predicate(obj)) items.push(obj);
      }
      if (hasMore) break;
      if (!res.more) break;
      if (limit > 0 && items.length >= limit) {
        hasMore = true;
        // count = every key from readKey to the prefix end, at this revision.
        if (!opts.predicate) remaining = Number(res.count) - consumed;
        break;
      }
      // Filtered page came up short: read on, in growing pages, until `limit` matches or the end.
      readKey = Buffer.concat([lastKey ?? readKey, Buffer.from([0])]);
      pageLimit = Math.min(pageLimit * 2, MAX_PAGE);
    }
    const result: ListResult = { items, resourceVersion: String(withRev) };
    if (hasMore && lastKey) {
      result.continue = encodeContinue(`${lastKey.toString()}\0`, prefix, withRev);
      if (remaining !== undefined) result.remainingItemCount = remaining;
    }
    return result;
  }

  /** One Range of a list, with etcd's compacted/future errors turned into their storage errors. */
  private async rangeForList(
    prefix: string,
    key: Buffer,
    rangeEnd: Buffer,
    limit: number,
    revision: number,
    paging: boolean,
    requestedRV: number,
  ) {
    try {
      return await this.client.range({ key, range_end: rangeEnd, limit, revision });
    } catch (err) {
      if (isCompactedError(err)) {
        if (paging) {
          const e = new StorageError('ResourceVersionTooOld', CONTINUE_EXPIRED_MESSAGE, prefix);
          // Offer a token that continues (inconsistently) at the latest revision, as Kubernetes does.
          e.inconsistentContinue = encodeContinue(key.toString(), prefix, -1);
          throw e;
        }
        throw new StorageError('ResourceVersionTooOld', `too old resource version: ${requestedRV || revision}`, prefix);
      }
      if (isFutureRevisionError(err)) {
        const current = await this.currentRevision();
        throw tooLarge(revision, current, prefix);
      }
      throw fromEtcdError(err, prefix);
    }
  }

  async count(prefixIn: string): Promise<number> {
    const prefix = prefixIn.endsWith('/') ? prefixIn : `${prefixIn}/`;
    const res = await this.etcd(prefix, () =>
      this.client.range({ key: Buffer.from(prefix), range_end: prefixEnd(prefix), count_only: true }),
    );
    return Number(res.count);
  }

  watch(key: string, opts: WatchOptions = {}): Promise<Watcher> {
    return startWatch(this, key, opts);
  }

  async currentRevision(): Promise<number> {
    // Any read reports the store revision in its header; count_only keeps it tiny.
    const res = await this.etcd(HEALTH_KEY, () => this.client.range({ key: Buffer.from(HEALTH_KEY), count_only: true }));
    return headerRevision(res);
  }

  async compact(revision: number): Promise<CompactResult> {
    const k = Buffer.from(COMPACT_REV_KEY);
    const seen = await this.etcd(COMPACT_REV_KEY, () => this.client.range({ key: k }));
    const version = seen.kvs[0]?.version ?? '0';
    // CAS on the key's version: of several apiservers compacting the same round, one wins.
    const res = await this.etcd(COMPACT_REV_KEY, () =>
      this.client.txn({
        compare: [{ result: CompareResult.EQUAL, target: CompareTarget.VERSION, key: k, version }],
        success: [{ request_put: { key: k, value: Buffer.from(String(revision)) } }],
        failure: [{ request_range: { key: k } }],
      }),
    );
    if (!res.succeeded) return { compacted: false, revision: headerRevision(res) };
    try {
      const c = await this.client.compact({ revision, physical: true });
      return { compacted: true, revision: headerRevision(c) };
    } catch (err) {
      // Already compacted at or past `revision` (by us or another apiserver): nothing to do.
      if (isCompactedError(err)) return { compacted: false, revision: headerRevision(res) };
      throw fromEtcdError(err, COMPACT_REV_KEY);
    }
  }

  async health(): Promise<void> {
    await this.etcd(HEALTH_KEY, () => this.client.range({ key: Buffer.from(HEALTH_KEY) }));
  }

  requestWatchProgress(): void {
    this.client.requestProgress();
  }

  close(): void {
    this.client.close();
  }
}
