import { describe, expect, it } from 'vitest';
import { isApiError, type ApiError } from '../errors.js';
import { LAST_APPLIED_ANNOTATION, serverSideApply, updateManagedFields, type ApplyOptions } from './index.js';
import type { JsonObject } from './json.js';

const GVK = { group: 'apps', version: 'v1', kind: 'Deployment' };
const T0 = new Date('2025-01-01T00:00:00.123Z');
const T1 = new Date('2025-01-01T00:05:00Z');
const opts = (over: Partial<ApplyOptions> = {}): ApplyOptions => ({ manager: 'kubectl', force: false, apiVersion: 'apps/v1', now: T0, gvk: GVK, ...over });

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const manifest = (image = 'nginx:1.25', replicas: number | null = 2): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    ...(replicas === null ? {} : { replicas }),
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
    },
  },
});

type Deploy = { metadata: { managedFields?: JsonObject[]; annotations?: Record<string, string> }; spec: { replicas?: number; template: { spec: { containers: JsonObject[] } } } };
const as = (o: unknown): Deploy => o as Deploy;

// What kubectl-client-side-apply leaves behind: the object, plus an Update entry for it.
function createdClientSide(): JsonObject {
  const obj = manifest();
  updateManagedFields(undefined, obj, { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', now: T0 });
  return obj;
}

describe('serverSideApply: create and re-apply', () => {
  it('creates the object with an Apply entry in Kubernetes fieldsV1 form', () => {
    const obj = serverSideApply(undefined, manifest(), opts());
    expect(as(obj).spec.replicas).toBe(2);
    expect(as(obj).metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('applying twice with a change updates values and removes what the applier dropped', () => {
    const first = serverSideApply(undefined, manifest(), opts());
    const second = serverSideApply(first, manifest('nginx:1.26', null), opts({ now: T1 }));
    expect(as(second).spec.replicas).toBeUndefined();
    expect(as(second).spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }]);
    const [entry] = as(second).metadata.managedFields ?? [];
    expect(entry?.time).toBe('2025-01-01T00:05:00Z');
    expect(JSON.stringify(entry?.fieldsV1)).not.toContain('f:replicas');
  });

  it('never modifies the live object', () => {
    const live = serverSideApply(undefined, manifest(), opts());
    const snapshot = structuredClone(live);
    const out = serverSideApply(live, { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2 } }, opts({ manager: 'b' }));
    (out.metadata as JsonObject).name = 'changed';
    expect(live).toEqual(snapshot);
  });

  it('an unchanged re-apply keeps the entry time', () => {
    const first = serverSideApply(undefined, manifest(), opts());
    const again = serverSideApply(first, manifest(), opts({ now: T1 }));
    expect(again).toEqual(first);
  });

  it('removes a dropped list item but keeps items others added', () => {
    const withSide = manifest();
    (as(withSide).spec.template.spec.containers).push({ name: 'side', image: 'busybox' });
    const first = serverSideApply(undefined, withSide, opts());
    const second = serverSideApply(first, manifest(), opts());
    expect(as(second).spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('does not remove a dropped field another manager also owns', () => {
    const a = serverSideApply(undefined, manifest(), opts({ manager: 'a' }));
    const ab = serverSideApply(a, manifest(), opts({ manager: 'b' }));
    const dropped = serverSideApply(ab, manifest('nginx:1.25', null), opts({ manager: 'a' }));
    expect(as(dropped).spec.replicas).toBe(2);
  });

  it('does not own status through the main resource', () => {
    const withStatus = { ...manifest(), status: { replicas: 5 } };
    const obj = serverSideApply(undefined, withStatus, opts());
    expect(JSON.stringify(as(obj).metadata.managedFields)).not.toContain('f:status');
  });

  it('treats applied nulls as unspecified', () => {
    const m = manifest();
    (m.metadata as JsonObject).creationTimestamp = null;
    const obj = serverSideApply(undefined, m, opts());
    expect('creationTimestamp' in (obj.metadata as JsonObject)).toBe(false);
  });

  it('merges sets (finalizers) by value', () => {
    const m = manifest();
    (m.metadata as JsonObject).finalizers = ['example.com/a'];
    const live = { ...manifest(), metadata: { ...(manifest().metadata as JsonObject), finalizers: ['example.com/b'] } };
    updateManagedFields(undefined, live, { manager: 'ctl', apiVersion: 'apps/v1', now: T0 });
    const obj = serverSideApply(live, m, opts());
    expect((obj.metadata as JsonObject).finalizers).toEqual(['example.com/b', 'example.com/a']);
    expect(JSON.stringify(as(obj).metadata.managedFields?.[0]?.fieldsV1)).toContain('"v:\\"example.com/a\\"":{}');
  });
});

describe('serverSideApply: conflicts', () => {
  it('refuses to change a field an Update manager set, with the Kubernetes message', () => {
    const e = caught(() => serverSideApply(createdClientSide(), manifest('nginx:1.25', 3), opts({ manager: 'other' })));
    expect(e.code).toBe(409);
    expect(e.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
      code: 409,
    });
  });

  it('lists several conflicts grouped by manager', () => {
    const e = caught(() => serverSideApply(createdClientSide(), manifest('nginx:2', 3), opts({ manager: 'other' })));
    expect(e.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(e.status.details?.causes?.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('applying equal values is no conflict and shares ownership', () => {
    const obj = serverSideApply(createdClientSide(), manifest(), opts({ manager: 'other' }));
    const managers = as(obj).metadata.managedFields ?? [];
    expect(managers.map((m) => [m.manager, m.operation])).toEqual([
      ['other', 'Apply'],
      ['kubectl-client-side-apply', 'Update'],
    ]);
    expect(JSON.stringify(managers[1]?.fieldsV1)).toContain('f:replicas');
  });

  it('force takes the conflicting fields over', () => {
    const obj = serverSideApply(createdClientSide(), manifest('nginx:1.25', 3), opts({ manager: 'other', force: true }));
    expect(as(obj).spec.replicas).toBe(3);
    const csa = (as(obj).metadata.managedFields ?? []).find((m) => m.manager === 'kubectl-client-side-apply');
    expect(JSON.stringify(csa?.fieldsV1)).not.toContain('f:replicas');
    expect(JSON.stringify(csa?.fieldsV1)).toContain('f:image');
  });

  it('conflicts between appliers too', () => {
    const a = serverSideApply(undefined, manifest(), opts({ manager: 'a' }));
    const e = caught(() => serverSideApply(a, manifest('nginx:1.25', 4), opts({ manager: 'b' })));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "a": .spec.replicas');
  });

  it('an object without managed fields is owned by before-first-apply', () => {
    const e = caught(() => serverSideApply(manifest(), manifest('nginx:1.25', 3), opts({ manager: 'other' })));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  });

  it('kubectl takes over fields listed in its own last-applied annotation, and keeps the annotation in step', () => {
    const live = createdClientSide();
    const lastApplied = JSON.stringify(manifest());
    (live.metadata as JsonObject).annotations = { [LAST_APPLIED_ANNOTATION]: lastApplied };
    const obj = serverSideApply(live, manifest('nginx:1.26', 3), opts({ manager: 'kubectl' }));
    expect(as(obj).spec.replicas).toBe(3);
    const annotation = as(obj).metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '';
    expect(JSON.parse(annotation)).toEqual(manifest('nginx:1.26', 3));
    expect(annotation.startsWith('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{')).toBe(true);
  });

  it('kubectl still conflicts on fields its last-applied annotation does not list', () => {
    const live = createdClientSide();
    const partial = manifest();
    delete (partial.spec as JsonObject).replicas;
    (live.metadata as JsonObject).annotations = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(partial) };
    const e = caught(() => serverSideApply(live, manifest('nginx:2', 3), opts({ manager: 'kubectl' })));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it('names subresource managers in conflicts', () => {
    const live = serverSideApply(undefined, manifest(), opts({ manager: 'a' }));
    const scaled = structuredClone(live);
    as(scaled).spec.replicas = 5;
    updateManagedFields(live, scaled, { manager: 'kubectl-scale', apiVersion: 'apps/v1', subresource: 'scale', now: T1 });
    const e = caught(() => serverSideApply(scaled, manifest(), opts({ manager: 'a' })));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it('other managers get no such upgrade', () => {
    const live = createdClientSide();
    (live.metadata as JsonObject).annotations = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(manifest()) };
    expect(caught(() => serverSideApply(live, manifest('nginx:1.25', 3), opts({ manager: 'helm' }))).code).toBe(409);
  });
});

describe('serverSideApply: bad requests', () => {
  it('requires the endpoint kind', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    const e = caught(() => serverSideApply(undefined, pod, opts()));
    expect([e.code, e.message]).toEqual([400, 'invalid object type: /v1, Kind=Pod']);
  });
  it('refuses managedFields in the configuration', () => {
    const m = manifest();
    (m.metadata as JsonObject).managedFields = [];
    expect(caught(() => serverSideApply(undefined, m, opts())).message).toBe('metadata.managedFields must be nil');
  });
  it('refuses list items without their key', () => {
    const m = manifest();
    as(m).spec.template.spec.containers.push({ image: 'busybox' });
    const e = caught(() => serverSideApply(undefined, m, opts()));
    expect(e.code).toBe(500);
    expect(e.message).toBe(
      '.spec.template.spec.containers: element 1: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });
});
