// The member's identity: cluster and member ids are chosen once per data dir and kept, as etcd
// keeps them, so headers and `member list` stay stable across restarts.
import type { Backend } from './storage/backend.js';
import { META_MEMBER } from './storage/layout.js';
import { randomId } from './ids.js';

export interface MemberIdentity {
  clusterId: string;
  memberId: string;
}

export async function loadOrCreateIdentity(backend: Backend): Promise<MemberIdentity> {
  const stored = await backend.get(META_MEMBER);
  if (stored !== undefined) return JSON.parse(stored.toString()) as MemberIdentity;
  const identity = { clusterId: randomId(), memberId: randomId() };
  await backend.batch([{ type: 'put', key: META_MEMBER, value: Buffer.from(JSON.stringify(identity)) }], true);
  return identity;
}
