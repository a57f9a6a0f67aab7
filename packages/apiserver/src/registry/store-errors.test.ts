// Storage errors as API clients see them: each StorageError code becomes the Status code, reason
// and wording Kubernetes uses for the same condition, about the resource and name, not the key.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import {
  alreadyExists,
  CONTINUE_EXPIRED_MESSAGE,
  conflict,
  invalidResourceVersion,
  notFound,
  StorageError,
  tooLarge,
  tooOld,
} from '../storage/index.js';
import { mapped, toApiError } from './store-errors.js';

const PODS = { group: '', resource: 'pods' };
const DEPLOYMENTS = { group: 'apps', resource: 'deployments' };

function api(err: unknown, gr = PODS, name = 'web'): ApiError {
  const e = toApiError(err, gr, name);
  if (!(e instanceof ApiError)) throw new Error(`not mapped: ${String(e)}`);
  return e;
}

describe('toApiError', () => {
  it('NotFound → 404 naming the resource and object', () => {
    const e = api(notFound('/registry/pods/default/web'));
    expect([e.code, e.reason, e.message]).toEqual([404, 'NotFound', 'pods "web" not found']);
    expect(e.status.details).toEqual({ name: 'web', kind: 'pods' });
    expect(api(notFound('/registry/deployments/default/api'), DEPLOYMENTS, 'api').message).toBe('deployments.apps "api" not found');
    expect(api(notFound('k'), DEPLOYMENTS, 'api').status.details).toEqual({ name: 'api', group: 'apps', kind: 'deployments' });
  });

  it('AlreadyExists → 409 AlreadyExists', () => {
    const e = api(alreadyExists('/registry/pods/default/web'));
    expect([e.code, e.reason, e.message]).toEqual([409, 'AlreadyExists', 'pods "web" already exists']);
  });

  it('Conflict → 409 with the optimistic-lock wording kubectl users know', () => {
    const e = api(conflict('/registry/pods/default/web', 'whatever the store said'));
    expect([e.code, e.reason]).toEqual([409, 'Conflict']);
    expect(e.message).toBe('Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('ResourceVersionTooOld → 410 Expired, with the resume token for an expired continue', () => {
    const plain = api(tooOld(5, 10));
    expect([plain.code, plain.reason, plain.message]).toEqual([410, 'Expired', 'too old resource version: 5 (10)']);
    expect(plain.status.metadata).toEqual({});
    const cont = new StorageError('ResourceVersionTooOld', CONTINUE_EXPIRED_MESSAGE);
    cont.inconsistentContinue = 'resume-token';
    const e = api(cont);
    expect(e.code).toBe(410);
    expect(e.message).toBe(CONTINUE_EXPIRED_MESSAGE);
    expect(e.status.metadata.continue).toBe('resume-token');
  });

  it('ResourceVersionTooLarge → 504 Timeout (clients retry)', () => {
    const e = api(tooLarge(100, 50));
    expect([e.code, e.reason, e.message]).toEqual([504, 'Timeout', 'Too large resource version: 100, current: 50']);
  });

  it('Unavailable → 503 ServiceUnavailable', () => {
    const e = api(new StorageError('Unavailable', 'etcd unavailable: connection refused'));
    expect([e.code, e.reason, e.message]).toEqual([503, 'ServiceUnavailable', 'etcd unavailable: connection refused']);
  });

  it('InvalidResourceVersion and InvalidContinue → 400 BadRequest', () => {
    expect([api(invalidResourceVersion('abc')).code, api(invalidResourceVersion('abc')).message]).toEqual([400, 'invalid resource version: "abc"']);
    const e = api(new StorageError('InvalidContinue', 'continue key is not valid: bad'));
    expect([e.code, e.reason, e.message]).toEqual([400, 'BadRequest', 'continue key is not valid: bad']);
  });

  it('InvalidObject → 500 InternalError', () => {
    const e = api(new StorageError('InvalidObject', 'value at /registry/pods/default/web is not JSON'));
    expect([e.code, e.reason]).toEqual([500, 'InternalError']);
  });

  it('maps every storage code to the status the storage error itself declares', () => {
    const codes = ['NotFound', 'AlreadyExists', 'Conflict', 'ResourceVersionTooOld', 'ResourceVersionTooLarge', 'Unavailable', 'InvalidResourceVersion', 'InvalidContinue', 'InvalidObject'] as const;
    for (const code of codes) {
      const se = new StorageError(code, 'x');
      const e = api(se);
      expect([code, e.code, e.reason]).toEqual([code, se.httpStatus, se.reason]);
    }
  });

  it('passes other errors through untouched', () => {
    const bug = new TypeError('boom');
    expect(toApiError(bug, PODS, 'web')).toBe(bug);
    const already = api(notFound('k'));
    expect(toApiError(already, PODS, 'x')).toBe(already);
  });
});

describe('mapped', () => {
  it('resolves with the value, or rejects with the mapped error', async () => {
    await expect(mapped(Promise.resolve(7), PODS, 'web')).resolves.toBe(7);
    await expect(mapped(Promise.reject(notFound('k')), PODS, 'web')).rejects.toMatchObject({ code: 404, message: 'pods "web" not found' });
  });
});
