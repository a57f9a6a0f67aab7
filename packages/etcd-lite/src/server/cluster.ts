// etcdserverpb.Cluster: a single member that lists itself; membership changes are refused.
import type * as grpc from '@grpc/grpc-js';
import { EtcdError } from '../errors.js';
import type { Rpc } from './rpc.js';

export interface MemberInfo {
  name: string;
  peerUrls: string[];
  /** what clients dial for --cluster commands, so it must be reachable */
  clientUrls: string[];
}

export function clusterService(rpc: Rpc, self: MemberInfo): grpc.UntypedServiceImplementation {
  const refuse = (method: string) =>
    rpc.unary('Cluster', method, () => {
      throw new EtcdError('MEMBER_CHANGE_UNSUPPORTED');
    });
  return {
    MemberList: rpc.unary('Cluster', 'MemberList', () => ({
      // etcd's member list header carries no revision
      header: { revision: 0 },
      members: [
        { ID: rpc.ctx.identity.memberId, name: self.name, peerURLs: self.peerUrls, clientURLs: self.clientUrls, isLearner: false },
      ],
    })),
    MemberAdd: refuse('MemberAdd'),
    MemberRemove: refuse('MemberRemove'),
    MemberUpdate: refuse('MemberUpdate'),
    MemberPromote: refuse('MemberPromote'),
  };
}
