// core/v1 PodLogOptions from a query string, as both kube-apiserver (pods/log) and the kubelet
// (/containerLogs) decode it: Go's bool, int and RFC 3339 parsing (a bad value is a decode error
// carrying Go's message), the legacy `tail=N|all`, then ValidatePodLogOptions (field errors).
import { forbidden, invalid, type FieldError } from '../../field.js';

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: Date;
  tailLines?: number;
  limitBytes?: number;
}

/** A query value that does not parse; `message` is Go's strconv/time error text. */
export class PodLogOptionsDecodeError extends Error {
  override name = 'PodLogOptionsDecodeError';
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False', '']);
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

type Get = (name: string) => string | undefined;

function goBool(v: string | undefined): boolean {
  if (v === undefined || GO_FALSE.has(v)) return false;
  if (GO_TRUE.has(v)) return true;
  throw new PodLogOptionsDecodeError(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function goInt(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new PodLogOptionsDecodeError(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return n;
}

function goTime(v: string | undefined): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = RFC3339.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw new PodLogOptionsDecodeError(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  return new Date(ms);
}

/** Throws PodLogOptionsDecodeError for a value that does not parse; validate separately. */
export function decodePodLogOptions(get: Get): PodLogOptions {
  const o: PodLogOptions = { follow: goBool(get('follow')), previous: goBool(get('previous')), timestamps: goBool(get('timestamps')) };
  const container = get('container');
  if (container) o.container = container;
  const tail = get('tail');
  // `tail` is the pre-1.0 spelling; "all" means no limit.
  const tailLines = tail !== undefined && tail !== '' ? (tail === 'all' ? undefined : goInt(tail)) : goInt(get('tailLines'));
  const sinceSeconds = goInt(get('sinceSeconds'));
  const sinceTime = goTime(get('sinceTime'));
  const limitBytes = goInt(get('limitBytes'));
  if (sinceSeconds !== undefined) o.sinceSeconds = sinceSeconds;
  if (sinceTime) o.sinceTime = sinceTime;
  if (tailLines !== undefined) o.tailLines = tailLines;
  if (limitBytes !== undefined) o.limitBytes = limitBytes;
  return o;
}

export function validatePodLogOptions(o: PodLogOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) errs.push(invalid('tailLines', o.tailLines, 'must be greater than or equal to 0'));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errs.push(invalid('limitBytes', o.limitBytes, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceTime) errs.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) errs.push(invalid('sinceSeconds', o.sinceSeconds, 'must be greater than 0'));
  return errs;
}

/** The earliest log time wanted: sinceSeconds before now, or sinceTime (the later wins if both). */
export function podLogSince(o: PodLogOptions, now = Date.now()): Date | undefined {
  const fromSeconds = o.sinceSeconds !== undefined ? new Date(now - o.sinceSeconds * 1000) : undefined;
  if (fromSeconds && o.sinceTime) return fromSeconds > o.sinceTime ? fromSeconds : o.sinceTime;
  return fromSeconds ?? o.sinceTime;
}
