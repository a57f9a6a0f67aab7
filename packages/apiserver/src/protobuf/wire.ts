// The protobuf wire format, read-only: tags, varints (all 64 bits, since a negative int32 is
// sign-extended to ten bytes), length-delimited records, and skipping what a schema does not
// name. Kubernetes' generated messages use only varint and length-delimited fields; the fixed
// widths are skipped correctly all the same, groups are refused as Go's decoder refuses them.
import { invalidWire } from './errors.js';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

export interface Tag {
  field: number;
  wire: number;
}

export class WireReader {
  private pos = 0;

  /** `where` names the message being read, for error messages. */
  constructor(
    private readonly buf: Uint8Array,
    private readonly where: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private byte(): number {
    const b = this.buf[this.pos];
    if (b === undefined) throw invalidWire(this.where, 'unexpected EOF');
    this.pos++;
    return b;
  }

  /** A varint that must fit a JS number exactly: tags and lengths. */
  private count(what: string): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(value)) throw invalidWire(this.where, `${what} overflows`);
        return value;
      }
      scale *= 128;
    }
    throw invalidWire(this.where, `${what} overflows 64 bits`);
  }

  /** A full 64-bit varint, unsigned; callers reinterpret it as int32/int64/bool. */
  varint(): bigint {
    let value = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, value);
      shift += 7n;
    }
    throw invalidWire(this.where, 'integer overflow');
  }

  tag(): Tag {
    const t = this.count('tag');
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (field <= 0) throw invalidWire(this.where, `illegal tag ${field} (wire type ${wire})`);
    if (wire === WIRE_END_GROUP) throw invalidWire(this.where, `illegal wireType ${wire} for field ${field}`);
    return { field, wire };
  }

  /** The payload of a length-delimited record (a view, not a copy); `field` names it in errors. */
  bytes(field?: string): Uint8Array {
    const len = this.count('length');
    if (len > this.buf.length - this.pos) throw invalidWire(field ?? this.where, 'unexpected EOF');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** Steps over one field's value, as decoders do for field numbers they do not know. */
  skip(tag: Tag): void {
    switch (tag.wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_LEN:
        this.bytes();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        throw invalidWire(this.where, `illegal wireType ${tag.wire} for field ${tag.field}`);
    }
  }

  private advance(n: number): void {
    if (n > this.buf.length - this.pos) throw invalidWire(this.where, 'unexpected EOF');
    this.pos += n;
  }
}

/** Low 32 bits as a signed integer: how Go reads an int32 from a 64-bit varint. */
export const toInt32 = (v: bigint): number => Number(BigInt.asIntN(32, v));

/** Two's-complement int64; beyond 2^53 the JSON number loses precision, as it would in JSON. */
export const toInt64 = (v: bigint): number => Number(BigInt.asIntN(64, v));
