// The apimachinery types whose JSON form differs from their message form: Time (RFC 3339
// text, null when unset), Quantity (its text), IntOrString (a bare number or string)
// and FieldsV1 (the JSON document its bytes carry).
import { Quantity, QuantityParseError } from '@kubelite/api';
import { invalidValue, invalidWire } from './errors.js';
import type { SpecialType } from './schema.js';
import { toInt32, toInt64, WIRE_LEN, WIRE_VARINT, WireReader, type Tag } from './wire.js';

// ignoreBOM keeps a leading U+FEFF, as Go's string conversion does.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Reads a small fixed message into a field-number map: varints as bigint, the rest as bytes. */
function fieldsOf(data: Uint8Array, where: string, expected: Record<number, number>): Map<number, bigint | Uint8Array> {
  const out = new Map<number, bigint | Uint8Array>();
  const r = new WireReader(data, where);
  while (!r.done) {
    const tag: Tag = r.tag();
    const wire = expected[tag.field];
    if (wire === undefined) {
      r.skip(tag);
      continue;
    }
    if (tag.wire !== wire) throw invalidWire(where, `wrong wireType = ${tag.wire} for field ${tag.field}`);
    out.set(tag.field, wire === WIRE_VARINT ? r.varint() : r.bytes());
  }
  return out;
}

const bigintOf = (m: Map<number, bigint | Uint8Array>, n: number): bigint => {
  const v = m.get(n);
  return typeof v === 'bigint' ? v : 0n;
};

const textOf = (m: Map<number, bigint | Uint8Array>, n: number): string => {
  const v = m.get(n);
  return v instanceof Uint8Array ? utf8.decode(v) : '';
};

/** JavaScript's Date covers ±8.64e15 ms; Go's time covers more, but no real timestamp is there. */
function dateOf(seconds: bigint, where: string): Date {
  const ms = Number(seconds) * 1000;
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime())) throw invalidValue(where, `time out of range: ${seconds} seconds`);
  return d;
}

/** metav1.Time: seconds precision, as Go's RFC 3339 layout prints it; nanos are ignored, as Go does. */
function decodeTime(data: Uint8Array, where: string): string | null {
  // An empty message is the zero Time, which is JSON null — not the epoch.
  if (data.length === 0) return null;
  const m = fieldsOf(data, where, { 1: WIRE_VARINT, 2: WIRE_VARINT });
  return dateOf(BigInt.asIntN(64, bigintOf(m, 1)), where).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** resource.Quantity: Go parses the text while decoding and refuses an invalid one. */
function decodeQuantity(data: Uint8Array, where: string): string {
  // The encoder writes a zero Quantity as "0"; an empty message can only mean the same.
  if (data.length === 0) return '0';
  const text = textOf(fieldsOf(data, where, { 1: WIRE_LEN }), 1);
  try {
    Quantity.parse(text);
  } catch (e) {
    if (e instanceof QuantityParseError) throw invalidValue(where, `invalid quantity ${JSON.stringify(text)}: ${e.message}`);
    throw e;
  }
  return text;
}

/** intstr.IntOrString: all three fields are always written; `type` alone says which one counts. */
function decodeIntOrString(data: Uint8Array, where: string): number | string {
  const m = fieldsOf(data, where, { 1: WIRE_VARINT, 2: WIRE_VARINT, 3: WIRE_LEN });
  const type = toInt64(bigintOf(m, 1));
  if (type === 0) return toInt32(bigintOf(m, 2));
  if (type === 1) return textOf(m, 3);
  throw invalidValue(where, `impossible IntOrString.Type ${type}`);
}

/** metav1.FieldsV1: its Raw bytes are a JSON document (managedFields' fieldsV1). */
function decodeFieldsV1(data: Uint8Array, where: string): unknown {
  const raw = textOf(fieldsOf(data, where, { 1: WIRE_LEN }), 1);
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw invalidValue(where, `fieldsV1 is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function decodeSpecial(type: SpecialType, data: Uint8Array, where: string): unknown {
  switch (type) {
    case 'time':
      return decodeTime(data, where);
    case 'quantity':
      return decodeQuantity(data, where);
    case 'intOrString':
      return decodeIntOrString(data, where);
    case 'fieldsV1':
      return decodeFieldsV1(data, where);
  }
}
