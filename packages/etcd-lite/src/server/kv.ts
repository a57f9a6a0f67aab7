// etcdserverpb.KV
import type * as grpc from '@grpc/grpc-js';
import type { KvApplier } from '../apply/kv.js';
import type * as w from '../apply/wire.js';
import type { Rpc } from './rpc.js';

export function kvService(rpc: Rpc, kv: KvApplier): grpc.UntypedServiceImplementation {
  return {
    Range: rpc.unary('KV', 'Range', (req: w.RangeRequest) => kv.range(req)),
    Put: rpc.unary('KV', 'Put', (req: w.PutRequest) => kv.put(req, rpc.sizeOf(req))),
    DeleteRange: rpc.unary('KV', 'DeleteRange', (req: w.DeleteRangeRequest) => kv.deleteRange(req, rpc.sizeOf(req))),
    Txn: rpc.unary('KV', 'Txn', (req: w.TxnRequest) => kv.txn(req, rpc.sizeOf(req))),
    Compact: rpc.unary('KV', 'Compact', (req: w.CompactionRequest) => kv.compact(req)),
  };
}
