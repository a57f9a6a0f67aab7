// etcd v3 message types, generated at build time from the .proto files in the etcd3 package
// (scripts/gen-etcd-types.mjs), under short names: requests as we send them, responses as
// @grpc/proto-loader decodes them with { keepCase, longs: String, enums: Number, defaults, oneofs }
// (int64 as decimal strings, bytes as Buffers, absent messages as null).
export type { RangeRequest } from '../gen/etcdserverpb/RangeRequest.js';
export type { RangeResponse__Output as RangeResponse } from '../gen/etcdserverpb/RangeResponse.js';
export type { PutRequest } from '../gen/etcdserverpb/PutRequest.js';
export type { PutResponse__Output as PutResponse } from '../gen/etcdserverpb/PutResponse.js';
export type { DeleteRangeRequest } from '../gen/etcdserverpb/DeleteRangeRequest.js';
export type { DeleteRangeResponse__Output as DeleteRangeResponse } from '../gen/etcdserverpb/DeleteRangeResponse.js';
export type { Compare } from '../gen/etcdserverpb/Compare.js';
export type { RequestOp } from '../gen/etcdserverpb/RequestOp.js';
export type { TxnRequest } from '../gen/etcdserverpb/TxnRequest.js';
export type { ResponseOp__Output as ResponseOp } from '../gen/etcdserverpb/ResponseOp.js';
export type { TxnResponse__Output as TxnResponse } from '../gen/etcdserverpb/TxnResponse.js';
export type { CompactionRequest } from '../gen/etcdserverpb/CompactionRequest.js';
export type { CompactionResponse__Output as CompactionResponse } from '../gen/etcdserverpb/CompactionResponse.js';
export type { LeaseGrantRequest } from '../gen/etcdserverpb/LeaseGrantRequest.js';
export type { LeaseGrantResponse__Output as LeaseGrantResponse } from '../gen/etcdserverpb/LeaseGrantResponse.js';
export type { StatusRequest } from '../gen/etcdserverpb/StatusRequest.js';
export type { StatusResponse__Output as StatusResponse } from '../gen/etcdserverpb/StatusResponse.js';
export type { WatchCreateRequest } from '../gen/etcdserverpb/WatchCreateRequest.js';
export type { WatchRequest } from '../gen/etcdserverpb/WatchRequest.js';
export type { WatchResponse__Output as WatchResponse } from '../gen/etcdserverpb/WatchResponse.js';
export type { ResponseHeader__Output as ResponseHeader } from '../gen/etcdserverpb/ResponseHeader.js';
export type { KeyValue__Output as KeyValue } from '../gen/mvccpb/KeyValue.js';
export type { Event__Output as WatchEventPb } from '../gen/mvccpb/Event.js';

/** int64 as decoded: a decimal string. */
export type Int64 = string;

// Enum numbers (the npm protos spell the names Equal, Greater, …; we compare by number).
export const CompareResult = { EQUAL: 0, GREATER: 1, LESS: 2, NOT_EQUAL: 3 } as const;
export const CompareTarget = { VERSION: 0, CREATE: 1, MOD: 2, VALUE: 3, LEASE: 4 } as const;
export const EventType = { PUT: 0, DELETE: 1 } as const;
