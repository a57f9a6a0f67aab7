// The envelope around every Kubernetes protobuf body: the 4 bytes `k8s\0`, then one
// runtime.Unknown message running to the end of the body — {1 typeMeta {1 apiVersion, 2 kind},
// 2 raw (the object's own message, which carries no apiVersion/kind), 3 contentEncoding,
// 4 contentType}.
import { emptyBody, invalidWire, notProtobuf } from './errors.js';
import { WIRE_LEN, WireReader, type Tag } from './wire.js';

export const PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

export interface Envelope {
  apiVersion: string;
  kind: string;
  /** The object's message; empty for a zero-valued object (an empty DeleteOptions). */
  raw: Uint8Array;
  contentEncoding: string;
  /** Empty means `raw` is protobuf. */
  contentType: string;
}

// ignoreBOM keeps a leading U+FEFF, as Go's string conversion does.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export function hasProtobufMagic(body: Uint8Array): boolean {
  return body.length >= PROTOBUF_MAGIC.length && PROTOBUF_MAGIC.every((b, i) => body[i] === b);
}

function lengthDelimited(r: WireReader, tag: Tag, where: string): Uint8Array {
  if (tag.wire !== WIRE_LEN) throw invalidWire(where, `wrong wireType = ${tag.wire} for field ${tag.field}`);
  return r.bytes();
}

function readTypeMeta(data: Uint8Array, env: Envelope): void {
  const r = new WireReader(data, 'TypeMeta');
  while (!r.done) {
    const tag = r.tag();
    if (tag.field === 1) env.apiVersion = utf8.decode(lengthDelimited(r, tag, 'TypeMeta'));
    else if (tag.field === 2) env.kind = utf8.decode(lengthDelimited(r, tag, 'TypeMeta'));
    else r.skip(tag);
  }
}

/** Checks the magic and reads the runtime.Unknown after it. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (!hasProtobufMagic(body)) throw notProtobuf();
  if (body.length === PROTOBUF_MAGIC.length) throw emptyBody();
  const env: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const r = new WireReader(body.subarray(PROTOBUF_MAGIC.length), 'Unknown');
  while (!r.done) {
    const tag = r.tag();
    switch (tag.field) {
      case 1:
        readTypeMeta(lengthDelimited(r, tag, 'Unknown'), env);
        break;
      case 2:
        env.raw = lengthDelimited(r, tag, 'Unknown');
        break;
      case 3:
        env.contentEncoding = utf8.decode(lengthDelimited(r, tag, 'Unknown'));
        break;
      case 4:
        env.contentType = utf8.decode(lengthDelimited(r, tag, 'Unknown'));
        break;
      default:
        r.skip(tag);
    }
  }
  return env;
}
