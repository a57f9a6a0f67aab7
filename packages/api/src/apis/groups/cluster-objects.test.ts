import { describe, expect, it } from 'vitest';
import { fieldErrorMessage, type FieldError } from '../../field.js';
import { coreEventToV1, eventsV1ToCore } from './event-conversion.js';
import { setDefaultsEventsV1Event, validateEventsV1Event, validateEventsV1EventUpdate } from './event.js';
import type { EventsV1Event } from './event-types.js';
import { setDefaultsEndpointSlice, validateEndpointSlice, validateEndpointSliceUpdate, type EndpointSlice } from './endpointslice.js';
import { setDefaultsHorizontalPodAutoscaler, validateHorizontalPodAutoscaler, type HorizontalPodAutoscaler } from './hpa.js';
import { dropDisabledLeaseFields, setDefaultsLease, validateLease, type Lease } from './lease.js';
import { toMicroTime } from './microtime.js';
import { validatePodDisruptionBudget } from './policy.js';

const msgs = (errs: FieldError[]): string[] => errs.map(fieldErrorMessage);

describe('Lease and MicroTime', () => {
  it('writes times as UTC with six fractional digits', () => {
    expect(toMicroTime('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000000Z');
    expect(toMicroTime('2024-05-01T12:00:00.1234567+02:00')).toBe('2024-05-01T10:00:00.123456Z');
    expect(toMicroTime('yesterday')).toBeUndefined();
  });

  it('normalises renewTime and rejects what is not a time', () => {
    const lease: Lease = { metadata: { name: 'node-1' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-05-01T10:00:00Z' } };
    setDefaultsLease(lease);
    expect(lease.spec?.renewTime).toBe('2024-05-01T10:00:00.000000Z');
    expect(validateLease(lease)).toEqual([]);
    const bad: Lease = { metadata: { name: 'x' }, spec: { leaseDurationSeconds: 0, acquireTime: 'soon', leaseTransitions: -1 } };
    expect(msgs(validateLease(bad))).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
      'spec.acquireTime: Invalid value: "soon": must be an RFC 3339 time with microseconds (2006-01-02T15:04:05.000000Z07:00)',
    ]);
  });

  it('drops coordinated-election fields (alpha, off in 1.32)', () => {
    const lease: Lease = { metadata: { name: 'x' }, spec: { strategy: 'OldestEmulationVersion', preferredHolder: 'a' } };
    dropDisabledLeaseFields(lease);
    expect(lease.spec).toEqual({});
  });
});

describe('EndpointSlice', () => {
  const slice = (): EndpointSlice => ({
    metadata: { name: 'web-abc' },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.5'], conditions: { ready: true } }],
    ports: [{ port: 80 }],
  });

  it('defaults port name and protocol', () => {
    const s = slice();
    setDefaultsEndpointSlice(s);
    expect(s.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    expect(validateEndpointSlice(s)).toEqual([]);
  });

  it('rejects bad and special addresses, duplicate ports and unknown types', () => {
    const s = slice();
    s.endpoints = [{ addresses: ['10.0.0.300', '127.0.0.1'] }, { addresses: [] }];
    s.ports = [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'http', port: 81, protocol: 'ICMP' }];
    expect(msgs(validateEndpointSlice(s))).toEqual([
      'endpoints[0].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address',
      'endpoints[0].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'endpoints[1].addresses: Required value: must contain at least 1 address',
      'ports[1].name: Duplicate value: "http"',
      'ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    const ipx = { ...slice(), addressType: 'IPX' };
    setDefaultsEndpointSlice(ipx);
    expect(msgs(validateEndpointSlice(ipx))).toEqual([
      'addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
  });

  it('keeps the address type fixed', () => {
    expect(msgs(validateEndpointSliceUpdate({ ...slice(), addressType: 'IPv6' }, slice()))).toEqual([
      'addressType: Invalid value: "IPv6": field is immutable',
    ]);
  });
});

describe('events.k8s.io Event', () => {
  const event = (): EventsV1Event => ({
    metadata: { name: 'web.1', namespace: 'default' },
    eventTime: '2024-05-01T10:00:00.5Z',
    reportingController: 'kubelite.io/controller',
    reportingInstance: 'cm-1',
    action: 'Scale',
    reason: 'ScalingReplicaSet',
    regarding: { kind: 'Deployment', namespace: 'default', name: 'web' },
    note: 'Scaled up',
    type: 'Normal',
  });

  it('accepts a complete event and normalises its time', () => {
    const e = event();
    setDefaultsEventsV1Event(e);
    expect(e.eventTime).toBe('2024-05-01T10:00:00.500000Z');
    expect(validateEventsV1Event(e)).toEqual([]);
  });

  it('requires reporting fields and a known type, and refuses deprecated fields', () => {
    const e: EventsV1Event = { ...event(), reportingController: '', action: '', type: 'Odd', deprecatedCount: 3 };
    expect(msgs(validateEventsV1Event(e))).toEqual([
      'reportingController: Required value',
      "reportingController: Invalid value: \"\": name part must be non-empty",
      "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'action: Required value',
      'type: Invalid value: "": has invalid value: Odd',
      'count: Invalid value: "": needs to be unset',
    ]);
  });

  it('keeps what happened immutable', () => {
    const e = event();
    expect(msgs(validateEventsV1EventUpdate({ ...e, note: 'changed' }, e))).toEqual(['message: Invalid value: "changed": field is immutable']);
  });

  it('converts to and from the stored core shape', () => {
    const core = eventsV1ToCore(event());
    expect(core).toMatchObject({ apiVersion: 'v1', involvedObject: { kind: 'Deployment', name: 'web' }, message: 'Scaled up', reportingComponent: 'kubelite.io/controller' });
    expect(coreEventToV1(core)).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding: { kind: 'Deployment', name: 'web' }, note: 'Scaled up' });
  });
});

describe('PodDisruptionBudget', () => {
  it('refuses both bounds at once and bad percentages', () => {
    expect(msgs(validatePodDisruptionBudget({ metadata: { name: 'p' }, spec: { minAvailable: 1, maxUnavailable: '120%' } }))).toEqual([
      'spec: Invalid value: {"minAvailable":1,"maxUnavailable":"120%"}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%',
    ]);
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('defaults to 80% CPU with at least one replica', () => {
    const hpa: HorizontalPodAutoscaler = { metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 5 } };
    setDefaultsHorizontalPodAutoscaler(hpa);
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(validateHorizontalPodAutoscaler(hpa)).toEqual([]);
  });

  it('checks replica bounds and the target', () => {
    const hpa: HorizontalPodAutoscaler = { metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: '', name: 'a/b' }, minReplicas: 3, maxReplicas: 2 } };
    expect(msgs(validateHorizontalPodAutoscaler(hpa))).toEqual([
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
      'spec.scaleTargetRef.kind: Required value',
      "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
    ]);
  });
});
