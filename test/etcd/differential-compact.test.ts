// Differential: Compact — reads at/below the compacted revision, compacting twice or into the
// future, and watches from a compacted revision (created, then canceled with compact_revision).
import { describe } from 'vitest';
import { bytes, diffTest, op, steps, type DiffClient } from '../support/diff-harness.js';

const everything = { range_end: bytes('\0') };

async function history(c: DiffClient): Promise<void> {
  await c.put('a', '1'); // 2
  await c.put('a', '2'); // 3
  await c.put('b', '1'); // 4
  await c.del('a'); // 5
  await c.put('a', '3'); // 6
  await c.put('c', '1'); // 7
}

describe('differential: Compact', () => {
  diffTest(
    'compact, then read at and below the compacted revision',
    steps(async (c) => {
      await history(c);
      await c.call('kv', 'Compact', { revision: '4' });
      await c.range('a', { revision: '3' }); // compacted
      await c.range('\0', { ...everything, revision: '1' });
      await c.range('\0', { ...everything, revision: '4' }); // at the compacted revision: works
      await c.range('\0', { ...everything, revision: '5' });
      await c.range('\0', { ...everything, revision: '4', count_only: true });
      await c.call('kv', 'Compact', { revision: '4' }); // same revision again
      await c.call('kv', 'Compact', { revision: '3' }); // below
      await c.call('kv', 'Compact', { revision: '8' }); // future
      await c.call('kv', 'Compact', { revision: '0' });
      await c.call('kv', 'Compact', { revision: '7', physical: true }); // the current revision
      await c.range('\0', { ...everything, revision: '6' });
      await c.range('\0', { ...everything, revision: '7' });
      await c.range('\0', everything);
      await c.txn({ success: [op.range('a', { revision: '6' })] }, 'txn range below the compacted revision');
      await c.put('d', '1'); // 8
      await c.call('kv', 'Compact', { revision: '8' });
      await c.range('\0', { ...everything, revision: '8' });
      await c.range('\0', { ...everything, revision: '9' }); // future
    }),
  );

  diffTest(
    'watch from a compacted revision',
    steps(async (c) => {
      await history(c);
      await c.call('kv', 'Compact', { revision: '5', physical: true });
      const old = c.watch();
      old.send({ create_request: { key: bytes('a'), start_revision: '2' } });
      await old.next('created from 2');
      await old.next('canceled: compacted');
      await old.quiet(200, 'nothing more');
      const all = c.watch();
      all.send({ create_request: { key: bytes('\0'), range_end: bytes('\0'), start_revision: '4', prev_kv: true } });
      await all.next('created all from 4');
      await all.next('canceled: compacted');
      const atCompacted = c.watch();
      atCompacted.send({ create_request: { key: bytes('\0'), range_end: bytes('\0'), start_revision: '5', prev_kv: true } });
      await atCompacted.next('created all from 5 (= compacted)');
      await atCompacted.nextEvents(2, 'replay from 5 (the tombstone at 5 is gone)');
      const stream = c.watch();
      stream.send({ create_request: { key: bytes('a') } });
      stream.send({ create_request: { key: bytes('b'), start_revision: '3' } });
      await stream.next('created a from now');
      await stream.next('created b from 3');
      await stream.next('b canceled: compacted');
      await c.put('a', '4');
      await stream.next('a still watched');
      await atCompacted.next('live event after the replay');
    }),
  );
});
