// The subset of etcd v3 messages (etcdserverpb / mvccpb) the storage layer sends and reads, as
// @grpc/proto-loader decodes them with { keepCase, longs: String, enums: Number, defaults, oneofs }:
// field names as in rpc.proto, int64 as decimal strings, bytes as Buffers, enums as numbers.
// Declared by hand so the rest of the storage code is typed without `any`; only fields we use.

/** int64 on the wire: we send numbers or decimal strings, we receive decimal strings. */
export type Int64 = string;

export interface ResponseHeader {
  cluster_id: Int64;
  member_id: Int64;
  revision: Int64;
  raft_term: Int64;
}

export interface KeyValue {
  key: Buffer;
  create_revision: Int64;
  mod_revision: Int64;
  version: Int64;
  value: Buffer;
  lease: Int64;
}

export interface RangeRequest {
  key: Buffer;
  range_end?: Buffer;
  limit?: number | Int64;
  revision?: number | Int64;
  keys_only?: boolean;
  count_only?: boolean;
}

export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  more: boolean;
  count: Int64;
}

export interface PutRequest {
  key: Buffer;
  value: Buffer;
  lease?: Int64;
  prev_kv?: boolean;
}

export interface PutResponse {
  header: ResponseHeader | null;
  prev_kv: KeyValue | null;
}

export interface DeleteRangeRequest {
  key: Buffer;
  range_end?: Buffer;
  prev_kv?: boolean;
}

export interface DeleteRangeResponse {
  header: ResponseHeader | null;
  deleted: Int64;
  prev_kvs: KeyValue[];
}

/** Numbers of etcdserverpb.Compare.CompareResult (the npm protos spell them Equal, Greater, …). */
export const CompareResult = { EQUAL: 0, GREATER: 1, LESS: 2, NOT_EQUAL: 3 } as const;
/** Numbers of etcdserverpb.Compare.CompareTarget. */
export const CompareTarget = { VERSION: 0, CREATE: 1, MOD: 2, VALUE: 3, LEASE: 4 } as const;

export interface Compare {
  result: number;
  target: number;
  key: Buffer;
  // target_union oneof: exactly one of these, matching `target`.
  version?: number | Int64;
  create_revision?: number | Int64;
  mod_revision?: number | Int64;
  value?: Buffer;
}

/** RequestOp's `request` oneof: set exactly one member. */
export type RequestOp =
  | { request_range: RangeRequest }
  | { request_put: PutRequest }
  | { request_delete_range: DeleteRangeRequest };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

/** ResponseOp as decoded with oneofs: true — `response` names the member that is set. */
export interface ResponseOp {
  response?: 'response_range' | 'response_put' | 'response_delete_range' | 'response_txn';
  response_range?: RangeResponse | null;
  response_put?: PutResponse | null;
  response_delete_range?: DeleteRangeResponse | null;
}

export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface CompactionRequest {
  revision: number | Int64;
  physical?: boolean;
}

export interface CompactionResponse {
  header: ResponseHeader;
}

export interface LeaseGrantRequest {
  TTL: number | Int64;
  ID?: Int64;
}

export interface LeaseGrantResponse {
  header: ResponseHeader;
  ID: Int64;
  TTL: Int64;
  error: string;
}

export interface StatusRequest {}

export interface StatusResponse {
  header: ResponseHeader;
  version: string;
  dbSize: Int64;
  leader: Int64;
}

export interface WatchCreateRequest {
  key: Buffer;
  range_end?: Buffer;
  start_revision?: number | Int64;
  progress_notify?: boolean;
  prev_kv?: boolean;
}

export type WatchRequest =
  | { create_request: WatchCreateRequest }
  | { cancel_request: { watch_id: Int64 } }
  | { progress_request: Record<string, never> };

/** mvccpb.Event.EventType numbers. */
export const EventType = { PUT: 0, DELETE: 1 } as const;

export interface WatchEventPb {
  type: number;
  kv: KeyValue | null;
  prev_kv: KeyValue | null;
}

export interface WatchResponse {
  header: ResponseHeader | null;
  watch_id: Int64;
  created: boolean;
  canceled: boolean;
  compact_revision: Int64;
  cancel_reason: string;
  fragment: boolean;
  events: WatchEventPb[];
}
