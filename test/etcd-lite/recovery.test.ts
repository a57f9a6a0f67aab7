// Recovery after a crash: batches that reached the disk after a hole were never acknowledged and
// are dropped, so revisions stay gap-free; a compaction interrupted mid-purge is finished.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelBackend } from '../../packages/etcd-lite/src/storage/backend.js';
import { encodeKeyValue, historyBounds, historyKey, META_COMPACTED } from '../../packages/etcd-lite/src/storage/layout.js';
import { MvccStore } from '../../packages/etcd-lite/src/mvcc/store.js';
import { defaultRangeOptions } from '../../packages/etcd-lite/src/mvcc/range.js';
import type { LeaseAttachments } from '../../packages/etcd-lite/src/mvcc/write-txn.js';

const noLeases: LeaseAttachments = { exists: () => false, attach: () => undefined, detach: () => undefined };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function backendWith(revs: { rev: number; key: string; version: number }[], compacted = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'etcd-lite-recovery-'));
  dirs.push(dir);
  const backend = await LevelBackend.open(dir);
  const ops = revs.map(({ rev, key, version }) => ({
    type: 'put' as const,
    key: historyKey(rev, 0),
    value: encodeKeyValue({ key: Buffer.from(key), create_revision: rev - version + 1, mod_revision: rev, version, value: Buffer.from(`v${rev}`), lease: '0' }),
  }));
  if (compacted) ops.push({ type: 'put', key: META_COMPACTED, value: Buffer.from(String(compacted)) });
  await backend.batch(ops, true);
  return backend;
}

async function historyRevs(backend: LevelBackend): Promise<number[]> {
  const revs: number[] = [];
  for await (const [k] of backend.iterate(historyBounds(0, Number.MAX_SAFE_INTEGER))) revs.push(Number(k.readBigUInt64BE(1)));
  return revs;
}

describe('MvccStore recovery', () => {
  it('drops batches that reached the disk after a hole in the revisions', async () => {
    const backend = await backendWith([
      { rev: 2, key: 'a', version: 1 },
      { rev: 3, key: 'a', version: 2 },
      { rev: 5, key: 'b', version: 1 },
      { rev: 6, key: 'a', version: 3 },
    ]);
    const store = new MvccStore(backend, noLeases);
    await store.recover();
    expect(store.revision).toBe(3);
    const r = await store.range({ key: Buffer.from('\0'), end: Buffer.alloc(0) }, defaultRangeOptions);
    expect(r.kvs.map((kv) => [kv.key.toString(), kv.mod_revision])).toEqual([['a', 3]]);
    expect(await historyRevs(backend)).toEqual([2, 3]);
    await backend.close();
  });

  it('accepts holes below the compacted revision and finishes the purge compaction left', async () => {
    const backend = await backendWith(
      [
        { rev: 2, key: 'a', version: 1 },
        { rev: 3, key: 'a', version: 2 },
        { rev: 5, key: 'b', version: 1 },
        { rev: 6, key: 'b', version: 2 },
        { rev: 7, key: 'a', version: 3 },
      ],
      5,
    );
    const store = new MvccStore(backend, noLeases);
    await store.recover();
    expect(store.revision).toBe(7);
    expect(store.compactRevision).toBe(5);
    // a@2 is unreachable after compacting at 5 (a@3 is the newest at or below 5)
    expect(await historyRevs(backend)).toEqual([3, 5, 6, 7]);
    await backend.close();
  });
});
