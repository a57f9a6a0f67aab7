import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../errors.js';
import type { KObject } from '../../strategy.js';
import { applyScale, scaleOf } from './scale.js';

function deployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '42', creationTimestamp: '2024-05-01T11:00:00Z', labels: { a: 'b' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] } },
    status: { replicas: 2 },
  };
}

describe('scale subresource', () => {
  it('answers the autoscaling/v1 Scale kubectl reads', () => {
    expect(scaleOf(deployment(), 'Deployment')).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '42', creationTimestamp: '2024-05-01T11:00:00Z' },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: 'app=web,tier in (fe)' },
    });
  });

  it('omits a zero spec.replicas as autoscaling/v1 does, and reads RC map selectors', () => {
    const rc: KObject = { metadata: { name: 'rc' }, spec: { replicas: 0, selector: { app: 'x' } } };
    expect(scaleOf(rc, 'ReplicationController')).toMatchObject({ spec: {}, status: { replicas: 0, selector: 'app=x' } });
  });

  it('sets spec.replicas from the Scale', () => {
    const d = deployment();
    applyScale(d, { spec: { replicas: 5 } });
    expect((d.spec as { replicas: number }).replicas).toBe(5);
  });

  it('rejects a negative scale naming the Scale', () => {
    try {
      applyScale(deployment(), { spec: { replicas: -1 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).status.message).toBe(
        'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      );
    }
  });
});
