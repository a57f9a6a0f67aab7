// Errors the REST client raises, declared once. Two families, as in client-go: an ApiError is the
// server's own answer (a Status, or one synthesised from the HTTP code when the body is not a
// Status), and a RestError is something that went wrong on our side of the wire (no answer in
// time, a body that is not JSON, a call that could never be valid). Callers branch on the first
// with the is* helpers, the way controllers use apierrors.IsNotFound and friends.
import type { Status, StatusReason } from '@kubelite/api';

const q = (s: string): string => JSON.stringify(s);

export const RestProblems = {
  TIMEOUT: (verb: string, url: string, ms: number) => `${verb} ${url}: no answer within ${ms} ms`,
  CONNECTION: (verb: string, url: string, reason: string) => `${verb} ${url}: ${reason}`,
  ABORTED: (verb: string, url: string) => `${verb} ${url}: aborted`,
  BAD_RESPONSE: (verb: string, url: string, reason: string) => `${verb} ${url}: undecodable response: ${reason}`,
  BAD_WATCH_EVENT: (url: string, reason: string) => `watch ${url}: undecodable event: ${reason}`,
  NO_NAMESPACE: (resource: string) => `${resource} is namespaced: a namespace is required`,
  NO_NAME: (resource: string) => `${resource}: the object has no metadata.name`,
  UNKNOWN_RESOURCE: (gvr: string) => `the server does not serve ${gvr}`,
  UNKNOWN_KIND: (apiVersion: string, kind: string) => `no resource for kind ${q(kind)} in ${q(apiVersion)}`,
  APPLY_NEEDS_FIELD_MANAGER: () => 'server-side apply needs a fieldManager',
  BAD_SERVER_URL: (server: string) => `server ${q(server)} is not an http(s) URL`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type RestProblem = keyof typeof RestProblems;

export class RestError extends Error {
  constructor(
    readonly problem: RestProblem,
    message: string,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** Builds a RestError; the arguments are checked against the problem's message. */
export function restError<P extends RestProblem>(
  problem: P,
  ...args: Parameters<(typeof RestProblems)[P]>
): RestError {
  const render = RestProblems[problem] as (...a: Parameters<(typeof RestProblems)[P]>) => string;
  return new RestError(problem, render(...args));
}

export const isRestError = (e: unknown): e is RestError => e instanceof RestError;

/** The server said no. `status` is its Status, or one built from the HTTP code alone. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message || `the server responded with code ${status.code ?? 'unknown'}`);
    this.name = 'ApiError';
  }

  get code(): number {
    return this.status.code ?? 0;
  }

  get reason(): StatusReason {
    return this.status.reason ?? '';
  }

  /** An ERROR watch event carries a Status in place of an object; this makes it throwable. */
  static fromStatus(status: Status): ApiError {
    return new ApiError(status);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

// What client-go's NewGenericServerResponse says when the body is not a Status, so messages read
// the same as kubectl's ("the server could not find the requested resource (get pods nope)").
const GENERIC: Record<number, readonly [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  406: ['NotAcceptable', 'the server was unable to respond with a content type that the client supports'],
  409: ['Conflict', 'the server reported a conflict'],
  410: ['Gone', 'the server reports the resource is no longer available'],
  415: ['UnsupportedMediaType', 'the server was unable to process a request with this content type'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  500: ['InternalError', 'an error on the server has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted'],
};

function isStatusBody(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

/**
 * The error for a non-2xx answer. A Status body is trusted as is (its code filled in from HTTP
 * when missing); anything else is described from the code and `what` (`get pods nope`).
 */
export function apiErrorFromResponse(httpCode: number, body: unknown, what: string): ApiError {
  if (isStatusBody(body)) {
    return new ApiError({ ...body, code: body.code || httpCode });
  }
  const [reason, text] = GENERIC[httpCode] ?? ['', `the server responded with the status code ${httpCode} but did not return more information`];
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${text} (${what})`,
    reason,
    code: httpCode,
  });
}

// Reasons with a fixed meaning; a code alone only counts when the reason is not one of these,
// as in apimachinery's knownReasons check.
const KNOWN_REASONS: ReadonlySet<string> = new Set<StatusReason>([
  'Unauthorized', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict', 'Gone', 'Invalid', 'ServerTimeout',
  'StoreReadError', 'Timeout', 'TooManyRequests', 'BadRequest', 'MethodNotAllowed', 'NotAcceptable',
  'RequestEntityTooLarge', 'UnsupportedMediaType', 'InternalError', 'Expired', 'ServiceUnavailable',
]);

function matches(e: unknown, reason: StatusReason, code?: number): boolean {
  if (!isApiError(e)) return false;
  if (e.reason === reason) return true;
  return code !== undefined && e.code === code && !KNOWN_REASONS.has(e.reason);
}

export const isNotFound = (e: unknown): boolean => matches(e, 'NotFound', 404);
export const isAlreadyExists = (e: unknown): boolean => matches(e, 'AlreadyExists');
export const isConflict = (e: unknown): boolean => matches(e, 'Conflict', 409);
export const isInvalid = (e: unknown): boolean => matches(e, 'Invalid', 422);
export const isBadRequest = (e: unknown): boolean => matches(e, 'BadRequest', 400);
export const isUnauthorized = (e: unknown): boolean => matches(e, 'Unauthorized', 401);
export const isForbidden = (e: unknown): boolean => matches(e, 'Forbidden', 403);
export const isMethodNotSupported = (e: unknown): boolean => matches(e, 'MethodNotAllowed', 405);
export const isTooManyRequests = (e: unknown): boolean => matches(e, 'TooManyRequests', 429);
export const isInternalError = (e: unknown): boolean => matches(e, 'InternalError', 500);
export const isServiceUnavailable = (e: unknown): boolean => matches(e, 'ServiceUnavailable', 503);
export const isGone = (e: unknown): boolean => matches(e, 'Gone', 410);
/** A resourceVersion or continue token the server no longer has (apierrors.IsResourceExpired). */
export const isExpired = (e: unknown): boolean => matches(e, 'Expired');
/** What a reflector treats as "too old, list again": Expired or Gone. */
export const isGoneOrExpired = (e: unknown): boolean => isExpired(e) || isGone(e);
