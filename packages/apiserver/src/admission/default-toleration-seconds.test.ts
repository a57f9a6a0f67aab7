// DefaultTolerationSeconds: pods tolerate not-ready and unreachable nodes for 300 s unless they
// already say how long (or tolerate everything).
import { findResource, type ResourceInfo } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../registry/strategy.js';
import { DefaultTolerationSeconds, NOT_READY_TAINT, UNREACHABLE_TAINT } from './default-toleration-seconds.js';
import type { AdmissionAttributes, Operation } from './types.js';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const DEPLOYMENTS = findResource('apps', 'v1', 'deployments') as ResourceInfo;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const pod = (tolerations?: Toleration[]): KObject => ({
  metadata: { name: 'web' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...(tolerations ? { tolerations } : {}) },
});

function admit(obj: KObject, operation: Operation = 'CREATE', resource = PODS, subresource = '', plugin = new DefaultTolerationSeconds()): Toleration[] | undefined {
  const a: AdmissionAttributes = { operation, resource, subresource, namespace: 'default', name: 'web', object: obj, user: { name: 'u', uid: '', groups: [], extra: {} }, dryRun: false };
  plugin.admit(a);
  return (obj.spec as { tolerations?: Toleration[] }).tolerations;
}

const NOT_READY = { key: NOT_READY_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE = { key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

describe('DefaultTolerationSeconds', () => {
  it('adds both 300 s tolerations to a pod without any', () => {
    expect(NOT_READY_TAINT).toBe('node.kubernetes.io/not-ready');
    expect(UNREACHABLE_TAINT).toBe('node.kubernetes.io/unreachable');
    expect(admit(pod())).toEqual([NOT_READY, UNREACHABLE]);
  });

  it('keeps the pod\'s own tolerations first', () => {
    const own = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
    expect(admit(pod([own]))).toEqual([own, NOT_READY, UNREACHABLE]);
  });

  it('leaves a taint the pod already tolerates alone', () => {
    const mine = { key: NOT_READY_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    expect(admit(pod([mine]))).toEqual([mine, UNREACHABLE]);
    const forever = { key: UNREACHABLE_TAINT, operator: 'Exists' };
    expect(admit(pod([forever]))).toEqual([forever, NOT_READY]);
  });

  it('adds nothing when an empty-key Exists toleration tolerates everything', () => {
    const all = { operator: 'Exists' };
    expect(admit(pod([all]))).toEqual([all]);
    const allNoExecute = { key: '', operator: 'Exists', effect: 'NoExecute' };
    expect(admit(pod([allNoExecute]))).toEqual([allNoExecute]);
  });

  it('does not count tolerations for other effects', () => {
    const noSchedule = { key: NOT_READY_TAINT, operator: 'Exists', effect: 'NoSchedule' };
    expect(admit(pod([noSchedule]))).toEqual([noSchedule, NOT_READY, UNREACHABLE]);
    const wildNoSchedule = { operator: 'Exists', effect: 'NoSchedule' };
    expect(admit(pod([wildNoSchedule]))).toHaveLength(3);
  });

  it('puts the defaults back on an update that left them out', () => {
    expect(admit(pod(), 'UPDATE')).toEqual([NOT_READY, UNREACHABLE]);
  });

  it('uses the configured number of seconds', () => {
    expect(admit(pod(), 'CREATE', PODS, '', new DefaultTolerationSeconds(60))?.map((t) => t.tolerationSeconds)).toEqual([60, 60]);
  });

  it('ignores deletes, subresources and other kinds', () => {
    expect(admit(pod(), 'DELETE')).toBeUndefined();
    expect(admit(pod(), 'CREATE', PODS, 'binding')).toBeUndefined();
    expect(admit(pod(), 'UPDATE', PODS, 'status')).toBeUndefined();
    expect(admit(pod(), 'CREATE', DEPLOYMENTS)).toBeUndefined();
  });
});
