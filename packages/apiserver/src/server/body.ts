// Request bodies. Fastify hands every body over as a string (see app.ts); here it becomes a value,
// with Kubernetes' 400/415 answers for what cannot be decoded — never a 500.
import { parse as parseYaml } from 'yaml';
import { badRequest, unsupportedMediaType } from '../errors.js';

/** The media type without parameters, lower-cased; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const JSON_TYPES = new Set(['application/json', '']);
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

/** Kubernetes protobuf bodies are a later issue; until then they get a clear 415. */
export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decodeYaml(text: string): unknown {
  try {
    // One document only; `uniqueKeys` off would silently keep the last duplicate — keep errors.
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded as YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/**
 * Decodes an object body of a create or update. A missing Content-Type is treated as JSON, as
 * kubectl's `scale --current-replicas` sends one without it.
 */
export function decodeObjectBody(contentType: string | undefined, body: unknown): unknown {
  const type = mediaType(contentType);
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (!JSON_TYPES.has(type) && !YAML_TYPES.has(type)) throw unsupportedMediaType(type);
  // Checked for YAML too: an empty YAML document parses to null, which is no object either.
  if (text.trim() === '') throw badRequest('the body of the request was empty; an object is required');
  return JSON_TYPES.has(type) ? decodeJson(text) : decodeYaml(text);
}

/** Decodes an optional body (DeleteOptions): empty or undecodable protobuf bodies count as none. */
export function decodeOptionalBody(contentType: string | undefined, body: unknown): unknown {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  const type = mediaType(contentType);
  // kubectl drain's protobuf DeleteOptions: the defaults are what it asks for in practice.
  if (type === PROTOBUF || text.trim() === '') return undefined;
  return decodeObjectBody(contentType, text);
}

export const bodyText = (body: unknown): string =>
  typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
