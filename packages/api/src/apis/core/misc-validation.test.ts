import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import { setDefaultsEndpoints, validateEndpoints } from './endpoints-validation.js';
import { validateEvent } from './event-validation.js';
import { setDefaultsNamespace, validateNamespace } from './namespace-validation.js';
import { setDefaultsNode, validateNode, validateNodeUpdate } from './node-validation.js';
import type { Node } from './node-types.js';

const msgs = (errs: Parameters<typeof fieldErrorMessage>[0][]): string[] => errs.map(fieldErrorMessage);

describe('nodes', () => {
  it('report taint errors under metadata.taints, as Kubernetes does', () => {
    const node: Node = { metadata: { name: 'n' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoSchedule' }, { key: 'x', effect: '' }] } };
    expect(msgs(validateNode(node))).toEqual([
      'metadata.taints[1]: Duplicate value: {"key":"k","effect":"NoSchedule"}: taints must be unique by key and effect pair',
      'metadata.taints[2].effect: Required value',
    ]);
  });

  it('default allocatable to capacity and keep pod CIDRs', () => {
    const node: Node = { metadata: { name: 'n' }, status: { capacity: { cpu: '2', memory: '2048Mi' } } };
    setDefaultsNode(node);
    expect(node.status?.allocatable).toEqual({ cpu: '2', memory: '2Gi' });
    const old: Node = { metadata: { name: 'n' }, spec: { podCIDRs: ['10.244.0.0/24'] } };
    expect(msgs(validateNodeUpdate({ metadata: { name: 'n' }, spec: { podCIDRs: ['10.244.1.0/24'] } }, old))).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });
});

describe('events', () => {
  it('must live in the namespace of the object they describe', () => {
    const ev = { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } };
    expect(msgs(validateEvent(ev))).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
    expect(msgs(validateEvent({ ...ev, involvedObject: { kind: 'Node', name: 'n' } }))).toEqual([]);
  });

  it('with an eventTime, must say who reported what', () => {
    const ev = { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, eventTime: '2024-01-01T00:00:00.000000Z' };
    expect(msgs(validateEvent(ev))).toEqual([
      'reportingComponent: Required value',
      `reportingComponent: Invalid value: "": name part must be non-empty`,
      `reportingComponent: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
  });
});

describe('namespaces', () => {
  it('carry their name as a label and standard or qualified finalizers', () => {
    const ns = { metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'spoofed' } }, spec: { finalizers: ['kubernetes', 'custom'] } };
    setDefaultsNamespace(ns);
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(msgs(validateNamespace(ns))).toEqual([
      'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});

describe('endpoints', () => {
  it('need IPs and named ports when several', () => {
    const ep = { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: 'x' }], ports: [{ port: 80 }, { port: 81, name: 'b' }] }, {}] };
    setDefaultsEndpoints(ep);
    expect(msgs(validateEndpoints(ep))).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].ports[0].name: Required value',
      'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
    ]);
  });
});
