// A whole protobuf request body to the JSON object the JSON path would have decoded: envelope,
// apiVersion/kind (defaulted from the URL where the envelope leaves them empty, as Go's
// serializer does), then the kind's message.
import { isProtobufError, missingKind, unknownKind, unsupported, type EnvelopeKind } from './errors.js';
import { decodeMessage } from './decode.js';
import { readEnvelope } from './envelope.js';
import { schemaFor } from './kinds.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** What the request URL implies, used only where the envelope is silent. */
export interface KindDefaults {
  apiVersion?: string;
  kind?: string;
}

/**
 * Decodes a `k8s\0`-prefixed body into `{kind, apiVersion, ...fields}`. Throws ProtobufError;
 * errors after the envelope was read carry its apiVersion/kind.
 */
export function decodeProtobufObject(body: Uint8Array, defaults: KindDefaults = {}): Record<string, unknown> {
  const env = readEnvelope(body);
  const kind = env.kind || defaults.kind || '';
  const apiVersion = env.apiVersion || defaults.apiVersion || '';
  if (kind === '') throw missingKind('Kind');
  if (apiVersion === '') throw missingKind('Version');
  const named: EnvelopeKind = { apiVersion, kind };
  try {
    if (env.contentEncoding !== '') {
      throw unsupported(`the embedded object's content encoding ${JSON.stringify(env.contentEncoding)} is not supported`);
    }
    const contentType = env.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (contentType !== '' && contentType !== PROTOBUF_MEDIA_TYPE) {
      throw unsupported(`the embedded object's content type ${JSON.stringify(env.contentType)} is not supported`);
    }
    const schema = schemaFor(apiVersion, kind);
    if (!schema) throw unknownKind(apiVersion, kind);
    return { kind, apiVersion, ...decodeMessage(schema, env.raw, kind) };
  } catch (e) {
    throw isProtobufError(e) ? e.within(named) : e;
  }
}
