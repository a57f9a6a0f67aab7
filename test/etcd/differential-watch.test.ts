// Differential: Watch — event sequences from now and from history, prev_kv, filters, several
// watchers on one stream, client-chosen ids, cancel and progress requests. Watch responses for
// several watchers of one stream are recorded sorted by (revision, watch_id) (see RecordedStream.take).
import { describe } from 'vitest';
import { bytes, diffTest, op, steps, WatchFilter } from '../support/diff-harness.js';
import type { Msg } from '../support/etcd-grpc.js';

const create = (key: string, extra: Msg = {}): Msg => ({ create_request: { key: bytes(key), ...extra } });
const prefix = (p: string): Msg => {
  const end = bytes(p);
  end[end.length - 1]! += 1;
  return { range_end: end };
};

describe('differential: Watch', () => {
  diffTest(
    'watch from now: puts, same value, other keys, a txn and a range delete in one response each',
    steps(async (c) => {
      await c.put('w/a', '0'); // 2 (before the watch: not delivered)
      const ws = c.watch();
      ws.send(create('w/', prefix('w/')));
      await ws.next('created');
      await c.put('w/a', '1');
      await ws.next('put w/a');
      await c.put('w/a', '1');
      await ws.next('put w/a same value');
      await c.put('other', '1');
      await c.txn({ success: [op.put('w/b', '1'), op.put('other', '2'), op.put('w/c', '1'), op.del('w/a'), op.del('w/zz')] }, 'txn');
      await ws.next('txn: three events in one response');
      await c.del('w/', { range_end: bytes('w0') });
      await ws.next('range delete: two events');
      await c.txn({ success: [op.range('w/b'), op.del('w/none')] }, 'read-only txn');
      await c.del('w/none');
      await ws.quiet(300, 'nothing for no-op writes');
      const all = c.watch();
      all.send(create('\0', { range_end: bytes('\0') }));
      await all.next('created: whole keyspace');
      await c.put('\0', 'nul key');
      await all.next('put "\\0"');
    }),
  );

  diffTest(
    'watch from a past revision replays history, with and without prev_kv; future start revision',
    steps(async (c) => {
      await c.put('a', '1'); // 2
      await c.put('a', '2'); // 3
      await c.put('b', '1'); // 4
      await c.del('a'); // 5
      await c.txn({ success: [op.put('a', '3'), op.put('b', '2')] }, 'txn a,b'); // 6
      await c.put('c', '1'); // 7
      await c.del('c'); // 8
      const everything = c.watch();
      everything.send(create('\0', { range_end: bytes('\0'), start_revision: '3', prev_kv: true }));
      await everything.next('created from 3, prev_kv');
      await everything.nextEvents(7, 'replay from 3 (prev_kv)');
      const keyA = c.watch();
      keyA.send(create('a', { start_revision: '1' }));
      await keyA.next('created a from 1');
      await keyA.nextEvents(4, 'replay a from 1');
      const future = c.watch();
      future.send(create('a', { start_revision: '11', prev_kv: true }));
      await future.next('created a from 11 (future)');
      await c.put('a', '4'); // 9
      await everything.next('all: live a=4');
      await keyA.next('a: live a=4');
      await c.put('a', '5'); // 10
      await everything.next('all: live a=5');
      await keyA.next('a: live a=5');
      await c.del('a', { prev_kv: true }); // 11
      await everything.next('all: live delete a');
      await keyA.next('a: live delete a');
      await future.next('future: first event at 11');
      await future.quiet(200, 'future: nothing more');
      const fromNow = c.watch();
      fromNow.send(create('b', { start_revision: '0', prev_kv: true }));
      await fromNow.next('created b from 0');
      await c.put('b', '3');
      await fromNow.next('b: event with prev_kv');
    }),
  );

  diffTest(
    'several watchers on one stream: ids, prefix, NOPUT/NODELETE filters, prev_kv',
    steps(async (c) => {
      await c.put('p/z', 'old');
      const ws = c.watch();
      ws.send(create('p/', prefix('p/')));
      ws.send(create('p/', { ...prefix('p/'), filters: [WatchFilter.NOPUT] }));
      ws.send(create('p/', { ...prefix('p/'), filters: [WatchFilter.NODELETE] }));
      ws.send(create('p/a', { prev_kv: true }));
      ws.send(create('p/', { ...prefix('p/'), filters: [WatchFilter.NOPUT, WatchFilter.NODELETE] }));
      for (let i = 0; i < 5; i++) await ws.next(`created #${i}`);
      await c.put('p/a', '1');
      await ws.take(3, 'put p/a: all, NODELETE, p/a');
      await c.put('p/a', '2');
      await ws.take(3, 'put p/a again');
      await c.del('p/a');
      await ws.take(3, 'delete p/a: all, NOPUT, p/a');
      await c.txn({ success: [op.put('p/x', '1'), op.del('p/z'), op.put('q', '1')] }, 'txn put p/x, delete p/z');
      await ws.take(3, 'txn: all (2 events), NOPUT (1), NODELETE (1)');
      await ws.quiet(300, 'nothing more');
    }),
  );

  diffTest(
    'cancel, unknown cancel, client-chosen and duplicate watch ids',
    steps(async (c) => {
      const ws = c.watch();
      ws.send(create('k'));
      await ws.next('created 0');
      ws.send(create('k', { prev_kv: true }));
      await ws.next('created 1');
      ws.send({ cancel_request: { watch_id: '0' } });
      await ws.next('cancel 0');
      await c.put('k', '1');
      await ws.next('event only for 1');
      ws.send({ cancel_request: { watch_id: '99' } });
      await ws.quiet(300, 'cancel of unknown id: no reply');
      ws.send(create('k', { watch_id: '42' }));
      await ws.next('created 42');
      ws.send(create('k', { watch_id: '42' }));
      await ws.next('duplicate 42');
      ws.send(create('k'));
      await ws.next('created (auto id after 42)');
      await c.put('k', '2');
      await ws.take(3, 'event for 1, 42 and the auto id');
      ws.send({ cancel_request: { watch_id: '1' } });
      await ws.next('cancel 1');
      ws.send({ cancel_request: { watch_id: '1' } });
      await ws.quiet(300, 'second cancel of 1: no reply');
      const other = c.watch();
      other.send(create('k'));
      await other.next('second stream: ids start at 0 again');
      other.send(create('z', { range_end: bytes('a') }));
      await other.next('range_end before key: rejected');
      other.send(create('k', { start_revision: '-3' }));
      await other.next('negative start revision (next id)');
      other.send(create('', {}));
      await other.next('empty key');
    }),
  );

  diffTest(
    'progress_request',
    steps(async (c) => {
      await c.put('a', '1');
      const ws = c.watch();
      ws.send({ progress_request: {} });
      await ws.quiet(500, 'progress_request on a stream without watchers');
      ws.send(create('a'));
      await ws.next('created a');
      ws.send(create('b', { start_revision: '1' }));
      await ws.next('created b from 1');
      await c.put('a', '2');
      await ws.next('event a');
      ws.send({ progress_request: {} });
      await ws.next('progress (synced)');
      await c.put('zzz', '1'); // no watcher sees it
      ws.send({ progress_request: {} });
      await ws.next('progress after an unwatched write');
      ws.send({ progress_request: {} });
      ws.send({ progress_request: {} });
      await ws.take(2, 'two progress requests');
      await ws.quiet(300, 'nothing more');
    }),
  );
});
