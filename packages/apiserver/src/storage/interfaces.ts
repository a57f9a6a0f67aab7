// The storage contract the REST layer programs against (after k8s.io/apiserver storage.Interface).
// Objects are JSON with `metadata`; keys are full etcd keys (`/registry/pods/default/web`).
// `metadata.resourceVersion` is never stored: it is set on the way out from etcd's revisions.
import type { KubeObject } from '@kubelite/api';

/** An object as the store hands it out: always with metadata.resourceVersion set. */
export type StoredObject = KubeObject & Record<string, unknown>;

/** An object as callers hand it in; resourceVersion, if present, is ignored and stripped. */
export type ObjectInput = { metadata?: KubeObject['metadata'] } & Record<string, unknown>;

export interface Preconditions {
  /** The current object must have this uid. */
  uid?: string;
  /** The current object must be at exactly this resourceVersion (optimistic concurrency). */
  resourceVersion?: string;
}

export interface GetOptions {
  /**
   * Kubernetes GetOptions.resourceVersion: "" or "0" = latest; "N" = latest, but the store must be
   * at least at N (else ResourceVersionTooLarge).
   */
  resourceVersion?: string;
}

export type TryUpdate = (current: StoredObject) => ObjectInput | Promise<ObjectInput>;

export interface UpdateOptions {
  /** Attach the new version to a lease with this TTL. Default: keep the object's current lease. */
  ttlSeconds?: number;
  /** Retries after losing the compare-and-swap to a concurrent writer. Default 32. */
  maxRetries?: number;
  /**
   * The object as the watch cache holds it (Kubernetes' cachedExistingObject): tried first instead
   * of reading etcd. If it is stale, the compare-and-swap fails and etcd's answer is used; if it
   * fails a precondition or tryUpdate, or the update turns out a no-op, etcd is read to be sure.
   */
  cachedExisting?: StoredObject;
}

export interface DeleteOptions {
  /** Called with the current object before each delete attempt; throw to refuse. */
  validateDeletion?: (current: StoredObject) => void | Promise<void>;
  maxRetries?: number;
}

export type ResourceVersionMatch = '' | 'NotOlderThan' | 'Exact';

export interface ListOptions {
  /** Page size; 0/absent = everything in one response. */
  limit?: number;
  /** Token from a previous page; excludes resourceVersion. */
  continue?: string;
  /**
   * "" = latest (linearizable). With match "" (legacy): "0" = latest, "N" = read at N when paging
   * (limit > 0), else latest. "Exact": read at N. "NotOlderThan": latest, which must be ≥ N.
   */
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  /**
   * Keep only matching objects (label/field selectors). With a limit the store keeps reading pages
   * until it has `limit` matches, and remainingItemCount is not reported (as Kubernetes does).
   */
  predicate?: (obj: StoredObject) => boolean;
}

export interface ListResult {
  items: StoredObject[];
  /** The revision the list was read at (list metadata.resourceVersion). */
  resourceVersion: string;
  /** Set when there are more items. */
  continue?: string;
  /** Items after this page; only without a predicate. */
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  /**
   * ADDED/MODIFIED: the new object. DELETED: the last state before deletion, with the deletion
   * revision as its resourceVersion. BOOKMARK: `{metadata: {resourceVersion}}` only (the REST layer
   * adds kind/apiVersion). ERROR: a metav1.Status-shaped object (410 Expired on compaction).
   */
  object: StoredObject;
  /** The event's revision as a string (ERROR: the last revision delivered before it, or ""). */
  resourceVersion: string;
  /** ERROR only: the StorageError or underlying failure. */
  error?: Error;
}

export interface WatchOptions {
  /** "" / "0" / absent = from now; "N" = every change after N. */
  resourceVersion?: string;
  /** Watch every key under `key` + "/" rather than the single key. */
  recursive?: boolean;
  /** Ask etcd for periodic progress notifications; they become BOOKMARK events. */
  progressNotify?: boolean;
  /**
   * With resourceVersion "" / "0": first send the current objects as ADDED (the Kubernetes
   * "get state and start at most recent" semantics), then changes after that list's revision.
   */
  initialEvents?: boolean;
}

export interface Watcher extends AsyncIterable<WatchEvent> {
  /** Stops the etcd watch and ends iteration; idempotent. */
  close(): void;
}

export interface CompactResult {
  /** True if this call did the compaction (false: another apiserver already had, or nothing to do). */
  compacted: boolean;
  /** Current store revision after the attempt. */
  revision: number;
}

export interface ObjectStore {
  create(key: string, obj: ObjectInput, ttlSeconds?: number): Promise<StoredObject>;
  get(key: string, opts?: GetOptions): Promise<StoredObject>;
  guaranteedUpdate(
    key: string,
    preconditions: Preconditions | undefined,
    tryUpdate: TryUpdate,
    opts?: UpdateOptions,
  ): Promise<StoredObject>;
  delete(key: string, preconditions?: Preconditions, opts?: DeleteOptions): Promise<StoredObject>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  count(prefix: string): Promise<number>;
  watch(key: string, opts?: WatchOptions): Promise<Watcher>;
  currentRevision(): Promise<number>;
  compact(revision: number): Promise<CompactResult>;
  health(): Promise<void>;
  /** Asks etcd to report progress on every open watch (BOOKMARKs for progressNotify watchers). */
  requestWatchProgress(): void;
  close(): void;
}
