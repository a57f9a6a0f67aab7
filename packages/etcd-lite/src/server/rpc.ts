// What every RPC handler shares: response headers, error mapping, request-size limits, metrics.
import * as grpc from '@grpc/grpc-js';
import { isEtcdError } from '../errors.js';
import type { EtcdMetrics } from '../http/metrics.js';
import type { MemberIdentity } from '../identity.js';
import type { Logger } from '../logger.js';
import type { ResponseHeader } from '../apply/wire.js';

/** A sized request: grpc decoding records each request's size on the wire (see grpc-server.ts). */
export const requestSizes = new WeakMap<object, number>();

export interface RpcContext {
  identity: MemberIdentity;
  metrics: EtcdMetrics;
  log: Logger;
  /** the committed store revision */
  revision(): number;
}

/** A raft term for the headers: a single member is elected once and stays leader. */
export const RAFT_TERM = 2;

export class Rpc {
  constructor(readonly ctx: RpcContext) {}

  /** A full response header (ids, term) around a revision; the current one by default. */
  header(revision = this.ctx.revision()): ResponseHeader {
    return {
      cluster_id: this.ctx.identity.clusterId,
      member_id: this.ctx.identity.memberId,
      revision,
      raft_term: RAFT_TERM,
    };
  }

  /** The encoded size of a request, for --max-request-bytes. */
  sizeOf(req: object): number {
    return requestSizes.get(req) ?? 0;
  }

  toServiceError(err: unknown, method: string): Partial<grpc.StatusObject> {
    if (isEtcdError(err)) return { code: err.grpcStatus, details: err.message };
    this.ctx.log.error({ err, method }, 'unexpected error in RPC handler');
    return { code: grpc.status.INTERNAL, details: `etcdserver: ${err instanceof Error ? err.message : String(err)}` };
  }

  /**
   * A unary handler: runs fn, fills the top-level header's ids and term (nested txn headers keep
   * only their revision, as etcd's do) and records metrics.
   */
  unary<Req extends object, Res extends object>(
    service: string,
    method: string,
    fn: (req: Req) => Promise<Res> | Res,
  ): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      const started = performance.now();
      const done = (code: grpc.status) => {
        const labels = { grpc_type: 'unary', grpc_service: `etcdserverpb.${service}`, grpc_method: method };
        this.ctx.metrics.handled.inc({ ...labels, grpc_code: grpc.status[code] });
        this.ctx.metrics.handling.observe(labels, (performance.now() - started) / 1000);
      };
      Promise.resolve()
        .then(() => fn(call.request))
        .then(
          (res) => {
            const r = res as { header?: ResponseHeader | null };
            if (r.header) r.header = this.header(Number(r.header.revision ?? this.ctx.revision()));
            done(grpc.status.OK);
            callback(null, res);
          },
          (err: unknown) => {
            const se = this.toServiceError(err, method);
            done(se.code ?? grpc.status.UNKNOWN);
            callback(se);
          },
        );
    };
  }
}
