import { describe, expect, it } from 'vitest';
import { updateManagedFields } from './index.js';
import type { JsonObject } from './json.js';

const T0 = new Date('2025-01-01T00:00:00.999Z');
const T1 = new Date('2025-01-01T01:00:00Z');

const pod = (): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'u1', resourceVersion: '5', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

type Entry = { manager: string; operation: string; time?: string; subresource?: string; fieldsV1: JsonObject };
const entries = (o: JsonObject): Entry[] => ((o.metadata as JsonObject).managedFields ?? []) as Entry[];
const clone = <T>(v: T): T => structuredClone(v);

describe('updateManagedFields', () => {
  it('records an Update entry owning everything a create set, without identity metadata', () => {
    const obj = pod();
    updateManagedFields(undefined, obj, { manager: 'kubectl-create', apiVersion: 'v1', now: T0 });
    expect(entries(obj)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    ]);
  });

  it('moves changed fields to the writer and keeps the rest with their owner', () => {
    const live = pod();
    updateManagedFields(undefined, live, { manager: 'creator', apiVersion: 'v1', now: T0 });
    const next = clone(live);
    ((next.spec as JsonObject).containers as JsonObject[])[0]!.image = 'nginx:2';
    updateManagedFields(live, next, { manager: 'kubectl-set', apiVersion: 'v1', now: T1 });
    const [creator, setter] = entries(next);
    expect(creator?.manager).toBe('creator');
    expect(JSON.stringify(creator?.fieldsV1)).not.toContain('f:image');
    expect(setter).toMatchObject({ manager: 'kubectl-set', time: '2025-01-01T01:00:00Z' });
    expect(setter?.fieldsV1).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { 'f:image': {} } } } });
  });

  it('drops removed fields from every manager, and managers left with nothing', () => {
    const live = pod();
    updateManagedFields(undefined, live, { manager: 'creator', apiVersion: 'v1', now: T0 });
    const next = clone(live);
    ((next.metadata as JsonObject).labels as JsonObject).tier = 'x';
    updateManagedFields(live, next, { manager: 'labeler', apiVersion: 'v1', now: T0 });
    const removed = clone(next);
    delete ((removed.metadata as JsonObject).labels as JsonObject).tier;
    updateManagedFields(next, removed, { manager: 'kubectl-label', apiVersion: 'v1', now: T1 });
    expect(entries(removed).map((e) => e.manager)).toEqual(['creator']);
  });

  it('leaves the entry alone for a write that changes nothing', () => {
    const live = pod();
    updateManagedFields(undefined, live, { manager: 'creator', apiVersion: 'v1', now: T0 });
    const next = clone(live);
    updateManagedFields(live, next, { manager: 'creator', apiVersion: 'v1', now: T1 });
    expect(entries(next)).toEqual(entries(live));
  });

  it('records status writes as the status subresource, and only status', () => {
    const live = pod();
    updateManagedFields(undefined, live, { manager: 'creator', apiVersion: 'v1', now: T0 });
    const next = clone(live);
    next.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    (next.metadata as JsonObject).labels = { app: 'web', sneaky: 'x' };
    updateManagedFields(live, next, { manager: 'kubelet', apiVersion: 'v1', subresource: 'status', now: T1 });
    const kubelet = entries(next).find((e) => e.manager === 'kubelet');
    expect(kubelet?.subresource).toBe('status');
    expect(kubelet?.fieldsV1).toEqual({
      'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:phase': {} },
    });
  });

  it('keeps untracked objects untracked (no managed fields before the update)', () => {
    const live = pod();
    const next = clone(live);
    (next.metadata as JsonObject).labels = { app: 'other' };
    updateManagedFields(live, next, { manager: 'x', apiVersion: 'v1', now: T0 });
    expect('managedFields' in (next.metadata as JsonObject)).toBe(false);
  });

  it('lets a request reset managed fields with a single empty entry', () => {
    const live = pod();
    updateManagedFields(undefined, live, { manager: 'creator', apiVersion: 'v1', now: T0 });
    const next = clone(live);
    (next.metadata as JsonObject).managedFields = [{}];
    updateManagedFields(live, next, { manager: 'x', apiVersion: 'v1', now: T1 });
    expect('managedFields' in (next.metadata as JsonObject)).toBe(false);
  });

  it('orders Apply entries before Update entries, then by time', () => {
    const live = pod();
    (live.metadata as JsonObject).managedFields = [
      { manager: 'b', operation: 'Update', apiVersion: 'v1', time: '2025-01-02T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } } },
      { manager: 'a', operation: 'Update', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:containers': {} } } },
      { manager: 'z', operation: 'Apply', apiVersion: 'v1', time: '2025-01-03T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:nodeName': {} } } },
    ];
    const next = clone(live);
    updateManagedFields(live, next, { manager: 'b', apiVersion: 'v1', now: T1 });
    expect(entries(next).map((e) => e.manager)).toEqual(['z', 'a', 'b']);
  });
});
