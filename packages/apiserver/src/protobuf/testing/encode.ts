// A minimal protobuf encoder for tests: enough to build bodies the recorded vectors do not cover
// (pod specs, malformed data, unusual but valid encodings). Test-only; excluded from the build.

/** number/bigint/boolean → varint; string/bytes → length-delimited; a field list → a nested message. */
export type PbValue = number | bigint | boolean | string | Uint8Array | PbField[];
export type PbField = readonly [no: number, value: PbValue];

export function varint(v: number | bigint): number[] {
  // Negative values are sign-extended to 64 bits, as Go writes them (ten bytes).
  let n = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (n >= 0x80n) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
  return out;
}

export const tag = (no: number, wire: number): number[] => varint(no * 8 + wire);

export function encode(fields: readonly PbField[]): Uint8Array {
  const out: number[] = [];
  for (const [no, value] of fields) {
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      out.push(...tag(no, 0), ...varint(typeof value === 'boolean' ? (value ? 1 : 0) : value));
      continue;
    }
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : encode(value);
    out.push(...tag(no, 2), ...varint(bytes.length), ...bytes);
  }
  return Uint8Array.from(out);
}

/** A whole request body: `k8s\0` + runtime.Unknown{typeMeta, raw, contentEncoding, contentType}. */
export function body(apiVersion: string, kind: string, raw: readonly PbField[] | Uint8Array, contentType = ''): Buffer {
  const rawBytes = raw instanceof Uint8Array ? raw : encode(raw);
  const unknown = encode([
    [1, [
      [1, apiVersion],
      [2, kind],
    ]],
    [2, rawBytes],
    [3, ''],
    [4, contentType],
  ]);
  return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), unknown]);
}

/** ObjectMeta as kubectl writes it: every value field present, zero or not. */
export const meta = (name: string, namespace = ''): PbField[] => [
  [1, name],
  [2, ''],
  [3, namespace],
  [4, ''],
  [5, ''],
  [6, ''],
  [7, 0],
  [8, []],
];
