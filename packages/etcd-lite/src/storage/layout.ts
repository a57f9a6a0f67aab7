// How the MVCC store lays its data out in the backend's single ordered keyspace.
//   'r' rev(8) sub(4)   -> mvccpb.KeyValue of one change (version 0 = deletion), as etcd stores it
//   'l' id(8)           -> a lease record (JSON)
//   'm' name            -> store metadata (compacted revision, member identity)
import { keyValueType } from '../proto.js';
import type { KeyValue } from '../mvcc/types.js';

const HISTORY = 0x72; // 'r'
const LEASE = 0x6c; // 'l'
const META = 0x6d; // 'm'

export function historyKey(main: number, sub: number): Buffer {
  const b = Buffer.allocUnsafe(13);
  b[0] = HISTORY;
  // a big-endian uint64 without a BigInt allocation (revisions stay below 2^53)
  b.writeUInt32BE(Math.floor(main / 0x1_0000_0000), 1);
  b.writeUInt32BE(main >>> 0, 5);
  b.writeUInt32BE(sub, 9);
  return b;
}

export function parseHistoryKey(k: Buffer): { main: number; sub: number } {
  return { main: k.readUInt32BE(1) * 0x1_0000_0000 + k.readUInt32BE(5), sub: k.readUInt32BE(9) };
}

/** [gte, lt) bounds covering history revisions [from, to) */
export function historyBounds(from: number, to: number): { gte: Buffer; lt: Buffer } {
  return { gte: historyKey(from, 0), lt: historyKey(to, 0) };
}

export function leaseKey(id: bigint): Buffer {
  const b = Buffer.allocUnsafe(9);
  b[0] = LEASE;
  b.writeBigInt64BE(id, 1);
  return b;
}

export const leaseBounds = { gte: Buffer.from([LEASE]), lt: Buffer.from([LEASE + 1]) };

export function metaKey(name: string): Buffer {
  return Buffer.concat([Buffer.from([META]), Buffer.from(name)]);
}

export const META_COMPACTED = metaKey('compacted');
export const META_MEMBER = metaKey('member');

/** The whole keyspace: what a snapshot copies. */
export const allBounds = { gte: Buffer.from([0]), lt: Buffer.from([0xff]) };

export function encodeKeyValue(kv: KeyValue): Buffer {
  // protobufjs encodes plain objects directly (int64 from number or decimal string); in Node its
  // writer yields a Buffer
  return keyValueType().encode(kv).finish() as Buffer;
}

export function decodeKeyValue(buf: Buffer): KeyValue {
  const type = keyValueType();
  const o = type.toObject(type.decode(buf), { longs: String, bytes: Buffer, defaults: true });
  return {
    key: o.key as Buffer,
    create_revision: Number(o.create_revision),
    mod_revision: Number(o.mod_revision),
    version: Number(o.version),
    value: o.value as Buffer,
    lease: o.lease as string,
  };
}
