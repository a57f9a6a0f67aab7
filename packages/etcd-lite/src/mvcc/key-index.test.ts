import { describe, expect, it } from 'vitest';
import { KeyHistory, KeyIndex } from './key-index.js';
import type { KeyValue } from './types.js';

const kv = (key: string, rev: number, version: number, value = `v${rev}`): KeyValue => ({
  key: Buffer.from(key),
  create_revision: rev - version + 1,
  mod_revision: rev,
  version,
  value: Buffer.from(value),
  lease: '0',
});

describe('KeyHistory', () => {
  it('answers the value at any revision: newest from memory, older ones by pointer, deleted as absent', () => {
    const h = new KeyHistory(Buffer.from('a'));
    h.record(kv('a', 2, 1), 2, 0);
    h.record(kv('a', 5, 2), 5, 0);
    h.record(null, 7, 1);
    h.record(kv('a', 9, 1), 9, 0);
    expect(h.valueAt(1)).toEqual({ kind: 'absent' });
    expect(h.valueAt(4)).toMatchObject({ kind: 'disk', at: { main: 2, sub: 0 } });
    expect(h.valueAt(6)).toMatchObject({ kind: 'disk', at: { main: 5, sub: 0 } });
    expect(h.valueAt(8)).toEqual({ kind: 'absent' });
    expect(h.valueAt(9)).toMatchObject({ kind: 'memory', kv: { mod_revision: 9 } });
    expect(h.valueAt(100)).toMatchObject({ kind: 'memory' });
  });

  it('compaction keeps the newest change at or below the revision unless it is a deletion', () => {
    const h = new KeyHistory(Buffer.from('a'));
    h.record(kv('a', 2, 1), 2, 0);
    h.record(kv('a', 5, 2), 5, 0);
    h.record(null, 7, 0);
    h.record(kv('a', 9, 1), 9, 0);
    expect(h.compact(6).map((c) => c.main)).toEqual([2]);
    expect(h.changes.map((c) => c.main)).toEqual([5, 7, 9]);
    expect(h.compact(8).map((c) => c.main)).toEqual([5, 7]);
    expect(h.changes.map((c) => c.main)).toEqual([9]);
    expect(h.compact(20)).toEqual([]);
  });
});

describe('KeyIndex', () => {
  const index = new KeyIndex();
  for (const k of ['a', 'a/b', 'a\u0000', 'b', '\u00ff', 'ab']) index.getOrCreate(Buffer.from(k, 'latin1'));
  const keys = (key: string, end: string | null) => {
    const out: string[] = [];
    index.forRange({ key: Buffer.from(key, 'latin1'), end: end === null ? null : Buffer.from(end, 'latin1') }, (h) => {
      out.push(h.key.toString('latin1'));
    });
    return out;
  };

  it('orders keys bytewise (memcmp), binary bytes included', () => {
    expect(keys('\u0000', '')).toEqual(['a', 'a\u0000', 'a/b', 'ab', 'b', '\u00ff']);
  });

  it('serves single keys, half-open ranges and open-ended ranges', () => {
    expect(keys('a', null)).toEqual(['a']);
    expect(keys('zz', null)).toEqual([]);
    expect(keys('a', 'b')).toEqual(['a', 'a\u0000', 'a/b', 'ab']);
    expect(keys('a/', 'a0')).toEqual(['a/b']);
    expect(keys('b', '')).toEqual(['b', '\u00ff']);
    expect(keys('b', 'a')).toEqual([]);
  });
});
