// Txn compares, with etcd's rules: a compare over a range holds only if it holds for every key;
// a missing key compares as a zero KeyValue, except that a VALUE compare on it always fails.
import type { KeyValue } from '../mvcc/types.js';
import type { Compare } from './wire.js';

export const enum CompareTarget {
  VERSION = 0,
  CREATE = 1,
  MOD = 2,
  VALUE = 3,
  LEASE = 4,
}

export const enum CompareResult {
  EQUAL = 0,
  GREATER = 1,
  LESS = 2,
  NOT_EQUAL = 3,
}

const sign = (n: number | bigint): number => (n > 0 ? 1 : n < 0 ? -1 : 0);

/** -1, 0 or 1: stored value against the compare's operand. */
function compareTarget(c: Compare, kv: KeyValue | null): number {
  switch (c.target as CompareTarget) {
    case CompareTarget.VALUE:
      return Buffer.compare(kv?.value ?? EMPTY, c.value ?? EMPTY);
    case CompareTarget.CREATE:
      return sign((kv?.create_revision ?? 0) - Number(c.create_revision ?? 0));
    case CompareTarget.MOD:
      return sign((kv?.mod_revision ?? 0) - Number(c.mod_revision ?? 0));
    case CompareTarget.VERSION:
      return sign((kv?.version ?? 0) - Number(c.version ?? 0));
    case CompareTarget.LEASE:
      return sign(BigInt(kv?.lease ?? '0') - BigInt(c.lease ?? '0'));
    default:
      return 0;
  }
}

function holds(c: Compare, kv: KeyValue | null): boolean {
  const r = compareTarget(c, kv);
  switch (c.result as CompareResult) {
    case CompareResult.EQUAL:
      return r === 0;
    case CompareResult.NOT_EQUAL:
      return r !== 0;
    case CompareResult.GREATER:
      return r > 0;
    case CompareResult.LESS:
      return r < 0;
    default:
      return true;
  }
}

/** Evaluates one compare against the kvs currently in its key range. */
export function evaluateCompare(c: Compare, kvs: KeyValue[]): boolean {
  if (kvs.length === 0) return (c.target as CompareTarget) !== CompareTarget.VALUE && holds(c, null);
  return kvs.every((kv) => holds(c, kv));
}

const EMPTY = Buffer.alloc(0);
