import { describe, expect, it } from 'vitest';
import type { KObject } from '../../strategy.js';
import { CORE_STRATEGIES } from './index.js';
import { NODE_TABLE } from './nodes.js';
import { SERVICE_TABLE, serviceStrategy } from './services.js';
import { ENDPOINTS_TABLE } from './endpoints.js';
import { EVENT_TABLE, eventStrategy } from './events.js';
import { namespaceStrategy } from './namespaces.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const meta = (name: string): Record<string, unknown> => ({ name, creationTimestamp: '2024-04-30T12:00:00Z' });
const obj = (o: Record<string, unknown>): KObject => o as unknown as KObject;

describe('CORE_STRATEGIES', () => {
  it('covers the core resources', () => {
    expect(Object.keys(CORE_STRATEGIES).sort()).toEqual([
      '/configmaps', '/endpoints', '/events', '/namespaces', '/nodes', '/pods', '/secrets', '/serviceaccounts', '/services',
    ]);
  });

  it('prints data counts for config maps, secrets and service accounts', () => {
    const now = NOW;
    expect(CORE_STRATEGIES['/configmaps']?.table?.cells(obj({ metadata: meta('c'), data: { a: '1' }, binaryData: { b: 'AA==' } }), now)).toEqual(['c', 2, '24h']);
    expect(CORE_STRATEGIES['/secrets']?.table?.cells(obj({ metadata: meta('s'), type: 'Opaque', data: { a: 'YQ==' } }), now)).toEqual(['s', 'Opaque', 1, '24h']);
    expect(CORE_STRATEGIES['/serviceaccounts']?.table?.cells(obj({ metadata: meta('default') }), now)).toEqual(['default', 0, '24h']);
  });
});

describe('node table', () => {
  const node = (extra: Record<string, unknown>): KObject => obj({
    metadata: { ...meta('n1'), labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' } },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'docker://27.0.0' },
    },
    ...extra,
  });

  it('prints status, roles and system info', () => {
    expect(NODE_TABLE.cells(node({}), NOW)).toEqual([
      'n1', 'Ready', 'control-plane,edge', '24h', 'v1.32.0', '172.18.0.2', '<none>', 'Debian GNU/Linux 12', '6.1.0', 'docker://27.0.0',
    ]);
  });

  it('shows cordoned and unreported nodes', () => {
    expect(NODE_TABLE.cells(node({ spec: { unschedulable: true } }), NOW)[1]).toBe('Ready,SchedulingDisabled');
    const bare = obj({ metadata: meta('n2') });
    expect(NODE_TABLE.cells(bare, NOW)).toEqual(['n2', 'Unknown', '<none>', '24h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('service table and strategy', () => {
  it('prints ports, node ports and selectors', () => {
    const svc = obj({
      metadata: meta('web'),
      spec: { type: 'NodePort', clusterIPs: ['10.96.0.20'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { tier: 'fe', app: 'web' } },
    });
    expect(SERVICE_TABLE.cells(svc, NOW)).toEqual(['web', 'NodePort', '10.96.0.20', '<none>', '80:30080/TCP,53/UDP', '24h', 'app=web,tier=fe']);
    const lb = obj({ metadata: meta('lb'), spec: { type: 'LoadBalancer', ports: [] } });
    expect(SERVICE_TABLE.cells(lb, NOW)).toEqual(['lb', 'LoadBalancer', '<none>', '<pending>', '<none>', '24h', '<none>']);
  });

  it('names services by DNS-1035 label and starts them with an empty load balancer status', () => {
    expect(serviceStrategy.nameValidator?.('9web', false)).toHaveLength(1);
    expect(serviceStrategy.nameValidator?.('web-', true)).toEqual([]);
    const svc = obj({ metadata: meta('web'), spec: { ports: [{ port: 80 }] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } });
    serviceStrategy.prepareForCreate?.(svc);
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('keeps the allocated cluster IP when an update leaves it out', () => {
    const old = obj({ metadata: meta('web'), spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ports: [{ port: 80 }] } });
    const next = obj({ metadata: meta('web'), spec: { ports: [{ port: 80 }] } });
    serviceStrategy.prepareForUpdate?.(next, old);
    serviceStrategy.defaults?.(next);
    expect(serviceStrategy.validateUpdate?.(next, old)).toEqual([]);
    expect(next.spec).toMatchObject({ clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] });
  });
});

describe('endpoints table', () => {
  it('lists at most three addresses', () => {
    const ep = obj({
      metadata: meta('web'),
      subsets: [{ addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3', 'fd00::4'].map((ip) => ({ ip })), ports: [{ port: 80 }] }],
    });
    expect(ENDPOINTS_TABLE.cells(ep, NOW)).toEqual(['web', '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...', '24h']);
    expect(ENDPOINTS_TABLE.cells(obj({ metadata: meta('none') }), NOW)[1]).toBe('<none>');
  });
});

describe('event table and selectors', () => {
  const ev = obj({
    metadata: { ...meta('web.17c'), namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{app}' },
    reason: 'Pulled', message: 'Container image "nginx" already present on machine\n', type: 'Normal',
    source: { component: 'kubelet', host: 'n1' },
    firstTimestamp: '2024-05-01T11:00:00Z', lastTimestamp: '2024-05-01T11:59:00Z', count: 4,
  });

  it('prints kubectl get events columns in 1.32 order', () => {
    expect(EVENT_TABLE.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Last Seen', 0], ['Type', 0], ['Reason', 0], ['Object', 0], ['Subobject', 1], ['Source', 1], ['Message', 0],
      ['First Seen', 1], ['Count', 1], ['Name', 1],
    ]);
    expect(EVENT_TABLE.cells(ev, NOW)).toEqual([
      '60s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{app}', 'kubelet, n1', 'Container image "nginx" already present on machine', '60m', 4, 'web.17c',
    ]);
  });

  it('selects by involved object and source', () => {
    expect(eventStrategy.selectableFields?.(ev)).toMatchObject({
      'involvedObject.kind': 'Pod', 'involvedObject.name': 'web', 'involvedObject.fieldPath': 'spec.containers{app}', source: 'kubelet', type: 'Normal',
    });
  });
});

describe('namespace strategy', () => {
  it('creates namespaces Active with the kubernetes finalizer and name label', () => {
    const ns = obj({ metadata: { name: 'team-a' } });
    namespaceStrategy.prepareForCreate?.(ns);
    expect(ns).toEqual({ metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect(namespaceStrategy.table?.cells(obj({ ...ns, metadata: meta('team-a') }), NOW)).toEqual(['team-a', 'Active', '24h']);
  });

  it('keeps finalizers and status on plain updates of a live namespace', () => {
    const old = obj({ metadata: { name: 'a' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    const next = obj({ metadata: { name: 'a' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } });
    namespaceStrategy.prepareForUpdate?.(next, old);
    expect(next).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect(namespaceStrategy.nameValidator?.('Bad.Name', false)?.length).toBeGreaterThan(0);
  });
});
