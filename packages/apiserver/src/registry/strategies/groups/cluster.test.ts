import { describe, expect, it } from 'vitest';
import type { KObject, Strategy } from '../../strategy.js';
import { GROUP_STRATEGIES } from './index.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const s = (key: string): Strategy => GROUP_STRATEGIES[key] as Strategy;
const meta = (name: string): KObject['metadata'] => ({ name, namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' });

describe('coordination.k8s.io/leases', () => {
  it('prints the holder and keeps no generation', () => {
    const lease: KObject = { metadata: meta('node-1'), spec: { holderIdentity: 'node-1', renewTime: '2024-05-01T11:59:59Z' } };
    s('coordination.k8s.io/leases').defaults?.(lease);
    expect((lease.spec as { renewTime: string }).renewTime).toBe('2024-05-01T11:59:59.000000Z');
    expect(s('coordination.k8s.io/leases').table?.cells(lease, NOW)).toEqual(['node-1', 'node-1', '60m']);
    expect(s('coordination.k8s.io/leases').tracksGeneration).toBe(false);
  });
});

describe('discovery.k8s.io/endpointslices', () => {
  it('prints ports and the first three addresses', () => {
    const slice: KObject = {
      metadata: meta('web-x1'),
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4', '10.0.0.5'] }],
      ports: [{ port: 80, name: 'http' }, { name: 'dns' }],
    };
    s('discovery.k8s.io/endpointslices').defaults?.(slice);
    expect(s('discovery.k8s.io/endpointslices').table?.cells(slice, NOW)).toEqual([
      'web-x1', 'IPv4', '80,dns', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '60m',
    ]);
    expect(s('discovery.k8s.io/endpointslices').table?.cells({ metadata: meta('e'), addressType: 'IPv4', endpoints: null }, NOW)).toEqual([
      'e', 'IPv4', '<unset>', '<unset>', '60m',
    ]);
  });
});

describe('events.k8s.io/events', () => {
  const event = (): KObject => ({
    metadata: meta('web.17a'),
    eventTime: '2024-05-01T11:58:00.000000Z',
    reportingController: 'deployment-controller',
    reportingInstance: 'cm-1',
    action: 'Scale',
    reason: 'ScalingReplicaSet',
    regarding: { kind: 'Deployment', namespace: 'default', name: 'web' },
    note: 'Scaled up replica set web-1 to 3 ',
    type: 'Normal',
  });

  it('prints as kubectl get events does, from the v1 fields', () => {
    const t = s('events.k8s.io/events').table;
    expect(t?.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
    expect(t?.cells(event(), NOW)).toEqual([
      '2m', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller, cm-1', 'Scaled up replica set web-1 to 3', '2m', 1, 'web.17a',
    ]);
    const series = { ...event(), series: { count: 4, lastObservedTime: '2024-05-01T11:59:30.000000Z' } };
    expect(t?.cells(series, NOW).slice(0, 1).concat(t.cells(series, NOW).slice(8, 9))).toEqual(['30s', 4]);
  });

  it('selects on the regarding object', () => {
    const fields = s('events.k8s.io/events').selectableFields?.(event());
    expect(fields).toMatchObject({ 'regarding.kind': 'Deployment', 'regarding.name': 'web', reason: 'ScalingReplicaSet', type: 'Normal' });
  });
});

describe('policy/poddisruptionbudgets', () => {
  it('prints bounds and allowed disruptions', () => {
    const pdb: KObject = { metadata: meta('web'), spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } } };
    s('policy/poddisruptionbudgets').prepareForCreate?.(pdb);
    s('policy/poddisruptionbudgets').defaults?.(pdb);
    expect(pdb.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(s('policy/poddisruptionbudgets').table?.cells(pdb, NOW)).toEqual(['web', '50%', 'N/A', 0, '60m']);
  });
});

describe('autoscaling/horizontalpodautoscalers', () => {
  it('prints reference, targets and bounds', () => {
    const hpa: KObject = { metadata: meta('web'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 10 } };
    s('autoscaling/horizontalpodautoscalers').prepareForCreate?.(hpa);
    s('autoscaling/horizontalpodautoscalers').defaults?.(hpa);
    expect(s('autoscaling/horizontalpodautoscalers').table?.cells(hpa, NOW)).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/80%', '1', 10, 0, '60m']);
    hpa.status = { desiredReplicas: 2, currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 35 } } }] };
    expect(s('autoscaling/horizontalpodautoscalers').table?.cells(hpa, NOW)[2]).toBe('cpu: 35%/80%');
  });
});

describe('rbac.authorization.k8s.io', () => {
  it('prints bindings with their subjects and leaves roles to the default table', () => {
    const rb: KObject = {
      metadata: meta('read'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'User', name: 'joe' }, { kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    };
    expect(s('rbac.authorization.k8s.io/rolebindings').table?.cells(rb, NOW)).toEqual(['read', 'Role/reader', '60m', 'jane, joe', '', 'default/default']);
    expect(s('rbac.authorization.k8s.io/roles').table).toBeUndefined();
    expect(s('rbac.authorization.k8s.io/clusterroles').nameValidator?.('system:aggregate-to-view', false)).toEqual([]);
  });
});
