// The query parameters every resource handler reads, with Kubernetes' answers for bad values:
// ListOptions / CreateOptions / … validation is a 422 naming the options kind, the store's
// "resource version with continue" rule a 400.
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../auth/index.js';
import { ApiError } from '../../errors.js';
import { boolParam, intParam, listQuery, param, requestContext, type Query } from './request.js';

const USER: UserInfo = { name: 'alice', uid: '', groups: ['system:authenticated'], extra: {} };

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

// requestContext reads only method, query and headers off the request.
const fakeReq = (method: string, query: Query, headers: Record<string, string> = {}): FastifyRequest =>
  ({ method, query, headers }) as unknown as FastifyRequest;

const ctxFor = (method: string, query: Query, headers?: Record<string, string>) => requestContext(fakeReq(method, query, headers), USER, 'default');

describe('param and boolParam', () => {
  it('take the first of repeated values, as url.Values.Get', () => {
    expect(param({ a: ['1', '2'] }, 'a')).toBe('1');
    expect(param({}, 'a')).toBeUndefined();
  });

  it('read booleans as Go does: only absent, "0" and "false" are false', () => {
    expect(boolParam({ force: 'true' }, 'force')).toBe(true);
    expect(boolParam({ force: '' }, 'force')).toBe(true);
    expect(boolParam({ force: 'yes' }, 'force')).toBe(true);
    expect(boolParam({ force: 'False' }, 'force')).toBe(false);
    expect(boolParam({ force: '0' }, 'force')).toBe(false);
    expect(boolParam({}, 'force')).toBe(false);
  });
});

describe('intParam', () => {
  it('reads integers and treats absent or empty as unset', () => {
    expect(intParam({ limit: '500' }, 'limit')).toBe(500);
    expect(intParam({ limit: '' }, 'limit')).toBeUndefined();
    expect(intParam({}, 'limit')).toBeUndefined();
    expect(intParam({ timeoutSeconds: '-5' }, 'timeoutSeconds', -10)).toBe(-5);
  });

  it('refuses what is not an integer with 400', () => {
    for (const v of ['ten', '1.5', '1e3', ' 5']) {
      const e = apiError(() => intParam({ limit: v }, 'limit'));
      expect(e.code).toBe(400);
      expect(e.message).toBe(`invalid limit ${JSON.stringify(v)}: must be an integer`);
    }
  });

  it('refuses values under the minimum', () => {
    expect(apiError(() => intParam({ limit: '-1' }, 'limit')).message).toBe('invalid limit -1: must be at least 0');
  });
});

describe('listQuery', () => {
  it('passes limit, continue, resourceVersion and resourceVersionMatch on', () => {
    expect(listQuery({ limit: '10', continue: 'tok' })).toEqual({ limit: 10, continue: 'tok' });
    expect(listQuery({ resourceVersion: '42', resourceVersionMatch: 'Exact' })).toEqual({ resourceVersion: '42', resourceVersionMatch: 'Exact' });
    expect(listQuery({ resourceVersion: '0', resourceVersionMatch: 'NotOlderThan' })).toEqual({ resourceVersion: '0', resourceVersionMatch: 'NotOlderThan' });
    expect(listQuery({ resourceVersion: '0' })).toEqual({ resourceVersion: '0' });
    expect(listQuery({})).toEqual({});
  });

  it('treats limit=0 as no limit', () => {
    expect(listQuery({ limit: '0' })).toEqual({});
  });

  it('allows resourceVersion "0" (or none) next to continue, and drops it', () => {
    expect(listQuery({ continue: 'tok', resourceVersion: '0' })).toEqual({ continue: 'tok', resourceVersion: '0' });
    expect(listQuery({ continue: 'tok', resourceVersion: '' })).toEqual({ continue: 'tok' });
  });

  it('refuses another resourceVersion with continue: 400, the store\'s wording', () => {
    const e = apiError(() => listQuery({ continue: 'tok', resourceVersion: '17' }));
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe('specifying resource version is not allowed when using continue');
  });

  it('refuses resourceVersionMatch without resourceVersion: 422 ListOptions', () => {
    const e = apiError(() => listQuery({ resourceVersionMatch: 'NotOlderThan' }));
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
    expect(e.status.details).toMatchObject({ group: 'meta.k8s.io', kind: 'ListOptions', name: '' });
  });

  it('refuses resourceVersionMatch with continue', () => {
    expect(apiError(() => listQuery({ continue: 'tok', resourceVersion: '5', resourceVersionMatch: 'Exact' })).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided',
    );
  });

  it('refuses Exact at resourceVersion "0"', () => {
    expect(apiError(() => listQuery({ resourceVersion: '0', resourceVersionMatch: 'Exact' })).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
  });

  it('refuses an unknown resourceVersionMatch, listing every problem at once', () => {
    expect(apiError(() => listQuery({ resourceVersion: '0', resourceVersionMatch: 'Newest' })).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    );
    const both = apiError(() => listQuery({ resourceVersionMatch: 'exact' }));
    expect(both.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Unsupported value: "exact": supported values: "Exact", "NotOlderThan", ""]',
    );
    expect(both.status.details?.causes).toHaveLength(2);
  });

  it('refuses a bad limit', () => {
    expect(apiError(() => listQuery({ limit: 'lots' })).code).toBe(400);
  });
});

describe('requestContext', () => {
  it('describes a plain request', () => {
    const c = ctxFor('POST', {}, { 'user-agent': 'kubectl/v1.32.0 (linux/amd64) kubernetes/abc' });
    expect(c).toMatchObject({ user: USER, namespace: 'default', dryRun: false, fieldManager: 'kubectl', fieldValidation: 'Warn' });
    expect(c.now).toBeInstanceOf(Date);
  });

  it('takes dryRun=All, once or repeated', () => {
    expect(ctxFor('POST', { dryRun: 'All' }).dryRun).toBe(true);
    expect(ctxFor('PUT', { dryRun: ['All', 'All'] }).dryRun).toBe(true);
  });

  it('refuses any other dryRun value with the 422 of the write\'s options kind', () => {
    const e = apiError(() => ctxFor('POST', { dryRun: 'true' }));
    expect(e.code).toBe(422);
    expect(e.message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"true"}: supported values: "All"');
    expect(apiError(() => ctxFor('PUT', { dryRun: ['All', 'Some'] })).message).toBe(
      'UpdateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"All", "Some"}: supported values: "All"',
    );
    expect(apiError(() => ctxFor('PATCH', { dryRun: '' })).message).toMatch(/^PatchOptions\.meta\.k8s\.io "" is invalid: dryRun:/);
    expect(apiError(() => ctxFor('DELETE', { dryRun: 'x' })).message).toMatch(/^DeleteOptions\.meta\.k8s\.io "" is invalid: dryRun:/);
  });

  it('ignores write options on reads, as Kubernetes does', () => {
    const c = ctxFor('GET', { dryRun: 'bogus', fieldValidation: 'bogus', fieldManager: 'm'.repeat(200) });
    expect(c.dryRun).toBe(false);
    expect(c.fieldValidation).toBe('Warn');
  });

  // Warn is kube-apiserver's default since 1.23 when the request names none.
  it('takes each fieldValidation value, and empty as the default', () => {
    for (const v of ['Strict', 'Warn', 'Ignore'] as const) expect(ctxFor('POST', { fieldValidation: v }).fieldValidation).toBe(v);
    expect(ctxFor('POST', { fieldValidation: '' }).fieldValidation).toBe('Warn');
  });

  it('refuses an unknown fieldValidation (the values are case-sensitive)', () => {
    const e = apiError(() => ctxFor('PATCH', { fieldValidation: 'strict' }));
    expect(e.code).toBe(422);
    expect(e.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"');
  });

  it('uses fieldManager when given, else the user agent\'s product name', () => {
    expect(ctxFor('POST', { fieldManager: 'my-controller' }, { 'user-agent': 'kubectl/v1.32' }).fieldManager).toBe('my-controller');
    expect(ctxFor('POST', { fieldManager: '' }, { 'user-agent': 'helm/3.14' }).fieldManager).toBe('helm');
    expect(ctxFor('POST', {}).fieldManager).toBe('unknown');
  });

  it('allows a 128-byte fieldManager and refuses a longer one', () => {
    expect(ctxFor('POST', { fieldManager: 'm'.repeat(128) }).fieldManager).toHaveLength(128);
    const e = apiError(() => ctxFor('POST', { fieldManager: 'm'.repeat(129) }));
    expect(e.code).toBe(422);
    expect(e.message).toBe('CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: must have at most 128 bytes');
  });
});
