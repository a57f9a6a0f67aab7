// The reconciler's arithmetic without a cluster: slice sizes, reuse of slices, placeholders,
// port groups and foreign slices.
import type { EndpointSlice, Pod, Service } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { desiredEndpoints } from './desired.js';
import { reconcile, type ReconcileResult } from './reconciler.js';

const svc: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid' },
  spec: { clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
};

const pod = (i: number, port = 8080, ready = true): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `p${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' } },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: port }] }] },
  status: { phase: 'Running', podIP: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const nodes = (): { metadata: { name: string } } => ({ metadata: { name: 'n1' } });
const plan = (pods: Pod[], existing: EndpointSlice[] = [], max = 100): ReconcileResult => reconcile(svc, desiredEndpoints(svc, pods, nodes).groups, existing, max);

/** What the apiserver would hand back: a name and uid for each created slice. */
const persisted = (r: ReconcileResult): EndpointSlice[] => [...r.update, ...r.create.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `web-${i}`, uid: `slice-${i}` } }))];

describe('EndpointSlice reconciler', () => {
  it('puts at most maxEndpointsPerSlice endpoints in a slice', () => {
    const r = plan(Array.from({ length: 250 }, (_, i) => pod(i)));
    expect(r.create.map((s) => s.endpoints?.length)).toEqual([100, 100, 50]);
    expect(r.update).toEqual([]);
  });

  it('is idempotent, and touches only the slice that changed', () => {
    const pods = Array.from({ length: 150 }, (_, i) => pod(i));
    const existing = persisted(plan(pods));
    expect(plan(pods, existing)).toEqual({ create: [], update: [], delete: [] });
    const r = plan(pods.slice(1), existing);
    expect(r.create).toEqual([]);
    expect(r.delete).toEqual([]);
    expect(r.update).toHaveLength(1);
    expect(r.update[0]!.endpoints).toHaveLength(99);
  });

  it('reports a not-ready pod as not ready and not serving', () => {
    const [slice] = plan([pod(1, 8080, false)]).create;
    expect(slice!.endpoints?.[0]?.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('keeps one placeholder slice when nothing is selected', () => {
    const r = plan([]);
    expect(r.create).toHaveLength(1);
    expect(r.create[0]!.endpoints).toEqual([]);
    expect(plan([], persisted(r))).toEqual({ create: [], update: [], delete: [] });
  });

  it('groups pods whose named port resolves differently into different slices', () => {
    const r = plan([pod(1, 8080), pod(2, 9090)]);
    expect(r.create.map((s) => s.ports?.[0]?.port).sort()).toEqual([8080, 9090]);
  });

  it('deletes slices owned by another Service of the same name, rewrites rather than recreates', () => {
    const foreign = { ...persisted(plan([pod(1)]))[0]!, metadata: { name: 'web-old', uid: 'x', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'old', controller: true }] } };
    const r = plan([pod(1)], [foreign]);
    expect(r.delete.map((s) => s.metadata.name)).toEqual(['web-old']);
    expect(r.create).toHaveLength(1);
    // An owned slice whose ports are no longer wanted becomes the new slice instead of a delete+create.
    const mine = persisted(plan([pod(1, 8080)]));
    const moved = plan([pod(1, 9090)], mine);
    expect(moved.create).toEqual([]);
    expect(moved.delete).toEqual([]);
    expect(moved.update[0]!.metadata.name).toBe('web-0');
    expect(moved.update[0]!.ports?.[0]?.port).toBe(9090);
  });

  it('leaves out finished pods and pods without an IP, keeps terminating ones', () => {
    const done = { ...pod(1), spec: { ...pod(1).spec, restartPolicy: 'Never' }, status: { ...pod(1).status, phase: 'Succeeded' } };
    const noIp = { ...pod(2), status: { phase: 'Pending' } };
    const leaving = { ...pod(3), metadata: { ...pod(3).metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } };
    const [slice] = plan([done, noIp, leaving] as Pod[]).create;
    expect(slice!.endpoints?.map((e) => [e.targetRef?.name, e.conditions])).toEqual([['p3', { ready: false, serving: true, terminating: true }]]);
  });
});
