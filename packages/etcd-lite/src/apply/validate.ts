// Checks a request before anything runs, in etcd's order, so that bad input changes nothing.
import { EtcdError } from '../errors.js';
import { keyString } from '../mvcc/key-index.js';
import { toKeyRange, type KeyRange } from '../mvcc/types.js';
import type { DeleteRangeRequest, PutRequest, RangeRequest, RequestOp, TxnRequest } from './wire.js';

export const MAX_TXN_OPS = 128;

export function checkRange(r: RangeRequest): void {
  if (r.key.length === 0) throw new EtcdError('KEY_NOT_PROVIDED');
}

export function checkPut(r: PutRequest): void {
  if (r.key.length === 0) throw new EtcdError('KEY_NOT_PROVIDED');
  if (r.ignore_value && r.value.length !== 0) throw new EtcdError('VALUE_PROVIDED');
  if (r.ignore_lease && r.lease !== '0') throw new EtcdError('LEASE_PROVIDED');
}

export function checkDeleteRange(r: DeleteRangeRequest): void {
  if (r.key.length === 0) throw new EtcdError('KEY_NOT_PROVIDED');
}

export function checkTxn(r: TxnRequest, maxOps = MAX_TXN_OPS): void {
  checkTxnShape(r, maxOps);
  checkIntervals(r.success);
  checkIntervals(r.failure);
}

function checkTxnShape(r: TxnRequest, maxOps: number): void {
  if (Math.max(r.compare.length, r.success.length, r.failure.length) > maxOps) throw new EtcdError('TOO_MANY_OPS');
  for (const c of r.compare) if (c.key.length === 0) throw new EtcdError('KEY_NOT_PROVIDED');
  for (const op of [...r.success, ...r.failure]) checkOp(op, maxOps);
}

function checkOp(op: RequestOp, maxOps: number): void {
  if (op.request_range) checkRange(op.request_range);
  else if (op.request_put) checkPut(op.request_put);
  else if (op.request_delete_range) checkDeleteRange(op.request_delete_range);
  else if (op.request_txn) checkTxnShape(op.request_txn, maxOps);
}

function inRanges(key: Buffer, ranges: KeyRange[]): boolean {
  return ranges.some(({ key: start, end }) => {
    if (end === null) return key.equals(start);
    return Buffer.compare(key, start) >= 0 && (end.length === 0 || Buffer.compare(key, end) < 0);
  });
}

/**
 * A key may be written once per branch: two puts of one key, or a put of a key that a delete in
 * the same branch (or a nested one) covers, is etcd's "duplicate key" error. The two branches of a
 * nested txn exclude each other, so they may put the same key.
 */
function checkIntervals(ops: RequestOp[]): { puts: Set<string>; dels: KeyRange[] } {
  const dels: KeyRange[] = [];
  for (const op of ops) {
    const d = op.request_delete_range;
    if (d) dels.push(toKeyRange(d.key, d.range_end));
  }
  const puts = new Set<string>();
  const conflicts = (k: string) => inRanges(Buffer.from(k, 'latin1'), dels);
  for (const op of ops) {
    if (!op.request_txn) continue;
    const then = checkIntervals(op.request_txn.success);
    const other = checkIntervals(op.request_txn.failure);
    for (const k of then.puts) {
      if (puts.has(k) || conflicts(k)) throw new EtcdError('DUPLICATE_KEY');
      puts.add(k);
    }
    for (const k of other.puts) {
      if ((puts.has(k) && !then.puts.has(k)) || conflicts(k)) throw new EtcdError('DUPLICATE_KEY');
      puts.add(k);
    }
    dels.push(...then.dels, ...other.dels);
  }
  for (const op of ops) {
    if (!op.request_put) continue;
    const k = keyString(op.request_put.key);
    if (puts.has(k) || conflicts(k)) throw new EtcdError('DUPLICATE_KEY');
    puts.add(k);
  }
  return { puts, dels };
}

/** A txn none of whose branches writes can be served as a read. */
export function isReadOnlyTxn(r: TxnRequest): boolean {
  return [...r.success, ...r.failure].every(
    (op) => op.request_range != null || (op.request_txn != null && isReadOnlyTxn(op.request_txn)),
  );
}
