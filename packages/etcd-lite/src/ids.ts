import { randomBytes } from 'node:crypto';

/** A random positive int64 as a decimal string: etcd's member, cluster and lease ids. */
export function randomId(): string {
  for (;;) {
    const id = randomBytes(8).readBigUInt64BE() & 0x7fff_ffff_ffff_ffffn;
    if (id !== 0n) return id.toString();
  }
}
