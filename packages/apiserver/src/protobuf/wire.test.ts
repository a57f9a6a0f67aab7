// The wire reader on its own: 64-bit varints, the int32/int64 views of them, and refusals.
import { describe, expect, it } from 'vitest';
import { isProtobufError } from './errors.js';
import { toInt32, toInt64, WireReader } from './wire.js';
import { varint } from './testing/encode.js';

const reader = (bytes: number[]): WireReader => new WireReader(Uint8Array.from(bytes), 'T');

function wireError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isProtobufError(e)) return e.message;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('WireReader', () => {
  it('reads all 64 bits of a varint, so negative int32 and large int64 survive', () => {
    expect(varint(-10)).toHaveLength(10);
    expect(toInt32(reader(varint(-10)).varint())).toBe(-10);
    expect(toInt64(reader(varint(-1)).varint())).toBe(-1);
    expect(toInt64(reader(varint(2 ** 40 + 3)).varint())).toBe(2 ** 40 + 3);
    // int32 keeps the low 32 bits, as Go's generated decoder does.
    expect(toInt32(reader(varint(2 ** 32 + 5)).varint())).toBe(5);
  });

  it('refuses a varint longer than ten bytes and a truncated one', () => {
    expect(wireError(() => reader(Array(11).fill(0x80)).varint())).toBe('proto: T: integer overflow');
    expect(wireError(() => reader([0x80]).varint())).toBe('proto: T: unexpected EOF');
  });

  it('refuses field number 0, groups, and lengths past the end', () => {
    expect(wireError(() => reader([0x02]).tag())).toBe('proto: T: illegal tag 0 (wire type 2)');
    expect(wireError(() => reader([0x0c]).tag())).toBe('proto: T: illegal wireType 4 for field 1');
    const r = reader([0x0b]);
    expect(wireError(() => r.skip(r.tag()))).toBe('proto: T: illegal wireType 3 for field 1');
    expect(wireError(() => reader([0x05, 0x61]).bytes())).toBe('proto: T: unexpected EOF');
  });
});
