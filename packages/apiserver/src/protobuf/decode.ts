// Decodes one protobuf message into the JSON object Go's encoding/json would print for the same
// Go struct, driven by a MessageSchema. That is the object the JSON request path would have
// received, so defaulting, validation and storage need not know which format a client used.
//
// proto2 semantics as Kubernetes' generated (gogo) code has them: fields may come in any order;
// the last occurrence of a singular scalar wins; repeated occurrences of a singular message
// merge; unknown field numbers are skipped; repeated numbers are accepted packed or unpacked.
import { invalidWire, unsupported } from './errors.js';
import { isMessage, isScalar, type FieldSpec, type FieldType, type MessageSchema, type ScalarType } from './schema.js';
import { decodeSpecial } from './special.js';
import { toInt32, toInt64, WIRE_LEN, WIRE_VARINT, WireReader, type Tag } from './wire.js';

// ignoreBOM keeps a leading U+FEFF, as Go's string conversion does.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const EMPTY = new Uint8Array(0);

/** What one message's fields collected before they become JSON. */
interface Collected {
  /** Singular scalars, already in JSON form; the last occurrence wins. */
  scalars: Map<number, unknown>;
  /** Singular messages: every occurrence's bytes, merged by decoding them as one. */
  chunks: Map<number, Uint8Array[]>;
  lists: Map<number, unknown[]>;
  maps: Map<number, Map<string, unknown>>;
}

const isVarintType = (t: ScalarType): t is 'bool' | 'int32' | 'int64' => t === 'bool' || t === 'int32' || t === 'int64';

function fromVarint(type: 'bool' | 'int32' | 'int64', v: bigint): boolean | number {
  if (type === 'bool') return v !== 0n;
  return type === 'int32' ? toInt32(v) : toInt64(v);
}

/** Strings decode as Go's JSON encoder prints them: invalid UTF-8 becomes U+FFFD. */
const fromBytes = (type: 'string' | 'bytes', b: Uint8Array): string =>
  type === 'string' ? utf8.decode(b) : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

function expectWire(tag: Tag, wire: number, where: string): void {
  if (tag.wire !== wire) throw invalidWire(where, `wrong wireType = ${tag.wire} for field ${tag.field}`);
}

function readScalar(type: ScalarType, tag: Tag, r: WireReader, where: string): unknown {
  if (isVarintType(type)) {
    expectWire(tag, WIRE_VARINT, where);
    return fromVarint(type, r.varint());
  }
  expectWire(tag, WIRE_LEN, where);
  return fromBytes(type, r.bytes(where));
}

const zeroOf = (type: ScalarType): unknown => (type === 'bool' ? false : type === 'int32' || type === 'int64' ? 0 : '');

const isZero = (v: unknown): boolean => v === '' || v === 0 || v === false;

/** The JSON form of a length-delimited value of any non-scalar type. */
function decodeValue(type: Exclude<FieldType, ScalarType>, data: Uint8Array, where: string): unknown {
  return isMessage(type) ? decodeMessage(type, data, where) : decodeSpecial(type, data, where);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? (chunks[0] ?? EMPTY) : Buffer.concat(chunks);
}

/** A map entry is a message {1: key, 2: value}; either may be missing and then is zero. */
function decodeEntry(type: FieldType, data: Uint8Array, where: string): [string, unknown] {
  const r = new WireReader(data, where);
  let key = '';
  let value: unknown;
  const valueChunks: Uint8Array[] = [];
  while (!r.done) {
    const tag = r.tag();
    if (tag.field === 1) {
      expectWire(tag, WIRE_LEN, where);
      key = utf8.decode(r.bytes());
    } else if (tag.field === 2) {
      if (isScalar(type)) value = readScalar(type, tag, r, where);
      else {
        expectWire(tag, WIRE_LEN, where);
        valueChunks.push(r.bytes());
      }
    } else {
      r.skip(tag);
    }
  }
  const at = `${where}[${JSON.stringify(key)}]`;
  if (isScalar(type)) return [key, value ?? zeroOf(type)];
  return [key, decodeValue(type, valueChunks.length > 0 ? concat(valueChunks) : EMPTY, at)];
}

function collect(f: FieldSpec, tag: Tag, r: WireReader, acc: Collected, where: string): void {
  const at = `${where}.${f.name}`;
  const type = f.type;
  if (f.presence === 'list' || f.presence === 'nullList') {
    const list = acc.lists.get(f.no) ?? [];
    acc.lists.set(f.no, list);
    if (!isScalar(type)) {
      expectWire(tag, WIRE_LEN, at);
      list.push(decodeValue(type, r.bytes(at), `${at}[${list.length}]`));
    } else if (tag.wire === WIRE_LEN && isVarintType(type)) {
      // Packed: one record holding every element's varint back to back.
      const packed = new WireReader(r.bytes(at), at);
      while (!packed.done) list.push(fromVarint(type, packed.varint()));
    } else {
      list.push(readScalar(type, tag, r, at));
    }
    return;
  }
  if (f.presence === 'map') {
    expectWire(tag, WIRE_LEN, at);
    const map = acc.maps.get(f.no) ?? new Map<string, unknown>();
    acc.maps.set(f.no, map);
    const [key, value] = decodeEntry(type, r.bytes(at), at);
    map.set(key, value);
    return;
  }
  if (isScalar(type)) {
    acc.scalars.set(f.no, readScalar(type, tag, r, at));
    return;
  }
  expectWire(tag, WIRE_LEN, at);
  const chunks = acc.chunks.get(f.no) ?? [];
  acc.chunks.set(f.no, chunks);
  chunks.push(r.bytes(at));
}

function singular(f: FieldSpec, acc: Collected, at: string, out: Record<string, unknown>): void {
  const type = f.type;
  if (isScalar(type)) {
    if (!acc.scalars.has(f.no)) {
      if (f.presence === 'required') out[f.name] = zeroOf(type);
      else if (f.presence === 'nullable') out[f.name] = null;
      return;
    }
    const v = acc.scalars.get(f.no);
    if (f.presence === 'value' && isZero(v)) return;
    out[f.name] = v;
    return;
  }
  const chunks = acc.chunks.get(f.no);
  if (chunks === undefined) {
    if (f.presence === 'optional') return;
    if (f.presence === 'nullable') {
      out[f.name] = null;
      return;
    }
    // A Go struct value is never omitted: an absent one prints as its zero form.
    out[f.name] = decodeValue(type, EMPTY, at);
    return;
  }
  out[f.name] = decodeValue(type, concat(chunks), at);
}

function toJson(schema: MessageSchema, acc: Collected, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const at = `${where}.${f.name}`;
    switch (f.presence) {
      case 'list':
      case 'nullList': {
        const list = acc.lists.get(f.no);
        if (list && list.length > 0) out[f.name] = list;
        else if (f.presence === 'nullList') out[f.name] = null;
        break;
      }
      case 'map': {
        const map = acc.maps.get(f.no);
        // fromEntries defines own properties, so a key such as `__proto__` stays plain data.
        if (map && map.size > 0) out[f.name] = Object.fromEntries(map);
        break;
      }
      case 'inline': {
        const chunks = acc.chunks.get(f.no);
        Object.assign(out, decodeMessage(f.type as MessageSchema, chunks ? concat(chunks) : EMPTY, where));
        break;
      }
      default:
        singular(f, acc, at, out);
    }
  }
  return out;
}

/**
 * Decodes `data` as `schema`. `where` is the JSON path so far (`Deployment.spec.template`), used
 * in every error message.
 */
export function decodeMessage(schema: MessageSchema, data: Uint8Array, where: string): Record<string, unknown> {
  if (schema.opaque) {
    if (data.length > 0) {
      throw unsupported(`${where} (${schema.name}) is not supported in protobuf request bodies by this server; send the object as JSON`);
    }
    return {};
  }
  const acc: Collected = { scalars: new Map(), chunks: new Map(), lists: new Map(), maps: new Map() };
  const r = new WireReader(data, where);
  while (!r.done) {
    const tag = r.tag();
    const f = schema.byNumber.get(tag.field);
    if (f) collect(f, tag, r, acc, where);
    else r.skip(tag);
  }
  return toJson(schema, acc, where);
}
