// etcdserverpb.Lease
import type * as grpc from '@grpc/grpc-js';
import type { Lessor } from '../mvcc/lessor.js';
import type { LeaseGrantRequest__Output as GrantReq } from '../gen/etcdserverpb/LeaseGrantRequest.js';
import type { LeaseRevokeRequest__Output as RevokeReq } from '../gen/etcdserverpb/LeaseRevokeRequest.js';
import type { LeaseTimeToLiveRequest__Output as TtlReq } from '../gen/etcdserverpb/LeaseTimeToLiveRequest.js';
import type { LeaseKeepAliveRequest__Output as KeepAliveReq } from '../gen/etcdserverpb/LeaseKeepAliveRequest.js';
import type { LeaseKeepAliveResponse } from '../gen/etcdserverpb/LeaseKeepAliveResponse.js';
import type { Rpc } from './rpc.js';

export function leaseService(rpc: Rpc, lessor: Lessor): grpc.UntypedServiceImplementation {
  return {
    LeaseGrant: rpc.unary('Lease', 'LeaseGrant', async (req: GrantReq) => {
      const lease = await lessor.grant(req.ID, Number(req.TTL));
      return { header: {}, ID: lease.id, TTL: lease.ttl };
    }),
    LeaseRevoke: rpc.unary('Lease', 'LeaseRevoke', async (req: RevokeReq) => {
      await lessor.revoke(req.ID);
      return { header: {} };
    }),
    LeaseTimeToLive: rpc.unary('Lease', 'LeaseTimeToLive', (req: TtlReq) => {
      const t = lessor.timeToLive(req.ID);
      return { header: {}, ID: req.ID, TTL: t.ttl, grantedTTL: t.grantedTtl, keys: req.keys ? t.keys : [] };
    }),
    LeaseLeases: rpc.unary('Lease', 'LeaseLeases', () => ({
      header: {},
      leases: lessor.list().map((ID) => ({ ID })),
    })),
    LeaseKeepAlive: (call: grpc.ServerDuplexStream<KeepAliveReq, LeaseKeepAliveResponse>) => {
      call.on('data', (req: KeepAliveReq) => {
        const ttl = lessor.keepAlive(req.ID);
        call.write({ header: rpc.header(), ID: req.ID, TTL: ttl });
      });
      call.on('end', () => call.end());
      call.on('error', () => undefined);
    },
  };
}
