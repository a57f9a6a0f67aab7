import { describe, expect, it } from 'vitest';
import { EtcdError } from '../errors.js';
import { checkTxn, isReadOnlyTxn } from './validate.js';
import type { RequestOp, TxnRequest } from './wire.js';

const b = (s: string) => Buffer.from(s);
const put = (key: string): RequestOp => ({
  request: 'request_put',
  request_put: { key: b(key), value: b('v'), lease: '0', prev_kv: false, ignore_value: false, ignore_lease: false },
});
const del = (key: string, end = ''): RequestOp => ({
  request: 'request_delete_range',
  request_delete_range: { key: b(key), range_end: b(end), prev_kv: false },
});
const get = (key: string): RequestOp => ({
  request: 'request_range',
  request_range: {
    key: b(key), range_end: b(''), limit: '0', revision: '0', sort_order: 0, sort_target: 0, serializable: false,
    keys_only: false, count_only: false, min_mod_revision: '0', max_mod_revision: '0', min_create_revision: '0', max_create_revision: '0',
  },
});
const txn = (success: RequestOp[], failure: RequestOp[] = []): TxnRequest => ({ compare: [], success, failure });
const nested = (success: RequestOp[], failure: RequestOp[] = []): RequestOp => ({ request: 'request_txn', request_txn: txn(success, failure) });
const code = (r: TxnRequest) => {
  try {
    checkTxn(r);
    return 'ok';
  } catch (e) {
    return (e as EtcdError).code;
  }
};

describe('checkTxn', () => {
  it('rejects writing one key twice in a branch, or putting a key the branch deletes', () => {
    expect(code(txn([put('a'), put('a')]))).toBe('DUPLICATE_KEY');
    expect(code(txn([del('v/', 'v0'), put('v/b')]))).toBe('DUPLICATE_KEY');
    expect(code(txn([put('a')], [put('a')]))).toBe('ok');
    expect(code(txn([del('a'), del('a')]))).toBe('ok');
    expect(code(txn([put('a'), nested([put('a')])]))).toBe('DUPLICATE_KEY');
  });

  it('lets the two branches of a nested txn put the same key', () => {
    expect(code(txn([nested([put('a')], [put('a')])]))).toBe('ok');
    expect(code(txn([nested([del('a')]), put('a')]))).toBe('DUPLICATE_KEY');
  });

  it('limits ops per branch and requires keys', () => {
    expect(code(txn(Array.from({ length: 129 }, (_, i) => put(`k${i}`))))).toBe('TOO_MANY_OPS');
    expect(code(txn(Array.from({ length: 128 }, (_, i) => put(`k${i}`))))).toBe('ok');
    expect(code(txn([put('')]))).toBe('KEY_NOT_PROVIDED');
  });

  it('tells read-only txns from writing ones, nested included', () => {
    expect(isReadOnlyTxn(txn([get('a')], [get('b')]))).toBe(true);
    expect(isReadOnlyTxn(txn([get('a'), nested([get('c')])]))).toBe(true);
    expect(isReadOnlyTxn(txn([get('a')], [nested([], [put('c')])]))).toBe(false);
  });
});
