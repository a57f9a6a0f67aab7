// Objects and lists on the way out: a list gets its `<Kind>List` envelope, and a Table request
// gets the kind's table instead.
import type { FastifyReply } from 'fastify';
import type { ListResult } from '../../storage/index.js';
import type { Registry } from '../../registry/generic.js';
import { parseIncludeObject, toTable, type Table } from '../../registry/table.js';
import type { KObject } from '../../registry/strategy.js';
import { badRequest } from '../../errors.js';
import type { OutputFormat } from '../negotiation.js';
import { sendValue } from '../respond.js';
import { param, type Query } from './request.js';

export function tableOf(reg: Registry, objects: readonly KObject[], format: Extract<OutputFormat, { kind: 'table' }>, query: Query, listMeta: Table['metadata'] = {}, noHeaders = false): Table {
  const include = parseIncludeObject(param(query, 'includeObject'));
  if (!include) throw badRequest(`includeObject: Unsupported value: ${JSON.stringify(param(query, 'includeObject'))}: supported values: "None", "Metadata", "Object"`);
  return toTable(reg.strategy, objects, { include, version: format.version, now: new Date(), noHeaders }, listMeta);
}

export function sendObject(reply: FastifyReply, code: number, reg: Registry, obj: KObject, format: OutputFormat, query: Query): FastifyReply {
  if (format.kind === 'table') return sendValue(reply, code, tableOf(reg, [obj], format, query, { resourceVersion: obj.metadata.resourceVersion ?? '' }));
  return sendValue(reply, code, obj, format);
}

export function sendList(reply: FastifyReply, reg: Registry, list: ListResult, format: OutputFormat, query: Query): FastifyReply {
  const meta: Table['metadata'] = { resourceVersion: list.resourceVersion };
  if (list.continue) meta.continue = list.continue;
  if (list.remainingItemCount !== undefined) meta.remainingItemCount = list.remainingItemCount;
  if (format.kind === 'table') return sendValue(reply, 200, tableOf(reg, list.items, format, query, meta));
  return sendValue(reply, 200, { kind: reg.resource.listKind, apiVersion: reg.apiVersion, metadata: meta, items: list.items }, format);
}
