// Key-range helpers: etcd has no prefix query, only [key, range_end) byte ranges.

/** The range end covering every key that starts with `prefix` (clientv3's GetPrefixRangeEnd). */
export function prefixEnd(prefix: Buffer | string): Buffer {
  const key = Buffer.from(prefix);
  for (let i = key.length - 1; i >= 0; i--) {
    if (key[i]! < 0xff) {
      const end = Buffer.from(key.subarray(0, i + 1));
      end[i]! += 1;
      return end;
    }
  }
  // All 0xff (or empty): "\0" means "to the end of the keyspace".
  return Buffer.from([0]);
}
