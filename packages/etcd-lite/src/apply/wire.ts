// Wire message types (generated from etcd's protos at build time) under short names.
export type { RangeRequest__Output as RangeRequest } from '../gen/etcdserverpb/RangeRequest.js';
export type { RangeResponse } from '../gen/etcdserverpb/RangeResponse.js';
export type { PutRequest__Output as PutRequest } from '../gen/etcdserverpb/PutRequest.js';
export type { PutResponse } from '../gen/etcdserverpb/PutResponse.js';
export type { DeleteRangeRequest__Output as DeleteRangeRequest } from '../gen/etcdserverpb/DeleteRangeRequest.js';
export type { DeleteRangeResponse } from '../gen/etcdserverpb/DeleteRangeResponse.js';
export type { TxnRequest__Output as TxnRequest } from '../gen/etcdserverpb/TxnRequest.js';
export type { TxnResponse } from '../gen/etcdserverpb/TxnResponse.js';
export type { RequestOp__Output as RequestOp } from '../gen/etcdserverpb/RequestOp.js';
export type { ResponseOp } from '../gen/etcdserverpb/ResponseOp.js';
export type { Compare__Output as Compare } from '../gen/etcdserverpb/Compare.js';
export type { CompactionRequest__Output as CompactionRequest } from '../gen/etcdserverpb/CompactionRequest.js';
export type { ResponseHeader } from '../gen/etcdserverpb/ResponseHeader.js';
