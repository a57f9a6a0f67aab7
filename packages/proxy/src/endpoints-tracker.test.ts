import type { EndpointSlice } from '@kubelite/api';
import { SharedIndexInformer, type ListerWatcher } from '@kubelite/client';
import { describe, expect, it } from 'vitest';
import { EndpointsTracker, usableEndpoints, type ProxyEndpoint } from './endpoints-tracker.js';

const never: ListerWatcher<EndpointSlice> = {
  list: () => Promise.reject(new Error('not started')),
  watch: () => Promise.reject(new Error('not started')),
};

const slice = (name: string, svc: string, over: Partial<EndpointSlice> = {}): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': svc } },
  addressType: 'IPv4',
  endpoints: [],
  ports: [],
  ...over,
});

/** A tracker over an informer that is never started: the test fills its cache directly. */
function tracker(...slices: EndpointSlice[]): EndpointsTracker {
  const informer = new SharedIndexInformer<EndpointSlice>(never);
  const t = new EndpointsTracker(informer, () => undefined);
  for (const s of slices) informer.getIndexer().add(s);
  return t;
}

const e = (host: string, over: Partial<ProxyEndpoint> = {}): ProxyEndpoint => ({ host, port: 80, ready: true, serving: true, terminating: false, ...over });

describe('EndpointsTracker', () => {
  it('maps a service port to the slice port of the same name and protocol, over all of its slices', () => {
    const t = tracker(
      slice('web-1', 'web', {
        endpoints: [{ addresses: ['10.0.0.1', '10.0.0.9'], conditions: { ready: true }, nodeName: 'n1' }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }],
      }),
      slice('web-2', 'web', { endpoints: [{ addresses: ['10.0.0.2'], conditions: { ready: false } }], ports: [{ name: 'http', port: 8081, protocol: 'TCP' }] }),
      slice('web-3', 'web', { endpoints: [{ addresses: ['10.0.0.3'] }], ports: [{ name: 'http', port: 53, protocol: 'UDP' }] }),
      slice('web-4', 'web', { addressType: 'FQDN', endpoints: [{ addresses: ['example.com'] }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
      slice('other-1', 'other', { endpoints: [{ addresses: ['10.0.0.4'] }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
    );
    expect(t.endpointsFor('default', 'web', 'http', 'TCP')).toEqual([
      { host: '10.0.0.1', port: 8080, ready: true, serving: true, terminating: false, nodeName: 'n1' },
      { host: '10.0.0.2', port: 8081, ready: false, serving: false, terminating: false },
    ]);
    expect(t.endpointsFor('default', 'web', 'metrics', 'TCP').map((x) => `${x.host}:${x.port}`)).toEqual(['10.0.0.1:9100']);
    expect(t.endpointsFor('default', 'web', 'http', 'UDP').map((x) => `${x.host}:${x.port}`)).toEqual(['10.0.0.3:53']);
    expect(t.endpointsFor('default', 'web', '', 'TCP')).toEqual([]);
    expect(t.endpointsFor('kube-system', 'web', 'http', 'TCP')).toEqual([]);
  });

  it('reads unset conditions as upstream: ready unless false, serving defaults to ready', () => {
    const t = tracker(
      slice('s-1', 's', {
        endpoints: [
          { addresses: ['10.0.0.1'] },
          { addresses: ['10.0.0.2'], conditions: { ready: false, serving: true, terminating: true } },
          { addresses: ['10.0.0.1'], conditions: { ready: false } }, // duplicate: the first wins
        ],
        ports: [{ name: '', port: 80, protocol: 'TCP' }],
      }),
    );
    expect(t.endpointsFor('default', 's', '', 'TCP')).toEqual([e('10.0.0.1'), e('10.0.0.2', { ready: false, serving: true, terminating: true })]);
  });
});

describe('usableEndpoints', () => {
  const all = [
    e('10.0.0.1', { nodeName: 'n1' }),
    e('10.0.0.2', { ready: false, serving: false, nodeName: 'n1' }),
    e('10.0.0.3', { ready: false, serving: true, terminating: true, nodeName: 'n2' }),
  ];
  const hosts = (xs: ProxyEndpoint[]): string[] => xs.map((x) => x.host);

  it('takes the ready endpoints', () => {
    expect(hosts(usableEndpoints(all, false, 'n1'))).toEqual(['10.0.0.1']);
  });

  it('falls back to serving terminating endpoints when none is ready', () => {
    expect(hosts(usableEndpoints(all.slice(1), false, 'n1'))).toEqual(['10.0.0.3']);
    expect(hosts(usableEndpoints([all[1]!], false, 'n1'))).toEqual([]);
  });

  it('keeps only this node’s endpoints for externalTrafficPolicy Local', () => {
    expect(hosts(usableEndpoints(all, true, 'n2'))).toEqual(['10.0.0.3']);
    expect(hosts(usableEndpoints(all, true, 'n3'))).toEqual([]);
  });
});
