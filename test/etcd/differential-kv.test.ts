// Differential: KV Range / Put / DeleteRange against the real etcd (see test/support/diff-harness.ts
// for ETCD_DIFF_FLAVORS / ETCD_DIFF_DUMP). Every response is recorded in full (header revision,
// kvs with create/mod revision and version, more, count, deleted, prev_kvs, errors).
import { describe } from 'vitest';
import { bytes, diffTest, op, SortOrder, SortTarget, steps, type DiffClient } from '../support/diff-harness.js';

const everything = { range_end: bytes('\0') };

describe('differential: KV', () => {
  diffTest(
    'revisions after puts, deletes and txns',
    steps(async (c) => {
      await c.range('a'); // empty store: revision 1, no kvs
      await c.put('a', '1'); // 2
      await c.put('a', '1'); // same value: 3, version 2
      await c.range('a');
      await c.put('b', 'x'); // 4
      await c.del('missing'); // no bump
      await c.del('a', { prev_kv: true }); // 5
      await c.range('a');
      await c.put('a', '2'); // 6: new create_revision, version 1
      await c.range('a');
      await c.txn({ success: [op.put('c', '1'), op.put('d', '1')] }, 'txn put c,d'); // 7 for both
      await c.range('c', { range_end: bytes('e') });
      await c.txn({ success: [op.range('a')] }, 'read-only txn'); // no bump
      await c.txn({ compare: [], success: [op.del('nope')] }, 'txn deleting nothing'); // no bump
      await c.range('\0', everything);
      await c.del('c', { range_end: bytes('e'), prev_kv: true }); // 8, deleted 2
      await c.del('c', { range_end: bytes('e') }); // nothing left: no bump
      await c.put('c', '2', { prev_kv: true }); // 9
      await c.range('\0', everything);
      await c.put('e', ''); // empty value is a value
      await c.range('e');
    }),
  );

  diffTest(
    'range: limit, more, count, keys_only, count_only, open and whole-keyspace ranges',
    steps(async (c) => {
      for (const k of ['a', 'b', 'c', 'd', 'e', 'p/1', 'p/2', 'p/3', 'q']) await c.put(k, `v-${k}`);
      await c.put('b', 'v-b2');
      await c.range('a', { range_end: bytes('d') });
      await c.range('a', { range_end: bytes('d'), limit: '2' });
      await c.range('a', { range_end: bytes('d'), limit: '3' });
      await c.range('a', { range_end: bytes('d'), limit: '4' });
      await c.range('a', { range_end: bytes('d'), keys_only: true });
      await c.range('a', { range_end: bytes('d'), keys_only: true, limit: '1' });
      await c.range('a', { range_end: bytes('d'), count_only: true });
      await c.range('a', { range_end: bytes('d'), count_only: true, limit: '1' });
      await c.range('a', { range_end: bytes('d'), serializable: true });
      await c.range('c', everything); // from key
      await c.range('c', { ...everything, limit: '2' });
      await c.range('\0', everything); // whole keyspace
      await c.range('\0', { ...everything, count_only: true });
      await c.range('p/', { range_end: bytes('p0') }); // prefix
      await c.range('c', { range_end: bytes('a') }); // end before key: empty
      await c.range('c', { range_end: bytes('c') }); // end == key: empty
      await c.range('zz'); // missing key
      await c.range('zz', everything); // nothing from zz
      await c.range('b', { limit: '1' });
      await c.range('b', { limit: '-1' });
      await c.range('\0', { range_end: bytes('b'), limit: '1' });
      // Kubernetes-style paging: pages of 2, resuming at lastKey + "\0", revision pinned to page 1
      const first = await c.must('kv', 'Range', { key: bytes('a'), range_end: bytes('z'), limit: '2' }, 'page 1');
      await c.put('c', 'changed after page 1');
      let last = first.kvs.at(-1).key as Buffer;
      for (let page = 2; page <= 6; page++) {
        const req = { key: Buffer.concat([last, bytes('\0')]), range_end: bytes('z'), limit: '2', revision: first.header.revision };
        const res = await c.must('kv', 'Range', req, `page ${page}`);
        if (!res.more) break;
        last = res.kvs.at(-1).key as Buffer;
      }
    }),
  );

  diffTest(
    'range: sort target × order, before limit',
    steps(async (c) => {
      // every key differs in each sort target, and each target orders the keys differently:
      // create k3<k1<k5<k2<k4, version k4<k2<k5<k1<k3, mod k4<k3<k1<k5<k2, value k5<k4<k3<k2<k1
      const values: Record<string, string> = { k1: 'e', k2: 'd', k3: 'c', k4: 'b', k5: 'a' };
      for (const k of ['k3', 'k1', 'k5', 'k2', 'k4']) await c.put(k, values[k]!);
      for (const [k, n] of [['k3', 4], ['k1', 3], ['k5', 2], ['k2', 1]] as const) {
        for (let i = 0; i < n; i++) await c.put(k, values[k]!);
      }
      for (const [tName, target] of Object.entries(SortTarget)) {
        for (const [oName, order] of Object.entries(SortOrder)) {
          for (const limit of ['0', '2']) {
            await c.call('kv', 'Range', { key: bytes('k'), range_end: bytes('l'), sort_target: target, sort_order: order, limit }, `sort ${tName} ${oName} limit ${limit}`);
          }
        }
      }
      await c.call('kv', 'Range', { key: bytes('k'), range_end: bytes('l'), sort_target: SortTarget.MOD, sort_order: SortOrder.DESCEND, keys_only: true, limit: '3' }, 'sort MOD DESCEND keys_only');
      await c.call('kv', 'Range', { key: bytes('k'), range_end: bytes('l'), sort_target: SortTarget.VALUE, sort_order: SortOrder.ASCEND, count_only: true }, 'sort VALUE ASCEND count_only');
    }),
  );

  diffTest(
    'range: historical revisions, future revision, min/max revision filters',
    steps(async (c) => {
      await c.put('a', '1'); // 2
      await c.put('a', '2'); // 3
      await c.put('b', '1'); // 4
      await c.del('a'); // 5
      await c.put('a', '3'); // 6
      await c.put('c', '1'); // 7
      await c.put('b', '2'); // 8
      for (let rev = 1; rev <= 8; rev++) {
        await c.range('a', { revision: String(rev) });
        await c.range('\0', { ...everything, revision: String(rev) });
      }
      await c.range('\0', { ...everything, revision: '4', limit: '1' });
      await c.range('\0', { ...everything, revision: '6', count_only: true });
      await c.range('a', { revision: '9' }); // future
      await c.range('a', { revision: '1000' });
      await c.range('\0', { ...everything, revision: '-1' });
      await c.range('\0', { ...everything, min_mod_revision: '6' });
      await c.range('\0', { ...everything, max_mod_revision: '6' });
      await c.range('\0', { ...everything, min_mod_revision: '7', max_mod_revision: '7' });
      await c.range('\0', { ...everything, min_create_revision: '4' });
      await c.range('\0', { ...everything, max_create_revision: '4' });
      await c.range('\0', { ...everything, min_create_revision: '100' }); // filters everything, count stays
      await c.range('\0', { ...everything, min_mod_revision: '6', limit: '1' });
      await c.range('\0', { ...everything, max_create_revision: '6', limit: '1', keys_only: true });
      await c.range('\0', { ...everything, min_mod_revision: '2', revision: '5' });
      await c.range('\0', { ...everything, min_mod_revision: '3', count_only: true });
    }),
  );

  diffTest(
    'binary keys and values with NUL and 0xff bytes',
    steps(async (c) => {
      const keys = ['k', 'k\0', 'k\0a', 'k\0\0', 'k\x01', 'k\xff', 'k\xff\xff', '\xff', '\xff\xff', '\0', '\0\0', 'l'];
      for (const [i, k] of keys.entries()) await c.put(k, `v\0${i}\xff`);
      await c.range('\0', everything);
      await c.range('k\0', { range_end: bytes('k\x01') }); // prefix k\0
      await c.range('k', { range_end: bytes('l') }); // prefix k
      await c.range('k\xff', { range_end: bytes('l') }); // prefix k\xff
      await c.range('\xff', everything); // prefix \xff: all-0xff prefix ends in \0
      await c.range('\0', { range_end: bytes('\0\x01') }); // prefix \0
      await c.range('k\0');
      await c.range('\0\0');
      await c.range('\0', { ...everything, limit: '3', sort_order: SortOrder.DESCEND });
      await c.del('k\0', { range_end: bytes('k\x01'), prev_kv: true });
      await c.range('k', { range_end: bytes('l'), keys_only: true });
      await c.del('\0', { range_end: bytes('\0') }); // delete everything (key \0 itself included)
      await c.range('\0', everything);
    }),
  );

  diffTest(
    'put options: prev_kv, ignore_value, ignore_lease and their errors',
    steps(async (c) => {
      await c.put('a', '1', { prev_kv: true }); // new key: no prev_kv
      await c.put('a', '2', { prev_kv: true });
      const grant = await c.must('lease', 'LeaseGrant', { TTL: '600' });
      await c.put('l', 'with-lease', { lease: grant.ID });
      await c.range('l');
      await c.put('l', '', { ignore_value: true, prev_kv: true }); // keeps value, drops lease (none given)
      await c.range('l');
      await c.put('l', 'new', { lease: grant.ID });
      await c.put('l', 'newer', { ignore_lease: true }); // keeps lease
      await c.range('l');
      await c.put('l', '', { ignore_value: true, ignore_lease: true });
      await c.range('l');
      await c.put('l', 'no-lease'); // plain put detaches the lease
      await c.range('l');
      await c.put('missing', '', { ignore_value: true }); // key not found
      await c.put('missing', '', { ignore_lease: true });
      await c.put('a', 'x', { ignore_value: true }); // value is provided
      await c.put('a', '', { ignore_lease: true, lease: grant.ID }); // lease is provided
      await c.put('a', 'x', { lease: '12345' }); // unknown lease
      await c.put('a', '', { ignore_value: true, lease: '12345' });
      await c.range('a');
    }),
  );

  diffTest(
    'errors for bad input',
    steps(async (c: DiffClient) => {
      await c.put('', 'v');
      await c.range('');
      await c.range('', everything);
      await c.del('');
      await c.del('', everything);
      await c.put('a', 'v');
      await c.txn({ success: [op.put('', 'v')] }, 'txn put empty key');
      await c.txn({ success: [op.range('')] }, 'txn range empty key');
      await c.txn({ success: [op.del('')] }, 'txn delete empty key');
      await c.txn({ compare: [{ key: bytes(''), target: 0, result: 0, version: '0' }] }, 'txn compare empty key');
      await c.txn({ failure: [op.put('', 'v')] }, 'txn failure branch empty key');
      await c.call('kv', 'Range', { key: bytes('a'), sort_order: 7 }, 'unknown sort order');
      // (an unknown sort_target makes etcd 3.4.23 panic and exit: not tested)
      await c.put('big', Buffer.alloc(1_600_000, 1)); // over the 1.5 MiB request limit
      await c.range('\0', everything);
    }),
  );
});
