// The events.k8s.io view of core Events: objects are stored in one shape and served in another,
// and every path through the view (reads, writes, CAS updates, deletes, lists, watches) converts.
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredObject, WatchEvent } from '../storage/index.js';
import { convertingStore, type Conversion } from './converting-store.js';
import { MemoryStore } from './testing/memory-store.js';

// Served: events.k8s.io/v1 `note`; stored: core/v1 `message`.
const conv: Conversion = {
  toStorage: ({ note, ...rest }) => ({ ...rest, apiVersion: 'v1', ...(note === undefined ? {} : { message: note }) }) as StoredObject,
  fromStorage: ({ message, ...rest }) => ({ ...rest, apiVersion: 'events.k8s.io/v1', ...(message === undefined ? {} : { note: message }) }) as StoredObject,
};

const KEY = '/registry/events/default/e1';
let store: MemoryStore;

afterEach(() => store.close());

function setup() {
  store = new MemoryStore();
  return convertingStore(store, conv);
}

const served = (name: string, note: string) => ({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name, namespace: 'default' }, note });

describe('convertingStore', () => {
  it('stores in the storage shape and hands back the served shape with its resourceVersion', async () => {
    const view = setup();
    const created = await view.create(KEY, served('e1', 'pulled'));
    expect(created).toMatchObject({ apiVersion: 'events.k8s.io/v1', note: 'pulled' });
    expect(created).not.toHaveProperty('message');
    const raw = await store.get(KEY);
    expect(raw).toMatchObject({ apiVersion: 'v1', message: 'pulled' });
    expect(created.metadata.resourceVersion).toBe(raw.metadata.resourceVersion);
    expect(await view.get(KEY)).toEqual(created);
  });

  it('keeps the store\'s resourceVersion even when the conversion drops metadata', async () => {
    const lossy = convertingStore((store = new MemoryStore()), { toStorage: (o) => o, fromStorage: (o) => ({ ...o, metadata: { name: o.metadata.name } }) as StoredObject });
    const created = await lossy.create(KEY, served('e1', 'x'));
    expect(created.metadata).toEqual({ name: 'e1', resourceVersion: String(store.revision) });
  });

  it('runs a CAS update on the served shape and stores the result converted', async () => {
    const view = setup();
    await view.create(KEY, served('e1', 'pulled'));
    let seen: unknown;
    const updated = await view.guaranteedUpdate(KEY, undefined, (cur) => {
      seen = cur;
      return { ...cur, note: `${String(cur.note)} again` };
    });
    expect(seen).toMatchObject({ apiVersion: 'events.k8s.io/v1', note: 'pulled' });
    expect(updated).toMatchObject({ note: 'pulled again' });
    expect(await store.get(KEY)).toMatchObject({ apiVersion: 'v1', message: 'pulled again' });
  });

  it('shows validateDeletion the served shape and returns the deleted object served', async () => {
    const view = setup();
    await view.create(KEY, served('e1', 'bye'));
    let seen: unknown;
    const gone = await view.delete(KEY, undefined, { validateDeletion: (cur) => void (seen = cur) });
    expect(seen).toMatchObject({ note: 'bye' });
    expect(gone).toMatchObject({ apiVersion: 'events.k8s.io/v1', note: 'bye' });
    await expect(store.get(KEY)).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('deletes without options too', async () => {
    const view = setup();
    await view.create(KEY, served('e1', 'bye'));
    expect(await view.delete(KEY)).toMatchObject({ note: 'bye' });
  });

  it('lists in the served shape and filters on it', async () => {
    const view = setup();
    await view.create('/registry/events/default/a', served('a', 'one'));
    await view.create('/registry/events/default/b', served('b', 'two'));
    const all = await view.list('/registry/events/default');
    expect(all.items.map((o) => o.note)).toEqual(['one', 'two']);
    expect(all.resourceVersion).toBe(String(store.revision));
    const some = await view.list('/registry/events/default', { predicate: (o) => o.note === 'two' });
    expect(some.items.map((o) => o.metadata.name)).toEqual(['b']);
    expect(await view.count('/registry/events/default')).toBe(2);
  });

  it('converts watch events', async () => {
    const view = setup();
    const w = await view.watch('/registry/events/default', { recursive: true });
    await view.create(KEY, served('e1', 'first'));
    await view.guaranteedUpdate(KEY, undefined, (cur) => ({ ...cur, note: 'second' }));
    await view.delete(KEY);
    const events: WatchEvent[] = [];
    for await (const e of w) {
      events.push(e);
      if (events.length === 3) break;
    }
    w.close();
    expect(events.map((e) => [e.type, e.object.apiVersion, e.object.note])).toEqual([
      ['ADDED', 'events.k8s.io/v1', 'first'],
      ['MODIFIED', 'events.k8s.io/v1', 'second'],
      ['DELETED', 'events.k8s.io/v1', 'second'],
    ]);
    expect(events.every((e) => e.object.metadata.resourceVersion === e.resourceVersion)).toBe(true);
  });

  it('passes revision and health calls through', async () => {
    const view = setup();
    await view.create(KEY, served('e1', 'x'));
    expect(await view.currentRevision()).toBe(store.revision);
    await expect(view.health()).resolves.toBeUndefined();
  });
});
