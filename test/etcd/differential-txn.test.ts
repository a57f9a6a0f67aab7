// Differential: KV Txn — compares on every target with every result, success and failure branches,
// ops seeing earlier ops, nested txns, and the validation errors.
import { describe } from 'vitest';
import { bytes, cmp, diffTest, op, steps, type CompareOp, type DiffClient } from '../support/diff-harness.js';

const ops: CompareOp[] = ['=', '!=', '>', '<'];

/** Runs a read-only txn per compare so the revision does not move; records succeeded + responses. */
async function check(c: DiffClient, label: string, compare: ReturnType<typeof cmp>[]): Promise<void> {
  await c.txn({ compare, success: [op.range('x', { count_only: true })], failure: [] }, label);
}

describe('differential: Txn', () => {
  diffTest(
    'compare targets × results on an existing and a missing key',
    steps(async (c) => {
      const lease = await c.must('lease', 'LeaseGrant', { TTL: '600' });
      await c.put('x', 'x1'); // 2
      await c.put('y', 'y1'); // 3
      await c.put('x', 'x2', { lease: lease.ID }); // 4: x version 2, create 2, mod 4, lease L1
      const numeric = { VERSION: [1, 2, 3], CREATE: [1, 2, 3], MOD: [3, 4, 5] } as const;
      for (const [target, operands] of Object.entries(numeric) as [keyof typeof numeric, readonly number[]][]) {
        for (const r of ops) {
          for (const n of [...operands, 0]) {
            await check(c, `${target}(x) ${r} ${n}`, [cmp('x', target, r, n)]);
            await check(c, `${target}(missing) ${r} ${n}`, [cmp('missing', target, r, n)]);
          }
        }
      }
      for (const r of ops) {
        for (const v of ['x1', 'x2', 'x3', '']) {
          await check(c, `VALUE(x) ${r} "${v}"`, [cmp('x', 'VALUE', r, v)]);
          await check(c, `VALUE(missing) ${r} "${v}"`, [cmp('missing', 'VALUE', r, v)]);
        }
        for (const [name, id] of [['L1', lease.ID as string], ['0', '0'], ['other', '1']]) {
          await check(c, `LEASE(x) ${r} ${name}`, [cmp('x', 'LEASE', r, id)]);
          await check(c, `LEASE(y) ${r} ${name}`, [cmp('y', 'LEASE', r, id)]);
          await check(c, `LEASE(missing) ${r} ${name}`, [cmp('missing', 'LEASE', r, id)]);
        }
      }
      // several compares: all must hold
      await check(c, 'VERSION(x)=2 AND VALUE(y)="y1"', [cmp('x', 'VERSION', '=', 2), cmp('y', 'VALUE', '=', 'y1')]);
      await check(c, 'VERSION(x)=2 AND VALUE(y)="no"', [cmp('x', 'VERSION', '=', 2), cmp('y', 'VALUE', '=', 'no')]);
      await check(c, 'no compares', []);
      await c.range('x');
    }),
    60_000,
  );

  diffTest(
    'compare over a range (range_end)',
    steps(async (c) => {
      await c.put('r/a', '1'); // 2
      await c.put('r/b', '2'); // 3
      await c.put('r/b', '2'); // 4
      await c.put('r/c', '3'); // 5
      const r = { range_end: bytes('r0') };
      for (const [label, compare] of [
        ['MOD(r/*) > 1', cmp('r/', 'MOD', '>', 1, r)],
        ['MOD(r/*) > 2', cmp('r/', 'MOD', '>', 2, r)],
        ['MOD(r/*) < 6', cmp('r/', 'MOD', '<', 6, r)],
        ['MOD(r/*) < 5', cmp('r/', 'MOD', '<', 5, r)],
        ['VERSION(r/*) = 1', cmp('r/', 'VERSION', '=', 1, r)],
        ['VERSION(r/*) != 3', cmp('r/', 'VERSION', '!=', 3, r)],
        ['CREATE(r/*) > 1', cmp('r/', 'CREATE', '>', 1, r)],
        ['VALUE(r/*) > "0"', cmp('r/', 'VALUE', '>', '0', r)],
        ['VALUE(r/*) = "1"', cmp('r/', 'VALUE', '=', '1', r)],
        ['VALUE(r/*) != "9"', cmp('r/', 'VALUE', '!=', '9', r)],
        ['LEASE(r/*) = 0', cmp('r/', 'LEASE', '=', 0, r)],
        ['VERSION(empty range) = 0', cmp('s/', 'VERSION', '=', 0, { range_end: bytes('s0') })],
        ['MOD(empty range) > 0', cmp('s/', 'MOD', '>', 0, { range_end: bytes('s0') })],
        ['VALUE(empty range) != "x"', cmp('s/', 'VALUE', '!=', 'x', { range_end: bytes('s0') })],
        ['MOD(from r/b) > 3', cmp('r/b', 'MOD', '>', 3, { range_end: bytes('\0') })],
      ] as const) {
        await c.txn({ compare: [compare], success: [op.range('r/', r)], failure: [op.range('r/a')] }, label);
      }
    }),
  );

  diffTest(
    'success and failure branches, ops seeing earlier ops, nested txns',
    steps(async (c) => {
      await c.put('a', '1'); // 2
      await c.put('b', '1'); // 3
      const branches = {
        success: [op.put('a', '2', { prev_kv: true }), op.range('a'), op.del('b', { prev_kv: true }), op.range('\0', { range_end: bytes('\0') }), op.put('c', 'new')],
        failure: [op.put('f', 'failed'), op.range('f'), op.range('a')],
      };
      await c.txn({ compare: [cmp('a', 'VALUE', '=', '1')], ...branches }, 'compare holds: success branch');
      await c.txn({ compare: [cmp('a', 'VALUE', '=', '1')], ...branches }, 'compare fails: failure branch');
      await c.range('\0', { range_end: bytes('\0') });
      await c.txn({ compare: [cmp('a', 'VALUE', '=', 'zzz')], success: [op.put('s', '1')] }, 'failure branch empty');
      await c.txn(
        {
          compare: [cmp('a', 'MOD', '>', 0)],
          success: [
            op.put('n1', 'outer'),
            op.txn({ compare: [cmp('n1', 'VALUE', '=', 'outer')], success: [op.put('n2', 'inner'), op.range('n1')], failure: [op.put('n3', 'no')] }),
            op.range('n', { range_end: bytes('o') }),
          ],
        },
        'nested txn: its compare is evaluated before the outer put',
      );
      await c.txn(
        { success: [op.txn({ compare: [cmp('zz', 'VERSION', '>', 0)], success: [op.put('n4', 'x')], failure: [op.range('n1'), op.txn({ success: [op.del('n2')] })] })] },
        'nested failure branch with a nested-nested txn',
      );
      await c.range('n', { range_end: bytes('o') });
      await c.txn({ success: [op.put('d', '1'), op.del('d'), op.range('d')] }, 'put then delete same key');
      await c.txn({ success: [op.del('e'), op.del('e')] }, 'delete twice');
      await c.txn({ success: [op.range('a'), op.range('a', { revision: '2' }), op.range('a', { revision: '99' })] }, 'range at a future revision inside txn');
      await c.txn({ success: [op.put('k', '1'), op.txn({ success: [op.put('k', '2')] })] }, 'same key in outer and nested txn');
      await c.txn({ success: [op.txn({ success: [op.put('k', '1')] }), op.txn({ success: [op.put('k', '2')] })] }, 'same key in two nested txns');
      await c.txn({ compare: [cmp('a', 'VERSION', '>', 0)], success: [op.put('k', '1')], failure: [op.put('k', '2')] }, 'same key in success and failure');
      await c.range('\0', { range_end: bytes('\0') });
    }),
  );

  diffTest(
    'txn validation errors',
    steps(async (c) => {
      await c.put('a', '1');
      await c.txn({ success: [op.put('t', '1'), op.put('t', '2')] }, 'duplicate put');
      await c.txn({ success: [op.del('v/', { range_end: bytes('v0') }), op.put('v/b', '1')] }, 'put inside deleted range');
      await c.txn({ success: [op.put('v/b', '1'), op.del('v/', { range_end: bytes('v0') })] }, 'deleted range over an earlier put');
      await c.txn({ failure: [op.put('t', '1'), op.put('t', '2')] }, 'duplicate in the branch not taken');
      const many = (n: number) => Array.from({ length: n }, (_, i) => op.put(`m/${String(i).padStart(3, '0')}`, 'v'));
      await c.txn({ success: many(129) }, '129 ops');
      await c.txn({ compare: Array.from({ length: 129 }, () => cmp('a', 'VERSION', '>', 0)) }, '129 compares');
      await c.txn({ failure: many(129) }, '129 ops in failure');
      await c.txn({ success: many(128) }, '128 ops');
      await c.range('m/', { range_end: bytes('m0'), count_only: true });
      await c.txn({ success: [op.put('ok', '1'), op.put('bad', '1', { lease: '4242' })] }, 'unknown lease in txn: nothing applied');
      await c.txn({ success: [op.put('ok', '1'), op.put('z', '', { ignore_value: true })] }, 'ignore_value on missing key in txn');
      await c.range('ok');
      await c.range('\0', { range_end: bytes('\0'), count_only: true });
    }),
  );
});
