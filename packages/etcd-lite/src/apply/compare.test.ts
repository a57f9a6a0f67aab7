import { describe, expect, it } from 'vitest';
import type { KeyValue } from '../mvcc/types.js';
import { CompareResult, CompareTarget, evaluateCompare } from './compare.js';
import type { Compare } from './wire.js';

const kv = (over: Partial<KeyValue>): KeyValue => ({
  key: Buffer.from('k'), create_revision: 2, mod_revision: 5, version: 3, value: Buffer.from('v1'), lease: '0', ...over,
});
const cmp = (target: CompareTarget, result: CompareResult, operand: Partial<Compare>): Compare =>
  ({ key: Buffer.from('k'), range_end: Buffer.alloc(0), target, result, ...operand }) as Compare;

describe('evaluateCompare', () => {
  it('compares stored against given for every target and result', () => {
    expect(evaluateCompare(cmp(CompareTarget.MOD, CompareResult.EQUAL, { mod_revision: '5' }), [kv({})])).toBe(true);
    expect(evaluateCompare(cmp(CompareTarget.MOD, CompareResult.GREATER, { mod_revision: '4' }), [kv({})])).toBe(true);
    expect(evaluateCompare(cmp(CompareTarget.CREATE, CompareResult.LESS, { create_revision: '2' }), [kv({})])).toBe(false);
    expect(evaluateCompare(cmp(CompareTarget.VERSION, CompareResult.NOT_EQUAL, { version: '3' }), [kv({})])).toBe(false);
    expect(evaluateCompare(cmp(CompareTarget.VALUE, CompareResult.GREATER, { value: Buffer.from('v0') }), [kv({})])).toBe(true);
    expect(
      evaluateCompare(cmp(CompareTarget.LEASE, CompareResult.EQUAL, { lease: '9223372036854775807' }), [kv({ lease: '9223372036854775807' })]),
    ).toBe(true);
  });

  it('compares a missing key as zero, but a VALUE compare on it always fails', () => {
    expect(evaluateCompare(cmp(CompareTarget.VERSION, CompareResult.EQUAL, { version: '0' }), [])).toBe(true);
    expect(evaluateCompare(cmp(CompareTarget.CREATE, CompareResult.EQUAL, {}), [])).toBe(true);
    expect(evaluateCompare(cmp(CompareTarget.VALUE, CompareResult.EQUAL, { value: Buffer.alloc(0) }), [])).toBe(false);
    expect(evaluateCompare(cmp(CompareTarget.VALUE, CompareResult.NOT_EQUAL, { value: Buffer.from('x') }), [])).toBe(false);
  });

  it('holds over a range only if it holds for every key', () => {
    const c = cmp(CompareTarget.MOD, CompareResult.GREATER, { mod_revision: '4' });
    expect(evaluateCompare(c, [kv({}), kv({ mod_revision: 9 })])).toBe(true);
    expect(evaluateCompare(c, [kv({}), kv({ mod_revision: 3 })])).toBe(false);
  });
});
