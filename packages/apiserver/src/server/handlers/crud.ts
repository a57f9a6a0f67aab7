// The verbs on a resource's main endpoint: get, list, create, update (PUT), patch, delete and
// deletecollection. Each decodes and checks its input, calls the registry, and answers with the
// object (or list, or Table) in the negotiated format.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, isApiError, unsupportedMediaType } from '../../errors.js';
import { deleteObject, parseDeleteOptions, type DeleteOptions } from '../../registry/deletion.js';
import type { RequestContext } from '../../registry/context.js';
import type { Registry } from '../../registry/generic.js';
import { selectionPredicate } from '../../registry/selectors.js';
import type { KObject } from '../../registry/strategy.js';
import { applyPatch, parsePatch, patchTypeOf, serverSideApply, updateManagedFields } from '../../patch/index.js';
import { validateApplyFields, validateFields, type BodyRole, type FieldCheck } from '../../openapi/field-validation.js';
import { bodyText, decodeObjectBody, decodeOptionalBody, mediaType } from '../body.js';
import type { OutputFormat } from '../negotiation.js';
import { sendValue, successStatus } from '../respond.js';
import { sendList, sendObject } from './output.js';
import { boolParam, intParam, listQuery, param, type Query } from './request.js';

export interface Call {
  req: FastifyRequest;
  reply: FastifyReply;
  reg: Registry;
  ctx: RequestContext;
  query: Query;
  format: OutputFormat;
  name: string;
}

export function predicateFor(reg: Registry, query: Query, name?: string): ((o: KObject) => boolean) | undefined {
  let fieldSelector = param(query, 'fieldSelector');
  // A watch or list on one name is a field selection on metadata.name (as kube-apiserver does it).
  if (name) fieldSelector = fieldSelector ? `${fieldSelector},metadata.name=${name}` : `metadata.name=${name}`;
  return selectionPredicate(reg.strategy, param(query, 'labelSelector'), fieldSelector);
}

export async function getOne(c: Call): Promise<FastifyReply> {
  const rv = param(c.query, 'resourceVersion');
  const obj = await c.reg.get(c.ctx, c.name, rv || undefined);
  return sendObject(c.reply, 200, c.reg, obj, c.format, c.query);
}

export async function list(c: Call): Promise<FastifyReply> {
  const q = listQuery(c.query);
  const predicate = predicateFor(c.reg, c.query);
  if (predicate) q.predicate = predicate;
  const result = await c.reg.list(c.ctx, q);
  return sendList(c.reply, c.reg, result, c.format, c.query);
}

const JSON_BODY_TYPES = new Set(['', 'application/json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);

/** What fieldValidation needs to know about this request's body. */
function fieldCheck(c: Call): FieldCheck {
  const r = c.reg.resource;
  const check: FieldCheck = { kind: { group: r.group, version: r.version, kind: r.kind }, directive: c.ctx.fieldValidation, reply: c.reply };
  if (JSON_BODY_TYPES.has(mediaType(c.req.headers['content-type']))) check.jsonText = bodyText(c.req.body);
  return check;
}

const checked = (c: Call, body: unknown, role: BodyRole = 'object'): unknown => validateFields(fieldCheck(c), body, role);

const recordUpdate = (c: Call, subresource?: string) => (next: KObject, current: KObject | undefined): void =>
  updateManagedFields(current, next, {
    manager: c.ctx.fieldManager,
    apiVersion: c.reg.apiVersion,
    now: c.ctx.now,
    ...(subresource ? { subresource } : {}),
  });

export async function create(c: Call): Promise<FastifyReply> {
  const body = checked(c, decodeObjectBody(c.req.headers['content-type'], c.req.body));
  const obj = await c.reg.create(c.ctx, body, (o) => recordUpdate(c)(o, undefined));
  return sendObject(c.reply, 201, c.reg, obj, c.format, c.query);
}

export async function update(c: Call, subresource?: 'status'): Promise<FastifyReply> {
  const body = checked(c, decodeObjectBody(c.req.headers['content-type'], c.req.body));
  const obj = await c.reg.update(c.ctx, c.name, () => structuredClone(body) as KObject, subresource ?? 'main', recordUpdate(c, subresource));
  return sendObject(c.reply, 200, c.reg, obj, c.format, c.query);
}

export async function patch(c: Call, subresource?: 'status'): Promise<FastifyReply> {
  const type = patchTypeOf(c.req.headers['content-type']);
  if (!type) throw unsupportedMediaType(mediaType(c.req.headers['content-type']));
  const parsed = parsePatch(type, bodyText(c.req.body));
  const gvk = { group: c.reg.resource.group, version: c.reg.resource.version, kind: c.reg.resource.kind };
  if (type === 'apply') return apply(c, parsed, subresource);
  if (boolParam(c.query, 'force')) throw badRequest('force: Invalid value: true: may not be specified for non-apply patch');
  // Merge and strategic patches are checked as written (the stored object has no unknown fields);
  // a JSON patch only shows its fields once applied.
  const patchBody = type === 'json' ? parsed : checked(c, parsed, type === 'strategic' ? 'strategic' : 'merge');
  const obj = await c.reg.update(
    c.ctx,
    c.name,
    (current) => {
      const next = applyPatch(type, current, patchBody, gvk);
      return (type === 'json' ? validateFields({ ...fieldCheck(c), baseline: current }, next, 'json-result') : next) as KObject;
    },
    subresource ?? 'main',
    recordUpdate(c, subresource),
  );
  return sendObject(c.reply, 200, c.reg, obj, c.format, c.query);
}

/** Server-side apply: an update of what exists, or a create when nothing does. */
async function apply(c: Call, applied: unknown, subresource?: 'status'): Promise<FastifyReply> {
  if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) {
    throw badRequest('the apply patch must be an object');
  }
  if (!param(c.query, 'fieldManager')) {
    throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  }
  validateApplyFields(fieldCheck(c), applied as Record<string, unknown>);
  const opts = { manager: c.ctx.fieldManager, force: boolParam(c.query, 'force'), apiVersion: c.reg.apiVersion, now: c.ctx.now, ...(subresource ? { subresource } : {}) };
  const gvk = { group: c.reg.resource.group, version: c.reg.resource.version, kind: c.reg.resource.kind };
  try {
    const obj = await c.reg.update(c.ctx, c.name, (current) => serverSideApply(current, applied as Record<string, unknown>, { ...opts, gvk }) as KObject, subresource ?? 'main');
    return sendObject(c.reply, 200, c.reg, obj, c.format, c.query);
  } catch (err) {
    if (!(isApiError(err) && err.code === 404 && err.status.details?.name === c.name) || subresource) throw err;
  }
  const fresh = serverSideApply(undefined, applied as Record<string, unknown>, { ...opts, gvk }) as KObject;
  fresh.metadata ??= {};
  if (fresh.metadata.name !== undefined && fresh.metadata.name !== c.name) {
    throw badRequest(`the name of the object (${fresh.metadata.name}) does not match the name on the URL (${c.name})`);
  }
  fresh.metadata.name = c.name;
  const obj = await c.reg.create(c.ctx, fresh);
  return sendObject(c.reply, 201, c.reg, obj, c.format, c.query);
}

function deleteOptions(c: Call): DeleteOptions {
  const opts = parseDeleteOptions(decodeOptionalBody(c.req.headers['content-type'], c.req.body));
  const grace = intParam(c.query, 'gracePeriodSeconds', -1);
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  const policy = param(c.query, 'propagationPolicy');
  if (policy) Object.assign(opts, parseDeleteOptions({ propagationPolicy: policy }));
  return opts;
}

/** Kinds whose DELETE answers with the object (as their Kubernetes registries do); others with a Status. */
const RETURNS_DELETED_OBJECT: ReadonlySet<string> = new Set(['/pods', '/services', '/namespaces']);

export async function remove(c: Call): Promise<FastifyReply> {
  const result = await deleteObject(c.reg, c.ctx, c.name, deleteOptions(c));
  const key = `${c.reg.resource.group}/${c.reg.resource.resource}`;
  if (!result.deleted || RETURNS_DELETED_OBJECT.has(key)) return sendObject(c.reply, 200, c.reg, result.obj, c.format, c.query);
  const details: NonNullable<Parameters<typeof successStatus>[0]> = { name: c.name, kind: c.reg.resource.resource, uid: result.obj.metadata.uid ?? '' };
  if (c.reg.resource.group) details.group = c.reg.resource.group;
  return sendValue(c.reply, 200, successStatus(details));
}

export async function removeCollection(c: Call): Promise<FastifyReply> {
  const opts = deleteOptions(c);
  const q = listQuery(c.query);
  const predicate = predicateFor(c.reg, c.query);
  if (predicate) q.predicate = predicate;
  const items: KObject[] = [];
  // Page through so a huge collection never sits in memory at once; bounded by the store's pages.
  for (let page = 0; page < 10_000; page++) {
    const result = await c.reg.list(c.ctx, { ...q, limit: 500 });
    for (const obj of result.items) {
      const ctx = { ...c.ctx, namespace: obj.metadata.namespace ?? c.ctx.namespace };
      try {
        items.push((await deleteObject(c.reg, ctx, obj.metadata.name ?? '', opts)).obj);
      } catch (err) {
        // Gone meanwhile: that is what was asked.
        if (!(isApiError(err) && err.code === 404)) throw err;
      }
    }
    if (!result.continue) break;
    q.continue = result.continue;
  }
  return sendValue(c.reply, 200, { kind: c.reg.resource.listKind, apiVersion: c.reg.apiVersion, metadata: {}, items }, c.format);
}

