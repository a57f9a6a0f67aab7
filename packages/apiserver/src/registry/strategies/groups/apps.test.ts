import { describe, expect, it } from 'vitest';
import type { KObject, Strategy } from '../../strategy.js';
import { GROUP_STRATEGIES } from './index.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const strategy = (key: string): Strategy => GROUP_STRATEGIES[key] as Strategy;

/** What the registry does on create, in its order: metadata, prepareForCreate, defaults. */
function create(key: string, obj: KObject): KObject {
  obj.metadata.uid ??= 'uid-1';
  obj.metadata.creationTimestamp ??= '2024-05-01T11:55:00Z';
  strategy(key).prepareForCreate?.(obj);
  strategy(key).defaults?.(obj);
  return obj;
}

function deployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] },
      },
    },
    status: { readyReplicas: 9 },
  };
}

const names = (s: Strategy): string[] => s.table?.columns.map((c) => `${c.name}:${c.type}:${c.priority}`) ?? [];

describe('apps/deployments', () => {
  it('prints the columns kubectl get deployments shows', () => {
    const s = strategy('apps/deployments');
    expect(names(s)).toEqual([
      'Name:string:0', 'Ready:string:0', 'Up-to-date:string:0', 'Available:string:0', 'Age:string:0',
      'Containers:string:1', 'Images:string:1', 'Selector:string:1',
    ]);
    const d = create('apps/deployments', deployment());
    d.status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    expect(s.table?.cells(d, NOW)).toEqual(['web', '2/3', 3, 2, '5m', 'nginx,side', 'nginx:1.27,busybox', 'app=web']);
  });

  it('creates with an empty status and defaults, and validates cleanly', () => {
    const d = create('apps/deployments', deployment());
    expect(d.status).toEqual({});
    expect(d.spec).toMatchObject({ strategy: { type: 'RollingUpdate' }, revisionHistoryLimit: 10 });
    expect(strategy('apps/deployments').validate?.(d)).toEqual([]);
  });

  it('bumps the generation when only annotations change', () => {
    const old = create('apps/deployments', deployment());
    old.metadata.generation = 4;
    const next = structuredClone(old);
    next.metadata.generation = 4;
    next.metadata.annotations = { 'kubernetes.io/change-cause': 'x' };
    strategy('apps/deployments').prepareForUpdate?.(next, old);
    expect(next.metadata.generation).toBe(5);
  });
});

describe('apps/replicasets', () => {
  it('prints desired/current/ready and selects on status.replicas', () => {
    const s = strategy('apps/replicasets');
    const rs = create('apps/replicasets', { ...deployment(), kind: 'ReplicaSet' });
    expect(rs.status).toEqual({ replicas: 0 });
    rs.status = { replicas: 3, readyReplicas: 1 };
    expect(names(s)).toEqual([
      'Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0',
      'Containers:string:1', 'Images:string:1', 'Selector:string:1',
    ]);
    expect(s.table?.cells(rs, NOW)).toEqual(['web', 3, 3, 1, '5m', 'nginx,side', 'nginx:1.27,busybox', 'app=web']);
    expect(s.selectableFields?.(rs)).toEqual({ 'status.replicas': '3' });
    expect(s.selectableFields?.({ metadata: {} })).toEqual({ 'status.replicas': '0' });
  });
});

describe('apps/daemonsets', () => {
  it('records the template generation and moves it with the template', () => {
    const s = strategy('apps/daemonsets');
    const ds = create('apps/daemonsets', { ...deployment(), kind: 'DaemonSet' });
    expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(ds.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    const next = structuredClone(ds);
    (next.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]!.image = 'nginx:2';
    s.prepareForUpdate?.(next, ds);
    expect(next.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });

  it('prints node selector and counts', () => {
    const s = strategy('apps/daemonsets');
    const ds = create('apps/daemonsets', { ...deployment(), kind: 'DaemonSet' });
    ds.status = { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 };
    expect(s.table?.cells(ds, NOW).slice(0, 8)).toEqual(['web', 2, 2, 1, 2, 1, '<none>', '5m']);
    expect(s.table?.columns.map((c) => c.name)).toEqual([
      'Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector',
    ]);
  });
});

describe('apps/statefulsets', () => {
  it('prints ready/desired and keeps the pod count in status', () => {
    const s = strategy('apps/statefulsets');
    const sts = create('apps/statefulsets', { ...deployment(), kind: 'StatefulSet' });
    expect(sts.status).toEqual({ replicas: 0, availableReplicas: 0 });
    expect(s.table?.cells(sts, NOW)).toEqual(['web', '0/3', '5m', 'nginx,side', 'nginx:1.27,busybox']);
    expect(s.validate?.(sts)).toEqual([]);
  });
});
