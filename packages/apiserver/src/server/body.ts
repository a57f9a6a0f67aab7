// Request bodies. Fastify hands every body over undecoded — a string, or a Buffer for protobuf
// (see app.ts); here it becomes a value, with Kubernetes' 400/415 answers for what cannot be
// decoded — never a 500.
import { parse as parseYaml } from 'yaml';
import { badRequest, unsupportedMediaType, type ApiError } from '../errors.js';
import { decodeProtobufObject, isProtobufError, PROTOBUF_MEDIA_TYPE, type ProtobufError } from '../protobuf/index.js';

/** The media type without parameters, lower-cased; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const JSON_TYPES = new Set(['application/json', '']);
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

/** Kubernetes protobuf (`k8s\0` + runtime.Unknown), as kubectl's generators and drain send it. */
export const PROTOBUF = PROTOBUF_MEDIA_TYPE;

/** The type the URL says a body must be: names it in errors, fills an envelope left empty. */
export interface ExpectedKind {
  group: string;
  version: string;
  kind: string;
}

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

/** apimachinery's summarizeData: the first 30 bytes, as text for JSON-looking data, else hex. */
function summarize(data: Buffer): string {
  if (data.length === 0) return '<empty>';
  const head = data.subarray(0, 30);
  const text = data[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return data.length > 30 ? `${text} ...` : text;
}

/** apimachinery's transformDecodeError wording, naming the kind the body claimed when it got that far. */
function protobufBadRequest(e: ProtobufError, data: Buffer, into: string | undefined): ApiError {
  if (e.envelope) {
    const version = e.envelope.apiVersion.slice(e.envelope.apiVersion.lastIndexOf('/') + 1);
    return badRequest(`${e.envelope.kind} in version ${JSON.stringify(version)} cannot be handled as a ${into ?? e.envelope.kind}: ${e.message}`);
  }
  return badRequest(`the object provided is unrecognized${into ? ` (must be of type ${into})` : ''}: ${e.message} (${summarize(data)})`);
}

const bodyBytes = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '', 'utf8'));

function decodeProtobuf(data: Buffer, expected: ExpectedKind | undefined): Record<string, unknown> {
  const defaults = expected ? { apiVersion: expected.group ? `${expected.group}/${expected.version}` : expected.version, kind: expected.kind } : {};
  try {
    return decodeProtobufObject(data, defaults);
  } catch (e) {
    throw isProtobufError(e) ? protobufBadRequest(e, data, expected?.kind) : e;
  }
}

/**
 * Decodes an object body of a create or update. A missing Content-Type is treated as JSON, as
 * kubectl's `scale --current-replicas` sends one without it. A protobuf body becomes the same
 * object its JSON form would be; a kind or version that differs from the URL's is left for the
 * registry to refuse, exactly as for JSON.
 */
export function decodeObjectBody(contentType: string | undefined, body: unknown, expected?: ExpectedKind): unknown {
  const type = mediaType(contentType);
  if (type === PROTOBUF) {
    const data = bodyBytes(body);
    if (data.length === 0) throw badRequest('the body of the request was empty; an object is required');
    return decodeProtobuf(data, expected);
  }
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (!JSON_TYPES.has(type) && !YAML_TYPES.has(type)) throw unsupportedMediaType(type);
  // Checked for YAML too: an empty YAML document parses to null, which is no object either.
  if (text.trim() === '') throw badRequest('the body of the request was empty; an object is required');
  return JSON_TYPES.has(type) ? decodeJson(text) : decodeYaml(text);
}

const DELETE_OPTIONS: ExpectedKind = { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' };

/** Decodes an optional body (DeleteOptions, as kubectl drain sends it in protobuf): empty is none. */
export function decodeOptionalBody(contentType: string | undefined, body: unknown): unknown {
  const type = mediaType(contentType);
  if (type === PROTOBUF) {
    const data = bodyBytes(body);
    if (data.length === 0) return undefined;
    const opts = decodeProtobuf(data, DELETE_OPTIONS);
    if (opts.kind !== DELETE_OPTIONS.kind) {
      throw badRequest(`${String(opts.kind)} in version ${JSON.stringify(String(opts.apiVersion).split('/').pop())} cannot be handled as a DeleteOptions`);
    }
    return opts;
  }
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (text.trim() === '') return undefined;
  return decodeObjectBody(contentType, text);
}

export const bodyText = (body: unknown): string =>
  typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
