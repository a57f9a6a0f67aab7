// The containerLogs query as the kubelet decodes it (core/v1 PodLogOptions): Go's bool and int
// parsing (a bad value is 400 "Unable to decode query."), the legacy `tail=N|all`, then
// ValidatePodLogOptions (a bad combination is 422 "Invalid request.").
import { serverError } from './errors.js';

export interface LogRequest {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: Date;
  tailLines?: number;
  limitBytes?: number;
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False', '']);

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || FALSE.has(v)) return false;
  if (TRUE.has(v)) return true;
  throw serverError('BAD_LOG_QUERY');
}

function int(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw serverError('BAD_LOG_QUERY');
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw serverError('BAD_LOG_QUERY');
  return n;
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

function time(value: string | null): Date | undefined {
  if (value === null || value === '') return undefined;
  const ms = RFC3339.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw serverError('BAD_LOG_QUERY');
  return new Date(ms);
}

export function parseLogRequest(q: URLSearchParams): LogRequest {
  const tail = q.get('tail');
  // `tail` is the pre-1.0 spelling; "all" means no limit.
  const tailLines = tail !== null && tail !== '' ? (tail === 'all' ? undefined : int(tail)) : int(q.get('tailLines'));
  const r: LogRequest = { follow: bool(q, 'follow'), previous: bool(q, 'previous'), timestamps: bool(q, 'timestamps') };
  const sinceSeconds = int(q.get('sinceSeconds'));
  const sinceTime = time(q.get('sinceTime'));
  const limitBytes = int(q.get('limitBytes'));
  if (sinceSeconds !== undefined) r.sinceSeconds = sinceSeconds;
  if (sinceTime !== undefined) r.sinceTime = sinceTime;
  if (tailLines !== undefined) r.tailLines = tailLines;
  if (limitBytes !== undefined) r.limitBytes = limitBytes;
  const invalid =
    (r.tailLines !== undefined && r.tailLines < 0) ||
    (r.limitBytes !== undefined && r.limitBytes < 1) ||
    (r.sinceSeconds !== undefined && r.sinceTime !== undefined) ||
    (r.sinceSeconds !== undefined && r.sinceSeconds < 1);
  if (invalid) throw serverError('INVALID_LOG_OPTIONS');
  return r;
}

/** The earliest log time wanted: sinceSeconds before now, or sinceTime (the later wins if both). */
export function logSince(r: LogRequest, now = Date.now()): Date | undefined {
  const fromSeconds = r.sinceSeconds !== undefined ? new Date(now - r.sinceSeconds * 1000) : undefined;
  if (fromSeconds && r.sinceTime) return fromSeconds > r.sinceTime ? fromSeconds : r.sinceTime;
  return fromSeconds ?? r.sinceTime;
}
