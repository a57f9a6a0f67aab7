// What every RPC handler shares: response headers, error mapping, request-size limits, metrics.
import * as grpc from '@grpc/grpc-js';
import Long from 'long';
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

type Labels = { grpc_type: string; grpc_service: string; grpc_method: string };

export class Rpc {
  /** the ids as Long values: serializing them from decimal strings on every response is costly */
  private readonly clusterId: Long;
  private readonly memberId: Long;

  constructor(readonly ctx: RpcContext) {
    this.clusterId = Long.fromString(ctx.identity.clusterId, true);
    this.memberId = Long.fromString(ctx.identity.memberId, true);
  }

  /** A full response header (ids, term) around a revision; the current one by default. */
  header(revision = this.ctx.revision()): ResponseHeader {
    return { cluster_id: this.clusterId, member_id: this.memberId, revision, raft_term: RAFT_TERM };
  }

  /** Records a method's finished calls; metric children are looked up once per method and code. */
  private observer(service: string, method: string): (code: grpc.status, seconds: number) => void {
    const labels: Labels = { grpc_type: 'unary', grpc_service: `etcdserverpb.${service}`, grpc_method: method };
    const handling = this.ctx.metrics.handling.labels(labels);
    const handled = new Map<grpc.status, { inc(): void }>();
    return (code, seconds) => {
      let counter = handled.get(code);
      if (counter === undefined) {
        counter = this.ctx.metrics.handled.labels({ ...labels, grpc_code: grpc.status[code] });
        handled.set(code, counter);
      }
      counter.inc();
      handling.observe(seconds);
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
    const observe = this.observer(service, method);
    return (call, callback) => {
      const started = performance.now();
      const done = (code: grpc.status) => observe(code, (performance.now() - started) / 1000);
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
