// Kubernetes' field.Error: one problem with one field, rendered exactly as the apiserver renders
// it, because kubectl users (and scripts) read these messages verbatim.
import type { Status, StatusCause } from './meta.js';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path such as `metadata.name`; Kubernetes writes `<nil>` when there is no path. */
  field: string;
  value: unknown;
  detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

// These types never echo the value: it is either absent or too big to be useful.
const VALUELESS: ReadonlySet<FieldErrorType> = new Set<FieldErrorType>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
  'InternalError',
]);

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, detail };
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, value: '', detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, value: '', detail };
}

export function tooLong(field: string, value: unknown, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, value, detail: `must have at most ${maxLength} bytes` };
}

export function notSupported(field: string, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length === 0 ? '' : `supported values: ${validValues.map(goQuote).join(', ')}`;
  return { type: 'FieldValueNotSupported', field, value, detail };
}

/** Go's %q: the quoting Kubernetes puts around string values in messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

// Mirrors the cases of field.Error.ErrorBody that matter for our values: strings quoted, scalars
// bare, missing values as null, string lists as Go prints a []string with %#v.
function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${(value as string[]).map(goQuote).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The message without the field: what a StatusCause carries, e.g. `Invalid value: "Foo": …`. */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (!VALUELESS.has(e.type)) s += `: ${formatValue(e.value)}`;
  if (e.detail !== '') s += `: ${e.detail}`;
  return s;
}

/** `field: body`, as field.Error.Error() prints it. */
export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** Joins messages as an apimachinery Aggregate does: duplicates dropped, several in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0] ?? '';
  return unique.length === 0 ? '' : `[${unique.join(', ')}]`;
}

export function toStatusCause(e: FieldError): StatusCause {
  return { reason: e.type, message: fieldErrorBody(e), field: e.field };
}

/**
 * The 422 Status Kubernetes returns for a failed validation (errors.NewInvalid):
 * `Deployment.apps "web" is invalid: metadata.name: Invalid value: …`.
 */
export function invalidStatus(gk: { group: string; kind: string }, name: string, errs: readonly FieldError[]): Status {
  const qualified = gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
  const summary = aggregateMessage(errs.map(fieldErrorMessage));
  const message = `${qualified} ${goQuote(name)} is invalid${summary === '' ? '' : `: ${summary}`}`;
  const details: NonNullable<Status['details']> = { name, kind: gk.kind, causes: errs.map(toStatusCause) };
  if (gk.group !== '') details.group = gk.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Invalid', details, code: 422 };
}
