// Every error the REST layer answers with, declared once: each is a Kubernetes `Status` with the
// reason and HTTP code apimachinery's errors package gives it, and the message wording kubectl
// users see (`Error from server (NotFound): pods "x" not found`).
import { invalidStatus, type FieldError, type Status, type StatusDetails, type StatusReason } from '@kubelite/api';

/** A group and resource as apimachinery prints them: `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

export const qualifiedResource = (gr: GroupResource): string => (gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`);

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.name = 'ApiError';
  }
  get code(): number {
    return this.status.code ?? 500;
  }
  get reason(): StatusReason {
    return this.status.reason ?? '';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

const err = (code: number, reason: StatusReason, message: string, details?: StatusDetails): ApiError =>
  new ApiError(failure(code, reason, message, details));

const detailsOf = (gr: GroupResource, name: string): StatusDetails =>
  gr.group === '' ? { name, kind: gr.resource } : { name, group: gr.group, kind: gr.resource };

export const badRequest = (message: string): ApiError => err(400, 'BadRequest', message);
export const unauthorized = (message = 'Unauthorized'): ApiError => err(401, 'Unauthorized', message);
export const forbidden = (message: string): ApiError => err(403, 'Forbidden', message);

export const notFound = (gr: GroupResource, name: string): ApiError =>
  err(404, 'NotFound', `${qualifiedResource(gr)} ${JSON.stringify(name)} not found`, detailsOf(gr, name));

/** A URL that names no resource: the generic 404 Kubernetes answers for unknown paths. */
export const pathNotFound = (): ApiError =>
  err(404, 'NotFound', 'the server could not find the requested resource', {});

export const alreadyExists = (gr: GroupResource, name: string): ApiError =>
  err(409, 'AlreadyExists', `${qualifiedResource(gr)} ${JSON.stringify(name)} already exists`, detailsOf(gr, name));

export const conflict = (gr: GroupResource, name: string, why: string): ApiError =>
  err(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} ${JSON.stringify(name)}: ${why}`, detailsOf(gr, name));

export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

export const invalid = (gk: { group: string; kind: string }, name: string, errs: readonly FieldError[]): ApiError =>
  new ApiError(invalidStatus(gk, name, errs));

export const methodNotAllowed = (message: string): ApiError => err(405, 'MethodNotAllowed', message);
export const notAcceptable = (message: string): ApiError => err(406, 'NotAcceptable', message);

export const expired = (message: string): ApiError => err(410, 'Expired', message);

export const requestEntityTooLarge = (limit: number): ApiError =>
  err(413, 'RequestEntityTooLarge', `the request body is larger than the limit of ${limit} bytes`);

export const unsupportedMediaType = (contentType: string): ApiError =>
  err(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED_MEDIA_TYPES.join(', ')}`, { causes: [{ reason: 'UnexpectedServerResponse', message: `unsupported content type ${JSON.stringify(contentType)}` }] });

export const ACCEPTED_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export const tooManyRequests = (message: string, retryAfterSeconds: number): ApiError =>
  err(429, 'TooManyRequests', message, { retryAfterSeconds });

export const internalError = (message: string): ApiError =>
  err(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

export const serviceUnavailable = (message: string): ApiError => err(503, 'ServiceUnavailable', message);
export const timeout = (message: string): ApiError => err(504, 'Timeout', message);
