// Storage-level watch: turns etcd watch responses into Kubernetes watch events, as
// k8s.io/apiserver storage/etcd3/watcher.go does. ADDED when the PUT created the key
// (create_revision == mod_revision), MODIFIED otherwise, DELETED carrying the prev_kv object
// stamped with the deletion revision; compaction of the start revision ends the watch with a
// 410 Expired ERROR, so the client relists.
import { decodeObject } from './codec.js';
import { EventType, type WatchEventPb } from './etcd-messages.js';
import { isStorageError, StorageError, tooOld } from './errors.js';
import { EventQueue } from './event-queue.js';
import type { StoredObject, Watcher, WatchEvent, WatchOptions } from './interfaces.js';
import { prefixEnd } from './keys.js';
import { parseResourceVersion } from './resource-version.js';
import type { EtcdStore } from './store.js';
import type { WatchRegistration } from './watch-stream.js';

function toEvent(e: WatchEventPb): WatchEvent {
  const kv = e.kv;
  if (!kv) throw new StorageError('InvalidObject', 'etcd watch event without kv');
  const key = kv.key.toString();
  if (e.type === EventType.DELETE) {
    // prev_kv is requested on every watch; without it (key compacted away meanwhile) the deleted
    // object is unknown, and Kubernetes treats that as an error rather than inventing one.
    if (!e.prev_kv) throw new StorageError('InvalidObject', `etcd DELETE event for ${key} without prev_kv`, key);
    return { type: 'DELETED', object: decodeObject(e.prev_kv.value, kv.mod_revision, key), resourceVersion: kv.mod_revision };
  }
  const type = kv.create_revision === kv.mod_revision ? 'ADDED' : 'MODIFIED';
  return { type, object: decodeObject(kv.value, kv.mod_revision, key), resourceVersion: kv.mod_revision };
}

export async function startWatch(store: EtcdStore, keyIn: string, opts: WatchOptions): Promise<Watcher> {
  const rv = parseResourceVersion(opts.resourceVersion);
  const recursive = opts.recursive ?? false;
  const key = recursive && !keyIn.endsWith('/') ? `${keyIn}/` : keyIn;
  let reg: WatchRegistration | null = null;
  let cancelled = false;
  const queue = new EventQueue(() => {
    cancelled = true;
    reg?.cancel();
  });

  let startRevision = rv > 0 ? rv + 1 : 0;
  if (rv === 0 && opts.initialEvents) {
    // Current state as synthetic ADDED events, then every change after the revision it was read at.
    let objects: StoredObject[] = [];
    let listRev: number;
    if (recursive) {
      const l = await store.list(key);
      objects = l.items;
      listRev = Number(l.resourceVersion);
    } else {
      listRev = await store.currentRevision();
      try {
        objects = [await store.get(key, { resourceVersion: String(listRev) })];
      } catch (err) {
        if (!isStorageError(err, 'NotFound')) throw err;
      }
    }
    for (const obj of objects) queue.push({ type: 'ADDED', object: obj, resourceVersion: obj.metadata.resourceVersion ?? '' });
    startRevision = listRev + 1;
  }
  if (cancelled) return queue;

  reg = store.client.watch(
    {
      key: Buffer.from(key),
      rangeEnd: recursive ? prefixEnd(key) : undefined,
      startRevision,
      prevKv: true,
      progressNotify: opts.progressNotify ?? false,
    },
    {
      onEvents(events) {
        for (const e of events) {
          let ev: WatchEvent;
          try {
            ev = toEvent(e);
          } catch (err) {
            queue.fail(err as Error);
            return;
          }
          queue.push(ev);
        }
      },
      onProgress(revision) {
        if (!opts.progressNotify) return;
        const bookmark = { metadata: { resourceVersion: String(revision) } } as StoredObject;
        queue.push({ type: 'BOOKMARK', object: bookmark, resourceVersion: String(revision) });
      },
      onCompacted(compactRevision, requestedRevision) {
        queue.fail(tooOld(requestedRevision - 1, compactRevision, key));
      },
      onError(err) {
        queue.fail(new StorageError('Unavailable', err.message, key));
      },
    },
  );
  return queue;
}
