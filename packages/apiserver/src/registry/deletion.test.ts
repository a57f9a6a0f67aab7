// metav1.DeleteOptions as a DELETE body (or an Eviction's deleteOptions) carries them, with the
// 422 Kubernetes answers for contradictory or unknown options.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { parseDeleteOptions } from './deletion.js';

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('parseDeleteOptions', () => {
  it('is empty for no body', () => {
    expect(parseDeleteOptions(undefined)).toEqual({});
    expect(parseDeleteOptions(null)).toEqual({});
    expect(parseDeleteOptions('')).toEqual({});
  });

  it('reads what kubectl delete sends', () => {
    expect(parseDeleteOptions({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' })).toEqual({ propagationPolicy: 'Background' });
    expect(parseDeleteOptions({ gracePeriodSeconds: 0, propagationPolicy: 'Foreground' })).toEqual({ gracePeriodSeconds: 0, propagationPolicy: 'Foreground' });
    expect(parseDeleteOptions({ propagationPolicy: 'Orphan' })).toEqual({ propagationPolicy: 'Orphan' });
  });

  it('reads the deprecated orphanDependents', () => {
    expect(parseDeleteOptions({ orphanDependents: true })).toEqual({ orphanDependents: true });
    expect(parseDeleteOptions({ orphanDependents: false })).toEqual({ orphanDependents: false });
  });

  it('reads preconditions, keeping only string values', () => {
    expect(parseDeleteOptions({ preconditions: { uid: 'u-1', resourceVersion: '7' } })).toEqual({ preconditions: { uid: 'u-1', resourceVersion: '7' } });
    expect(parseDeleteOptions({ preconditions: { uid: 5 } })).toEqual({ preconditions: {} });
  });

  it('accepts a grace period given as a numeric string and treats null as unset', () => {
    expect(parseDeleteOptions({ gracePeriodSeconds: '30' })).toEqual({ gracePeriodSeconds: 30 });
    expect(parseDeleteOptions({ gracePeriodSeconds: null, propagationPolicy: null })).toEqual({});
  });

  it('refuses a grace period that is not an integer with 400', () => {
    const e = apiError(() => parseDeleteOptions({ gracePeriodSeconds: 1.5 }));
    expect(e.code).toBe(400);
    expect(e.message).toBe('invalid gracePeriodSeconds: 1.5');
  });

  it('refuses a body that is not an object with 400', () => {
    for (const body of [[], 'Foreground', 42]) {
      const e = apiError(() => parseDeleteOptions(body));
      expect(e.code).toBe(400);
      expect(e.message).toBe('DeleteOptions must be an object');
    }
  });

  it('refuses an unknown propagation policy with 422, as metav1 validation does', () => {
    const e = apiError(() => parseDeleteOptions({ propagationPolicy: 'foreground' }));
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "foreground": supported values: "Foreground", "Background", "Orphan", "nil"');
  });

  it('refuses orphanDependents together with propagationPolicy', () => {
    const e = apiError(() => parseDeleteOptions({ orphanDependents: true, propagationPolicy: 'Foreground' }));
    expect(e.code).toBe(422);
    expect(e.message).toBe('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Foreground": orphanDependents and deletionPropagation cannot be both set');
  });
});
