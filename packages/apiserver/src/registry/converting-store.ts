// A view of the store in another version's shape. events.k8s.io/v1 Events live in the same keys
// as core/v1 Events (`/registry/events/…`), stored in the core shape as Kubernetes stores them; the
// events.k8s.io registry reads and writes through this view, so both APIs see every event.
import type {
  ListResult,
  ObjectInput,
  ObjectStore,
  StoredObject,
  WatchEvent,
  Watcher,
} from '../storage/index.js';

export interface Conversion {
  /** Served shape → stored shape. */
  toStorage(obj: StoredObject): StoredObject;
  /** Stored shape → served shape; resourceVersion carried over. */
  fromStorage(obj: StoredObject): StoredObject;
}

export function convertingStore(store: ObjectStore, conv: Conversion): ObjectStore {
  const out = (o: StoredObject): StoredObject => {
    const c = conv.fromStorage(o);
    if (o.metadata.resourceVersion !== undefined) c.metadata = { ...c.metadata, resourceVersion: o.metadata.resourceVersion };
    return c;
  };
  const inp = (o: ObjectInput): ObjectInput => conv.toStorage(o as StoredObject);
  const list = (r: ListResult): ListResult => ({ ...r, items: r.items.map(out) });
  const event = (e: WatchEvent): WatchEvent => (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED' ? { ...e, object: out(e.object) } : e);
  return {
    create: async (key, obj, ttl) => out(await store.create(key, inp(obj), ttl)),
    get: async (key, opts) => out(await store.get(key, opts)),
    guaranteedUpdate: async (key, pre, tryUpdate, opts) => {
      // A cached object is in the served shape; stored-shape bytes are needed, so read etcd instead.
      const { cachedExisting: _served, ...storeOpts } = opts ?? {};
      return out(await store.guaranteedUpdate(key, pre, async (cur) => inp(await tryUpdate(out(cur))), storeOpts));
    },
    delete: async (key, pre, opts) =>
      out(await store.delete(key, pre, opts?.validateDeletion ? { ...opts, validateDeletion: (cur) => opts.validateDeletion?.(out(cur)) } : opts)),
    list: async (prefix, opts) => list(await store.list(prefix, opts?.predicate ? { ...opts, predicate: (o) => opts.predicate?.(out(o)) ?? true } : opts)),
    count: (prefix) => store.count(prefix),
    watch: async (key, opts): Promise<Watcher> => {
      const w = await store.watch(key, opts);
      return {
        close: () => w.close(),
        async *[Symbol.asyncIterator]() {
          for await (const e of w) yield event(e);
        },
      };
    },
    currentRevision: () => store.currentRevision(),
    compact: (rev) => store.compact(rev),
    health: () => store.health(),
    requestWatchProgress: () => store.requestWatchProgress(),
    close: () => store.close(),
  };
}
