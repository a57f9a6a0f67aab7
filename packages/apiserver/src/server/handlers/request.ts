// What every resource handler reads off a request: the query parameters Kubernetes defines for
// it, validated once here so that a bad value is a 400 or 422 (as Kubernetes answers it) before
// any work is done.
import type { FastifyRequest } from 'fastify';
import { forbidden, notSupported, tooLong, type FieldError } from '@kubelite/api';
import type { UserInfo } from '../../auth/index.js';
import { badRequest, invalid } from '../../errors.js';
import { defaultFieldManager, type FieldValidation, type RequestContext } from '../../registry/context.js';
import type { ListQuery } from '../../registry/generic.js';

export type Query = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (Go's url.Values.Get). */
export function param(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Go's query bool: present and neither "0" nor "false" (so a bare `?force` is true). */
export function boolParam(query: Query, name: string): boolean {
  const v = param(query, name);
  return v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
}

export function intParam(query: Query, name: string, min = 0): number | undefined {
  const v = param(query, name);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid ${name} ${JSON.stringify(v)}: must be an integer`);
  const n = Number(v);
  if (n < min) throw badRequest(`invalid ${name} ${v}: must be at least ${min}`);
  return n;
}

// '' is allowed and means the server's default, as in metav1 validation.
const FIELD_VALIDATIONS: readonly string[] = ['', 'Ignore', 'Strict', 'Warn'];

/** The options kind whose validation a write's query is checked against (metav1.CreateOptions, …). */
const OPTIONS_KIND: Record<string, string> = { POST: 'CreateOptions', PUT: 'UpdateOptions', PATCH: 'PatchOptions', DELETE: 'DeleteOptions' };

/**
 * dryRun, fieldValidation and fieldManager as the write handlers validate them: a bad value is the
 * 422 `CreateOptions.meta.k8s.io "" is invalid: …` Kubernetes answers. Reads carry none of these
 * options, so there they are ignored as Kubernetes ignores them.
 */
function writeOptionsErrors(method: string, query: Query, dryValues: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (dryValues.some((d) => d !== 'All')) errs.push(notSupported('dryRun', dryValues, ['All']));
  if (method === 'DELETE') return errs;
  const fv = param(query, 'fieldValidation') ?? '';
  if (!FIELD_VALIDATIONS.includes(fv)) errs.push(notSupported('fieldValidation', fv, FIELD_VALIDATIONS));
  const manager = param(query, 'fieldManager') ?? '';
  if (Buffer.byteLength(manager) > 128) errs.push(tooLong('fieldManager', manager, 128));
  return errs;
}

export function requestContext(req: FastifyRequest, user: UserInfo, namespace: string): RequestContext {
  const query = req.query as Query;
  const dry = query.dryRun;
  const dryValues = Array.isArray(dry) ? dry : dry === undefined ? [] : [dry];
  const kind = OPTIONS_KIND[req.method];
  if (kind) {
    const errs = writeOptionsErrors(req.method, query, dryValues);
    if (errs.length > 0) throw invalid({ group: 'meta.k8s.io', kind }, '', errs);
  }
  // Warn is the server's default since 1.23 (kubectl itself always sends one).
  const fv = param(query, 'fieldValidation') || 'Warn';
  const manager = param(query, 'fieldManager');
  const ua = req.headers['user-agent'];
  return {
    user,
    namespace,
    dryRun: kind !== undefined && dryValues.length > 0,
    fieldManager: manager || defaultFieldManager(Array.isArray(ua) ? ua[0] : ua),
    fieldValidation: FIELD_VALIDATIONS.includes(fv) ? (fv as FieldValidation) : 'Warn',
    now: new Date(),
  };
}

/**
 * limit, continue, resourceVersion and resourceVersionMatch with Kubernetes' consistency rules:
 * metav1 ListOptions validation (a 422 `ListOptions.meta.k8s.io "" is invalid: …`, every problem
 * listed), then the store's 400 for a resourceVersion next to a continue token.
 */
export function listQuery(query: Query): ListQuery {
  const q: ListQuery = {};
  const limit = intParam(query, 'limit');
  if (limit) q.limit = limit;
  const cont = param(query, 'continue') ?? '';
  const rv = param(query, 'resourceVersion') ?? '';
  const match = param(query, 'resourceVersionMatch') ?? '';
  if (match !== '') {
    const errs: FieldError[] = [];
    if (rv === '') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (cont !== '') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && rv === '0') errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    if (errs.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
    q.resourceVersionMatch = match as ListQuery['resourceVersionMatch'];
  }
  if (cont !== '') {
    if (rv !== '' && rv !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    q.continue = cont;
  }
  if (rv !== '') q.resourceVersion = rv;
  return q;
}
