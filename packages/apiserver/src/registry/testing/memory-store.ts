// An in-memory ObjectStore for unit tests of registry logic. It keeps what the registry relies on
// from the etcd-backed store: a global revision that becomes resourceVersion, create-if-absent,
// preconditions, and a guaranteedUpdate that is a real compare-and-swap — it reads, yields (as a
// round trip to etcd would), and retries when another writer got in between. Tests that need two
// writers to race get a meaningful race. Paging, leases and compaction are not modelled.
import { EventQueue } from '../../storage/event-queue.js';
import { encodeObject, decodeObject } from '../../storage/codec.js';
import {
  alreadyExists,
  conflict,
  notFound,
  StorageError,
  type DeleteOptions,
  type ListOptions,
  type ListResult,
  type ObjectInput,
  type ObjectStore,
  type Preconditions,
  type StoredObject,
  type TryUpdate,
  type UpdateOptions,
  type Watcher,
  type WatchOptions,
} from '../../storage/index.js';

interface Entry {
  value: Buffer;
  modRevision: number;
}

interface OpenWatch {
  key: string;
  recursive: boolean;
  queue: EventQueue;
}

export class MemoryStore implements ObjectStore {
  revision = 1;
  /** Compare-and-swap attempts that lost to a concurrent writer and were retried. */
  conflicts = 0;
  private readonly data = new Map<string, Entry>();
  private readonly watches = new Set<OpenWatch>();

  private decode(key: string, e: Entry): StoredObject {
    return decodeObject(e.value, e.modRevision, key);
  }

  // Every operation gives other callers a turn between reading and writing, as a network round
  // trip does; without it concurrent callers would simply run one after another.
  private readonly roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  private notify(key: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: StoredObject): void {
    for (const w of this.watches) {
      const hit = w.recursive ? key.startsWith(`${w.key.replace(/\/$/, '')}/`) : key === w.key;
      if (hit) w.queue.push({ type, object, resourceVersion: String(this.revision) });
    }
  }

  private check(key: string, pre: Preconditions | undefined, obj: StoredObject): void {
    if (pre?.uid !== undefined && pre.uid !== obj.metadata.uid) {
      throw conflict(key, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== obj.metadata.resourceVersion) {
      throw conflict(key, `Operation cannot be fulfilled on ${key}: the object has been modified`);
    }
  }

  async create(key: string, obj: ObjectInput): Promise<StoredObject> {
    await this.roundTrip();
    if (this.data.has(key)) throw alreadyExists(key);
    const entry = { value: encodeObject(obj), modRevision: ++this.revision };
    this.data.set(key, entry);
    const out = this.decode(key, entry);
    this.notify(key, 'ADDED', out);
    return out;
  }

  async get(key: string): Promise<StoredObject> {
    await this.roundTrip();
    const e = this.data.get(key);
    if (!e) throw notFound(key);
    return this.decode(key, e);
  }

  async guaranteedUpdate(key: string, pre: Preconditions | undefined, tryUpdate: TryUpdate, opts: UpdateOptions = {}): Promise<StoredObject> {
    const maxRetries = opts.maxRetries ?? 32;
    for (let attempt = 0; ; attempt++) {
      const cur = this.data.get(key);
      if (!cur) throw notFound(key);
      const current = this.decode(key, cur);
      this.check(key, pre, current);
      const value = encodeObject(await tryUpdate(structuredClone(current)));
      if (value.equals(cur.value)) return current;
      await this.roundTrip();
      // The compare of etcd's Txn: write only if nobody else wrote since we read.
      if (this.data.get(key)?.modRevision === cur.modRevision) {
        const entry = { value, modRevision: ++this.revision };
        this.data.set(key, entry);
        const out = this.decode(key, entry);
        this.notify(key, 'MODIFIED', out);
        return out;
      }
      this.conflicts++;
      if (attempt >= maxRetries) throw conflict(key, `Operation cannot be fulfilled on ${key}: too many concurrent updates, please retry`);
    }
  }

  async delete(key: string, pre?: Preconditions, opts: DeleteOptions = {}): Promise<StoredObject> {
    await this.roundTrip();
    const cur = this.data.get(key);
    if (!cur) throw notFound(key);
    const current = this.decode(key, cur);
    this.check(key, pre, current);
    await opts.validateDeletion?.(structuredClone(current));
    this.data.delete(key);
    this.notify(key, 'DELETED', { ...current, metadata: { ...current.metadata, resourceVersion: String(++this.revision) } });
    return current;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    await this.roundTrip();
    const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
    const items = [...this.data.entries()]
      .filter(([k]) => k.startsWith(p))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, e]) => this.decode(k, e))
      .filter((o) => !opts.predicate || opts.predicate(o));
    return { items, resourceVersion: String(this.revision) };
  }

  async count(prefix: string): Promise<number> {
    const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
    return [...this.data.keys()].filter((k) => k.startsWith(p)).length;
  }

  /** Changes from now on (replay from a resourceVersion is not modelled). */
  async watch(key: string, opts: WatchOptions = {}): Promise<Watcher> {
    if (opts.resourceVersion && opts.resourceVersion !== '0') {
      throw new StorageError('InvalidResourceVersion', 'MemoryStore watches start from now only');
    }
    const w: OpenWatch = { key, recursive: opts.recursive ?? false, queue: new EventQueue(() => this.watches.delete(w)) };
    this.watches.add(w);
    return w.queue;
  }

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async compact(): Promise<{ compacted: boolean; revision: number }> {
    return { compacted: false, revision: this.revision };
  }

  async health(): Promise<void> {}
  requestWatchProgress(): void {}

  close(): void {
    for (const w of [...this.watches]) w.queue.close();
  }
}
