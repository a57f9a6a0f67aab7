// Priority: with no PriorityClasses served, a new pod resolves to priority 0, and updates keep
// the priority the pod was created with.
import { findResource, type ResourceInfo } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../registry/strategy.js';
import { Priority } from './priority.js';
import type { AdmissionAttributes, Operation } from './types.js';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const JOBS = findResource('batch', 'v1', 'jobs') as ResourceInfo;

const pod = (priority?: number): KObject => ({ metadata: { name: 'web' }, spec: { containers: [], ...(priority === undefined ? {} : { priority }) } });

function admit(obj: KObject, operation: Operation = 'CREATE', opts: { resource?: ResourceInfo; subresource?: string; old?: KObject } = {}): unknown {
  const a: AdmissionAttributes = {
    operation, resource: opts.resource ?? PODS, subresource: opts.subresource ?? '', namespace: 'default', name: 'web', object: obj,
    ...(opts.old ? { oldObject: opts.old } : {}), user: { name: 'u', uid: '', groups: [], extra: {} }, dryRun: false,
  };
  new Priority().admit(a);
  return (obj.spec as { priority?: number } | undefined)?.priority;
}

describe('Priority', () => {
  it('gives a new pod priority 0', () => {
    expect(admit(pod())).toBe(0);
  });

  it('leaves a priority the pod already has', () => {
    expect(admit(pod(1000))).toBe(1000);
  });

  it('keeps the stored priority on an update that leaves it out', () => {
    expect(admit(pod(), 'UPDATE', { old: pod(7) })).toBe(7);
    expect(admit(pod(), 'UPDATE', { old: pod() })).toBeUndefined();
  });

  it('ignores subresources, other kinds and deletes', () => {
    expect(admit(pod(), 'CREATE', { subresource: 'binding' })).toBeUndefined();
    expect(admit(pod(), 'CREATE', { resource: JOBS })).toBeUndefined();
    expect(admit(pod(), 'DELETE')).toBeUndefined();
  });

  it('does nothing to an object without a spec', () => {
    const obj: KObject = { metadata: { name: 'web' } };
    admit(obj);
    expect(obj).toEqual({ metadata: { name: 'web' } });
  });
});
