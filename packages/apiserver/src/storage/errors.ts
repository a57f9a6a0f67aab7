// Storage errors, declared once. Each carries the HTTP code and Status reason the REST layer
// answers with, so that mapping lives here next to the condition and not in every handler.
import type { StatusReason } from '@kubelite/api';
import * as grpc from '@grpc/grpc-js';

export type StorageErrorCode =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'ResourceVersionTooOld'
  | 'ResourceVersionTooLarge'
  | 'Unavailable'
  | 'InvalidResourceVersion'
  | 'InvalidContinue'
  | 'InvalidObject';

const httpOf: Record<StorageErrorCode, { status: number; reason: StatusReason }> = {
  NotFound: { status: 404, reason: 'NotFound' },
  AlreadyExists: { status: 409, reason: 'AlreadyExists' },
  Conflict: { status: 409, reason: 'Conflict' },
  // Kubernetes answers a compacted resourceVersion with 410 Gone, reason Expired.
  ResourceVersionTooOld: { status: 410, reason: 'Expired' },
  // Kubernetes: "Too large resource version" is a 504 Timeout (the client may retry later).
  ResourceVersionTooLarge: { status: 504, reason: 'Timeout' },
  Unavailable: { status: 503, reason: 'ServiceUnavailable' },
  InvalidResourceVersion: { status: 400, reason: 'BadRequest' },
  InvalidContinue: { status: 400, reason: 'BadRequest' },
  // Undecodable bytes in etcd (written behind our back): an internal error, as in Kubernetes.
  InvalidObject: { status: 500, reason: 'InternalError' },
};

export class StorageError extends Error {
  readonly httpStatus: number;
  readonly reason: StatusReason;
  /**
   * For an expired continue token: a token that resumes the list at the latest revision
   * (Kubernetes' `rv: -1` token), which the REST layer returns in the 410 Status' metadata.continue.
   */
  inconsistentContinue?: string;

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** The etcd key concerned (or the list prefix). */
    readonly key?: string,
  ) {
    super(message);
    this.name = 'StorageError';
    this.httpStatus = httpOf[code].status;
    this.reason = httpOf[code].reason;
  }
}

export const isStorageError = (err: unknown, code?: StorageErrorCode): err is StorageError =>
  err instanceof StorageError && (code === undefined || err.code === code);

export const notFound = (key: string): StorageError => new StorageError('NotFound', `key not found: ${key}`, key);

export const alreadyExists = (key: string): StorageError =>
  new StorageError('AlreadyExists', `key already exists: ${key}`, key);

export const conflict = (key: string, message: string): StorageError => new StorageError('Conflict', message, key);

/** Kubernetes' watch-cache wording: "too old resource version: <requested> (<oldest available>)". */
export const tooOld = (requested: number | string, oldest: number | string, key?: string): StorageError =>
  new StorageError('ResourceVersionTooOld', `too old resource version: ${requested} (${oldest})`, key);

export const tooLarge = (requested: number, current: number, key?: string): StorageError =>
  new StorageError('ResourceVersionTooLarge', `Too large resource version: ${requested}, current: ${current}`, key);

export const invalidResourceVersion = (rv: string): StorageError =>
  new StorageError('InvalidResourceVersion', `invalid resource version: ${JSON.stringify(rv)}`);

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list ' +
  'without the continue parameter, or use the continue token in this response to retrieve the remainder of the ' +
  'results. Continuing with the provided token results in an inconsistent list - objects that were created, ' +
  'modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const COMPACTED = 'required revision has been compacted';
const FUTURE = 'required revision is a future revision';

export const isGrpcError = (err: unknown): err is grpc.ServiceError =>
  err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === 'number';

/** etcd's "mvcc: required revision has been compacted" (OutOfRange). */
export const isCompactedError = (err: unknown): boolean =>
  isGrpcError(err) && err.code === grpc.status.OUT_OF_RANGE && (err.details ?? '').includes(COMPACTED);

export const isFutureRevisionError = (err: unknown): boolean =>
  isGrpcError(err) && err.code === grpc.status.OUT_OF_RANGE && (err.details ?? '').includes(FUTURE);

/**
 * Turns what the etcd client threw into a StorageError where one applies: etcd unreachable or
 * too slow → Unavailable. Other errors (bugs, unexpected etcd answers) pass through unchanged so
 * they surface as 500s with their own message rather than a misleading code.
 */
export function fromEtcdError(err: unknown, key?: string): unknown {
  if (err instanceof StorageError || !isGrpcError(err)) return err;
  switch (err.code) {
    case grpc.status.UNAVAILABLE:
    case grpc.status.DEADLINE_EXCEEDED:
      return new StorageError('Unavailable', `etcd unavailable: ${err.details || err.message}`, key);
    default:
      return err;
  }
}
