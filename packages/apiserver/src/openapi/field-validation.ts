// fieldValidation=Strict|Warn|Ignore on create, update and patch: unknown and duplicate fields are
// a 400 (Strict), a `Warning: 299` header per field and dropped (Warn, the server default), or
// dropped silently (Ignore). Server-side apply is checked against the schema whatever the
// directive, as upstream's typed conversion is.
import type { FastifyReply } from 'fastify';
import { definitionForKind, findDuplicateFields, findUnknownFields } from '@kubelite/api';
import { badRequest } from '../errors.js';
import type { FieldValidation } from '../registry/context.js';

export interface KindRef {
  group: string;
  version: string;
  kind: string;
}

/** How the checked body reaches the object: as the object itself, or as a patch of a given type. */
export type BodyRole = 'object' | 'merge' | 'strategic' | 'json-result';

export interface FieldCheck {
  kind: KindRef;
  directive: FieldValidation;
  reply: FastifyReply;
  /** The raw JSON text, when the body was JSON (duplicate keys are only visible there). */
  jsonText?: string;
  /** For a JSON patch result: the object before the patch; what it already had is not reported. */
  baseline?: unknown;
}

/** RFC 7234 warning header value, as kube-apiserver writes it (`299 - "text"`). */
export const warningHeader = (text: string): string => `299 - ${JSON.stringify(text)}`;

function problems(check: FieldCheck, body: unknown, role: BodyRole): { messages: string[]; pruned: unknown } {
  const def = definitionForKind(check.kind);
  if (!def) return { messages: [], pruned: body };
  const duplicates = check.jsonText !== undefined ? findDuplicateFields(check.jsonText) : [];
  const unknown = findUnknownFields(def.name, body, { patchDirectives: role === 'strategic' });
  const before = new Set(check.baseline !== undefined ? findUnknownFields(def.name, check.baseline).paths : []);
  const fresh = unknown.paths.filter((p) => !before.has(p));
  if (fresh.length === 0 && duplicates.length === 0) return { messages: [], pruned: before.size > 0 ? body : unknown.pruned };
  return {
    messages: [...duplicates.map((p) => `duplicate field ${JSON.stringify(p)}`), ...fresh.map((p) => `unknown field ${JSON.stringify(p)}`)],
    pruned: unknown.pruned,
  };
}

/**
 * Applies the request's fieldValidation to a decoded body and returns what should be used in its
 * place (without unknown fields unless the request fails).
 */
export function validateFields(check: FieldCheck, body: unknown, role: BodyRole): unknown {
  const { messages, pruned } = problems(check, body, role);
  if (messages.length === 0) return pruned;
  if (check.directive === 'Strict') {
    const strict = `strict decoding error: ${messages.join(', ')}`;
    if (role === 'object') {
      const k = check.kind.kind;
      throw badRequest(`${k} in version ${JSON.stringify(check.kind.version)} cannot be handled as a ${k}: ${strict}`);
    }
    throw badRequest(strict);
  }
  if (check.directive === 'Warn') check.reply.header('warning', messages.map(warningHeader));
  return pruned;
}

/** `apps/v1, Kind=Deployment` (Go's schema.GroupVersionKind.String()). */
const gvkString = (k: KindRef): string => `${k.group}/${k.version}, Kind=${k.kind}`;

/**
 * Server-side apply: fields outside the schema fail the typed conversion of the applied
 * configuration, whatever fieldValidation says; duplicate keys follow the directive.
 */
export function validateApplyFields(check: FieldCheck, applied: Record<string, unknown>): void {
  const def = definitionForKind(check.kind);
  if (!def) return;
  if (check.jsonText !== undefined && check.directive !== 'Ignore') {
    const dups = findDuplicateFields(check.jsonText);
    if (dups.length > 0) {
      const messages = dups.map((p) => `duplicate field ${JSON.stringify(p)}`);
      if (check.directive === 'Strict') throw badRequest(`error strict decoding YAML: ${messages.join(', ')}`);
      check.reply.header('warning', messages.map(warningHeader));
    }
  }
  const { paths } = findUnknownFields(def.name, applied);
  if (paths.length === 0) return;
  const lines = paths.map((p) => `.${p}: field not declared in schema`);
  const detail = lines.length === 1 ? lines[0] : `errors:\n  ${lines.join('\n  ')}`;
  throw badRequest(`failed to create typed patch object (${gvkString(check.kind)}): ${detail}`);
}
