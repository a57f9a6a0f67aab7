import { describe, expect, it } from 'vitest';
import { decodeKeyValue, encodeKeyValue, historyKey, parseHistoryKey } from './layout.js';

describe('storage layout', () => {
  it('round-trips a KeyValue through the stored mvccpb encoding, every field and 64-bit leases intact', () => {
    const kv = {
      key: Buffer.from([0, 1, 0xff]),
      create_revision: 123456789012,
      mod_revision: 123456789013,
      version: 7,
      value: Buffer.from('v'),
      lease: '9223372036854775807',
    };
    expect(decodeKeyValue(encodeKeyValue(kv))).toEqual(kv);
  });

  it('orders history keys by revision, then by position in the txn', () => {
    const keys = [historyKey(2, 1), historyKey(10, 0), historyKey(2, 0), historyKey(256, 0)];
    const sorted = [...keys].sort(Buffer.compare).map(parseHistoryKey);
    expect(sorted).toEqual([
      { main: 2, sub: 0 },
      { main: 2, sub: 1 },
      { main: 10, sub: 0 },
      { main: 256, sub: 0 },
    ]);
  });
});
