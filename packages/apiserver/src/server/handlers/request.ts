// What every resource handler reads off a request: the query parameters Kubernetes defines for
// it, validated once here so that a bad value is a 400 before any work is done.
import type { FastifyRequest } from 'fastify';
import type { UserInfo } from '../../auth/index.js';
import { badRequest } from '../../errors.js';
import { defaultFieldManager, type FieldValidation, type RequestContext } from '../../registry/context.js';
import type { ListQuery } from '../../registry/generic.js';

export type Query = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (Go's url.Values.Get). */
export function param(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

export function boolParam(query: Query, name: string): boolean {
  const v = param(query, name);
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export function intParam(query: Query, name: string, min = 0): number | undefined {
  const v = param(query, name);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid ${name} ${JSON.stringify(v)}: must be an integer`);
  const n = Number(v);
  if (n < min) throw badRequest(`invalid ${name} ${v}: must be at least ${min}`);
  return n;
}

const FIELD_VALIDATIONS: readonly string[] = ['Strict', 'Warn', 'Ignore'];

export function requestContext(req: FastifyRequest, user: UserInfo, namespace: string): RequestContext {
  const query = req.query as Query;
  const dry = query.dryRun;
  const dryValues = Array.isArray(dry) ? dry : dry === undefined ? [] : [dry];
  for (const d of dryValues) {
    if (d !== 'All') throw badRequest(`Invalid dryRun value: ${JSON.stringify(d)}: supported values: "All"`);
  }
  const fv = param(query, 'fieldValidation') ?? 'Strict';
  if (!FIELD_VALIDATIONS.includes(fv)) {
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(fv)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  const manager = param(query, 'fieldManager');
  if (manager !== undefined && manager.length > 128) throw badRequest('fieldManager: Too long: must have at most 128 bytes');
  const ua = req.headers['user-agent'];
  return {
    user,
    namespace,
    dryRun: dryValues.length > 0,
    fieldManager: manager || defaultFieldManager(Array.isArray(ua) ? ua[0] : ua),
    fieldValidation: fv as FieldValidation,
    now: new Date(),
  };
}

const RV_MATCHES: readonly string[] = ['', 'NotOlderThan', 'Exact'];

/** limit, continue, resourceVersion and resourceVersionMatch with Kubernetes' consistency rules. */
export function listQuery(query: Query): ListQuery {
  const q: ListQuery = {};
  const limit = intParam(query, 'limit');
  if (limit) q.limit = limit;
  const cont = param(query, 'continue');
  const rv = param(query, 'resourceVersion');
  const match = param(query, 'resourceVersionMatch') ?? '';
  if (!RV_MATCHES.includes(match)) {
    throw badRequest(`resourceVersionMatch: Unsupported value: ${JSON.stringify(match)}: supported values: "Exact", "NotOlderThan"`);
  }
  if (cont) {
    if (rv !== undefined && rv !== '' && rv !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    if (match !== '') throw badRequest('resourceVersionMatch is forbidden when continue is provided');
    q.continue = cont;
  }
  if (match !== '' && (rv === undefined || rv === '')) {
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }
  if (match === 'Exact' && rv === '0') throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  if (rv !== undefined && rv !== '') q.resourceVersion = rv;
  if (match !== '') q.resourceVersionMatch = match as ListQuery['resourceVersionMatch'];
  return q;
}
