// Every error etcd-lite returns, declared once: a code name, etcd's exact message (clients map
// errors by the message string) and the gRPC status etcd uses for it.
import { status } from '@grpc/grpc-js';

interface ErrorSpec {
  readonly message: string;
  readonly grpcStatus: status;
}

export const ErrorCodes = {
  KEY_NOT_PROVIDED: { message: 'etcdserver: key is not provided', grpcStatus: status.INVALID_ARGUMENT },
  KEY_NOT_FOUND: { message: 'etcdserver: key not found', grpcStatus: status.INVALID_ARGUMENT },
  VALUE_PROVIDED: { message: 'etcdserver: value is provided', grpcStatus: status.INVALID_ARGUMENT },
  LEASE_PROVIDED: { message: 'etcdserver: lease is provided', grpcStatus: status.INVALID_ARGUMENT },
  TOO_MANY_OPS: { message: 'etcdserver: too many operations in txn request', grpcStatus: status.INVALID_ARGUMENT },
  DUPLICATE_KEY: { message: 'etcdserver: duplicate key given in txn request', grpcStatus: status.INVALID_ARGUMENT },
  REQUEST_TOO_LARGE: { message: 'etcdserver: request is too large', grpcStatus: status.INVALID_ARGUMENT },
  COMPACTED: { message: 'etcdserver: mvcc: required revision has been compacted', grpcStatus: status.OUT_OF_RANGE },
  FUTURE_REV: { message: 'etcdserver: mvcc: required revision is a future revision', grpcStatus: status.OUT_OF_RANGE },
  LEASE_NOT_FOUND: { message: 'etcdserver: requested lease not found', grpcStatus: status.NOT_FOUND },
  LEASE_EXISTS: { message: 'etcdserver: lease already exists', grpcStatus: status.FAILED_PRECONDITION },
  LEASE_TTL_TOO_LARGE: { message: 'etcdserver: too large lease TTL', grpcStatus: status.OUT_OF_RANGE },
  MEMBER_CHANGE_UNSUPPORTED: {
    message: 'etcdserver: etcd-lite is a single-member cluster; membership changes are not supported',
    grpcStatus: status.FAILED_PRECONDITION,
  },
  STOPPING: { message: 'etcdserver: server stopped', grpcStatus: status.UNAVAILABLE },
  CORRUPT: { message: 'etcdserver: corrupt cluster', grpcStatus: status.DATA_LOSS },
  INTERNAL: { message: 'etcdserver: internal error', grpcStatus: status.INTERNAL },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ErrorCodes;

export class EtcdError extends Error {
  readonly grpcStatus: status;
  constructor(
    readonly code: ErrorCode,
    /** extra context for logs; never sent, because clients match the message exactly */
    readonly context?: string,
  ) {
    super(ErrorCodes[code].message);
    this.name = 'EtcdError';
    this.grpcStatus = ErrorCodes[code].grpcStatus;
  }
}

export const isEtcdError = (e: unknown): e is EtcdError => e instanceof EtcdError;
