// The metadata rules every kind shares: what the server assigns on create, what a client can
// never change on update, and when metadata.generation moves.
import { NAME_SUFFIX_ALPHABET } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { prepareMetaForCreate, prepareMetaForUpdate, sameObject } from './object-meta.js';
import type { KObject } from './strategy.js';

const NOW = new Date('2024-05-01T12:00:00.789Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const obj = (metadata: KObject['metadata'], rest: Record<string, unknown> = {}): KObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, ...rest });

describe('prepareMetaForCreate', () => {
  it('assigns a fresh uid and the creation time in RFC 3339 seconds', () => {
    const a = obj({ name: 'web', uid: 'client-chosen' });
    const b = obj({ name: 'web' });
    prepareMetaForCreate(a, 'default', NOW, true);
    prepareMetaForCreate(b, 'default', NOW, true);
    expect(a.metadata.uid).toMatch(UUID);
    expect(a.metadata.uid).not.toBe(b.metadata.uid);
    expect(a.metadata.creationTimestamp).toBe('2024-05-01T12:00:00Z');
  });

  it('generates a name from generateName: the base and five random characters', () => {
    const o = obj({ generateName: 'web-' });
    prepareMetaForCreate(o, 'default', NOW, true);
    expect(o.metadata.name).toMatch(new RegExp(`^web-[${NAME_SUFFIX_ALPHABET}]{5}$`));
    expect(o.metadata.generateName).toBe('web-');
  });

  it('keeps an explicit name over generateName', () => {
    const o = obj({ name: 'fixed', generateName: 'web-' });
    prepareMetaForCreate(o, 'default', NOW, true);
    expect(o.metadata.name).toBe('fixed');
  });

  it('strips fields only the server sets', () => {
    const o = obj({
      name: 'web', resourceVersion: '5', selfLink: '/x', deletionTimestamp: '2024-01-01T00:00:00Z', deletionGracePeriodSeconds: 30, generation: 7,
    });
    prepareMetaForCreate(o, 'default', NOW, true);
    expect(o.metadata).not.toHaveProperty('resourceVersion');
    expect(o.metadata).not.toHaveProperty('selfLink');
    expect(o.metadata).not.toHaveProperty('deletionTimestamp');
    expect(o.metadata).not.toHaveProperty('deletionGracePeriodSeconds');
    expect(o.metadata.generation).toBe(1);
  });

  it('gives no generation to kinds that do not track one', () => {
    const o = obj({ name: 'cm', generation: 3 });
    prepareMetaForCreate(o, 'default', NOW, false);
    expect(o.metadata).not.toHaveProperty('generation');
  });

  it('sets the URL\'s namespace, and removes it for cluster-scoped kinds', () => {
    const ns = obj({ name: 'web' });
    prepareMetaForCreate(ns, 'prod', NOW, true);
    expect(ns.metadata.namespace).toBe('prod');
    const cluster = obj({ name: 'node-1', namespace: 'prod' });
    prepareMetaForCreate(cluster, undefined, NOW, true);
    expect(cluster.metadata).not.toHaveProperty('namespace');
  });

  it('drops empty labels, annotations and lists, as Go\'s omitempty would', () => {
    const o = obj({ name: 'web', labels: {}, annotations: {}, finalizers: [], ownerReferences: [], managedFields: [] });
    prepareMetaForCreate(o, 'default', NOW, true);
    expect(Object.keys(o.metadata).sort()).toEqual(['creationTimestamp', 'generation', 'name', 'namespace', 'uid']);
  });
});

describe('prepareMetaForUpdate', () => {
  const stored = (rest: Record<string, unknown> = {}): KObject =>
    obj({ name: 'web', namespace: 'default', uid: 'u-1', creationTimestamp: '2024-01-01T00:00:00Z', generation: 4, resourceVersion: '10', generateName: 'we-' }, {
      spec: { replicas: 1, template: { metadata: { labels: { app: 'web' } } } },
      ...rest,
    });

  it('keeps identity and lifecycle fields from the stored object whatever the client sent', () => {
    const next = obj(
      { name: 'other', namespace: 'elsewhere', uid: 'forged', creationTimestamp: '2020-01-01T00:00:00Z', deletionTimestamp: '2030-01-01T00:00:00Z', generateName: 'x-', resourceVersion: '10', selfLink: '/s' },
      { spec: { replicas: 1, template: { metadata: { labels: { app: 'web' } } } } },
    );
    prepareMetaForUpdate(next, stored(), true);
    expect(next.metadata).toEqual({ name: 'web', namespace: 'default', uid: 'u-1', creationTimestamp: '2024-01-01T00:00:00Z', generateName: 'we-', generation: 4 });
  });

  it('keeps deletion marks of an object being deleted', () => {
    const old = stored();
    old.metadata.deletionTimestamp = '2024-05-01T12:00:30Z';
    old.metadata.deletionGracePeriodSeconds = 30;
    const next = obj({ name: 'web' }, { spec: old.spec });
    prepareMetaForUpdate(next, old, true);
    expect(next.metadata).toMatchObject({ deletionTimestamp: '2024-05-01T12:00:30Z', deletionGracePeriodSeconds: 30 });
  });

  it('bumps generation when the spec changes', () => {
    const next = obj({ name: 'web' }, { spec: { replicas: 3, template: { metadata: { labels: { app: 'web' } } } } });
    prepareMetaForUpdate(next, stored(), true);
    expect(next.metadata.generation).toBe(5);
  });

  it('leaves generation alone for metadata and status changes', () => {
    const next = obj({ name: 'web', labels: { tier: 'front' }, annotations: { note: 'x' } }, {
      spec: { replicas: 1, template: { metadata: { labels: { app: 'web' } } } },
      status: { readyReplicas: 1 },
    });
    prepareMetaForUpdate(next, stored({ status: { readyReplicas: 0 } }), true);
    expect(next.metadata.generation).toBe(4);
  });

  it('does not bump generation when only key order differs', () => {
    const next = obj({ name: 'web' }, { spec: { template: { metadata: { labels: { app: 'web' } } }, replicas: 1 } });
    prepareMetaForUpdate(next, stored(), true);
    expect(next.metadata.generation).toBe(4);
  });

  it('counts fields outside spec (e.g. a ConfigMap-like data) as the spec part', () => {
    const old = stored({ data: { a: '1' } });
    const next = obj({ name: 'web' }, { spec: old.spec, data: { a: '2' } });
    prepareMetaForUpdate(next, old, true);
    expect(next.metadata.generation).toBe(5);
  });

  it('starts from generation 1 when the stored object has none', () => {
    const old = stored();
    delete old.metadata.generation;
    const next = obj({ name: 'web' }, { spec: { replicas: 9 } });
    prepareMetaForUpdate(next, old, true);
    expect(next.metadata.generation).toBe(2);
  });

  it('copies generation as stored for kinds that do not track one', () => {
    const changed = obj({ name: 'web', generation: 99 }, { spec: { replicas: 9 } });
    prepareMetaForUpdate(changed, stored(), false);
    expect(changed.metadata.generation).toBe(4);
    const old = stored();
    delete old.metadata.generation;
    const none = obj({ name: 'web', generation: 99 }, { spec: { replicas: 9 } });
    prepareMetaForUpdate(none, old, false);
    expect(none.metadata).not.toHaveProperty('generation');
  });
});

describe('sameObject', () => {
  const base = (): KObject => obj({ name: 'web', resourceVersion: '1', labels: { a: 'b' }, managedFields: [{ manager: 'kubectl', time: '2024-01-01T00:00:00Z' }] }, { spec: { replicas: 1 } });

  it('ignores resourceVersion and managedFields', () => {
    const b = base();
    b.metadata.resourceVersion = '2';
    b.metadata.managedFields = [{ manager: 'kubectl', time: '2024-05-01T00:00:00Z' }];
    expect(sameObject(base(), b)).toBe(true);
  });

  it('sees any other change', () => {
    const labels = base();
    labels.metadata.labels = { a: 'c' };
    expect(sameObject(base(), labels)).toBe(false);
    expect(sameObject(base(), { ...base(), spec: { replicas: 2 } })).toBe(false);
    expect(sameObject(base(), { ...base(), status: {} })).toBe(false);
  });
});
