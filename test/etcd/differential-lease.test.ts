// Differential: Lease — grant (minimum TTL, chosen IDs, errors), TimeToLive, Leases, revoke and
// expiry deleting attached keys at one revision (with DELETE events), and the KeepAlive stream.
// Lease IDs are recorded as L1, L2, … in order of appearance; a remaining TTL that is within 2 s
// of the granted TTL is recorded as "≈granted" (it depends on timing).
import { describe } from 'vitest';
import { bytes, diffTest, sleep, steps, type DiffClient } from '../support/diff-harness.js';
import type { Msg } from '../support/etcd-grpc.js';

/** TimeToLive response with a timing-independent TTL and sorted keys. */
function ttlView(res: Msg): Msg {
  const ttl = Number(res.TTL);
  const granted = Number(res.grantedTTL);
  const keys = [...(res.keys as Buffer[])].sort(Buffer.compare);
  return { ...res, keys, TTL: ttl > 0 && ttl <= granted && ttl >= granted - 2 ? '≈granted' : res.TTL };
}

const timeToLive = (c: DiffClient, alias: string, id: string, keys: boolean): Promise<Msg | null> =>
  c.callMapped('lease', 'LeaseTimeToLive', { ID: id, keys }, `LeaseTimeToLive ${alias} keys=${keys}`, ttlView);

const leases = (c: DiffClient): Promise<Msg | null> =>
  c.callMapped('lease', 'LeaseLeases', {}, 'LeaseLeases (sorted)', (res) => ({
    ...res,
    leases: (res.leases as Msg[]).map((l) => c.leaseAlias(l.ID as string)).sort(),
  }));

/** Polls (unrecorded) until the key range is empty; bounded. */
async function waitGone(c: DiffClient, key: string, rangeEnd: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await c.raw.call('kv', 'Range', { key: bytes(key), range_end: bytes(rangeEnd), count_only: true });
    if (r.count === '0') return true;
    await sleep(100);
  }
  return false;
}

describe('differential: Lease', () => {
  diffTest(
    'grant, errors, TimeToLive, Leases, revoke',
    steps(async (c) => {
      const tiny = await c.must('lease', 'LeaseGrant', { TTL: '1' }); // raised to the minimum TTL
      await c.call('lease', 'LeaseRevoke', { ID: tiny.ID });
      const l2 = await c.must('lease', 'LeaseGrant', { TTL: '60' });
      const chosen = await c.must('lease', 'LeaseGrant', { ID: '777', TTL: '60' });
      await c.call('lease', 'LeaseGrant', { ID: '777', TTL: '30' }); // already exists
      await c.call('lease', 'LeaseGrant', { TTL: '9000000001' }); // too large
      await c.call('lease', 'LeaseGrant', { TTL: '9000000000' });
      await c.call('lease', 'LeaseGrant', { TTL: '0' });
      await c.call('lease', 'LeaseGrant', { TTL: '-5' });
      await c.put('k1', 'v', { lease: l2.ID });
      await c.put('k2', 'v', { lease: l2.ID });
      await c.put('k3', 'v', { lease: chosen.ID });
      await timeToLive(c, 'L2', l2.ID, true);
      await timeToLive(c, 'L2', l2.ID, false);
      await timeToLive(c, 'L3', chosen.ID, true);
      await timeToLive(c, 'unknown', '12345', true);
      await leases(c);
      await c.call('lease', 'LeaseRevoke', { ID: chosen.ID });
      await c.call('lease', 'LeaseRevoke', { ID: chosen.ID }); // not found
      await c.call('lease', 'LeaseRevoke', { ID: '0' });
      await timeToLive(c, 'L3', chosen.ID, true);
      await leases(c);
      await c.range('k', { range_end: bytes('l') });
    }),
  );

  diffTest(
    'revoke deletes the attached keys at one revision, one watch response',
    steps(async (c) => {
      const l = await c.must('lease', 'LeaseGrant', { TTL: '600' });
      await c.put('b', 'v', { lease: l.ID });
      await c.put('a', 'v', { lease: l.ID });
      await c.put('c', 'no lease');
      await c.put('d', 'v', { lease: l.ID });
      await c.put('d', 'detached'); // plain put detaches d
      await c.put('e', 'v', { lease: l.ID });
      await c.del('e'); // deleted keys are not revoked again
      const ws = c.watch();
      ws.send({ create_request: { key: bytes('\0'), range_end: bytes('\0'), prev_kv: true } });
      await ws.next('created');
      await timeToLive(c, 'L1', l.ID, true);
      await c.call('lease', 'LeaseRevoke', { ID: l.ID });
      await ws.next('DELETE a, b in one response');
      await ws.quiet(300, 'nothing more');
      await c.range('\0', { range_end: bytes('\0') });
      await c.put('x', 'v', { lease: l.ID }); // revoked: not found
      const empty = await c.must('lease', 'LeaseGrant', { TTL: '600' });
      await c.call('lease', 'LeaseRevoke', { ID: empty.ID }); // no keys: no new revision
      await c.range('\0', { range_end: bytes('\0'), count_only: true });
    }),
  );

  diffTest(
    'expiry deletes the attached keys like a revoke',
    steps(async (c) => {
      const l = await c.must('lease', 'LeaseGrant', { TTL: '1' });
      await c.put('e/1', 'v', { lease: l.ID });
      await c.put('e/2', 'v', { lease: l.ID });
      await c.put('keep', 'v');
      const ws = c.watch();
      ws.send({ create_request: { key: bytes('e/'), range_end: bytes('e0') } });
      await ws.next('created');
      c.record('keys gone within 10 s', await waitGone(c, 'e/', 'e0', 10_000));
      await ws.next('DELETE events of the expiry');
      await c.range('\0', { range_end: bytes('\0') });
      await timeToLive(c, 'L1', l.ID, true);
      const ka = c.keepAlive();
      ka.send({ ID: l.ID });
      await ka.next('keep-alive of the expired lease');
      await leases(c);
    }),
  );

  diffTest(
    'keep-alive stream',
    steps(async (c) => {
      const l1 = await c.must('lease', 'LeaseGrant', { TTL: '60' });
      const l2 = await c.must('lease', 'LeaseGrant', { ID: '99', TTL: '30' });
      const ka = c.keepAlive();
      ka.send({ ID: l1.ID });
      await ka.next('keep-alive L1');
      ka.send({ ID: l2.ID });
      await ka.next('keep-alive L2 (99)');
      ka.send({ ID: l1.ID });
      await ka.next('keep-alive L1 again');
      ka.send({ ID: '12345' });
      await ka.next('keep-alive unknown');
      await c.call('lease', 'LeaseRevoke', { ID: l2.ID });
      ka.send({ ID: l2.ID });
      await ka.next('keep-alive revoked');
      await timeToLive(c, 'L1', l1.ID, false);
      await ka.quiet(200, 'nothing more');
      ka.end();
    }),
  );
});
