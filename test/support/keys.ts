/** Prefix range end, as clientv3 computes it: the prefix with its last byte below 0xff bumped. */
export function prefixEnd(prefix: Buffer | string): Buffer {
  const key = Buffer.from(prefix);
  for (let i = key.length - 1; i >= 0; i--) {
    if (key[i]! < 0xff) {
      const end = Buffer.from(key.subarray(0, i + 1));
      end[i]! += 1;
      return end;
    }
  }
  return Buffer.from([0]);
}
