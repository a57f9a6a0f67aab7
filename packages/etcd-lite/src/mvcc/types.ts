// The MVCC core's data types. KeyValue and Event mirror mvccpb's messages field for field so the
// gRPC layer can send them without copying.

/** A lease id: a decimal int64 string ("0" = none), exact beyond 2^53. */
export type LeaseId = string;
export const NO_LEASE: LeaseId = '0';

export interface KeyValue {
  key: Buffer;
  create_revision: number;
  mod_revision: number;
  /** number of puts since creation; 0 marks a tombstone in history */
  version: number;
  value: Buffer;
  lease: LeaseId;
}

export const enum EventType {
  PUT = 0,
  DELETE = 1,
}

export interface Event {
  type: EventType;
  kv: KeyValue;
  prev_kv?: KeyValue | null;
}

/** A half-open byte range [key, end); end null = the single key; end empty = no upper bound. */
export interface KeyRange {
  key: Buffer;
  end: Buffer | null;
}

export const enum SortOrder {
  NONE = 0,
  ASCEND = 1,
  DESCEND = 2,
}

export const enum SortTarget {
  KEY = 0,
  VERSION = 1,
  CREATE = 2,
  MOD = 3,
  VALUE = 4,
}

export interface RangeOptions {
  limit: number;
  /** 0 = the current revision */
  revision: number;
  sortOrder: SortOrder;
  sortTarget: SortTarget;
  keysOnly: boolean;
  countOnly: boolean;
  minModRevision: number;
  maxModRevision: number;
  minCreateRevision: number;
  maxCreateRevision: number;
}

export interface RangeResult {
  kvs: KeyValue[];
  more: boolean;
  count: number;
  /** the store revision the range was served at (the response header's revision) */
  revision: number;
}

/** Converts a wire range (key, range_end) to a KeyRange following etcd's conventions. */
export function toKeyRange(key: Buffer, rangeEnd: Buffer): KeyRange {
  if (rangeEnd.length === 0) return { key, end: null };
  // "\0" as range_end means every key >= key (etcd's mkGteRange)
  if (rangeEnd.length === 1 && rangeEnd[0] === 0) return { key, end: Buffer.alloc(0) };
  return { key, end: rangeEnd };
}
