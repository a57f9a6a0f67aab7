// metav1.MicroTime: RFC 3339 in UTC with exactly six fractional digits
// (`2024-01-02T03:04:05.123456Z`), the format Lease acquireTime/renewTime use on the wire.
// Times are epoch milliseconds here; a fraction of a millisecond carries the microseconds.
import { leaderElectionError } from './errors.js';

export function formatMicroTime(epochMs: number): string {
  const micros = Math.floor(epochMs * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  const frac = micros - seconds * 1_000_000;
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${String(frac).padStart(6, '0')}Z`;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** Accepts any RFC 3339 time (other servers may write fewer digits or an offset). */
export function parseMicroTime(value: string): number {
  const m = RFC3339.exec(value);
  const whole = m ? Date.parse(`${m[1]}${m[3]!.toUpperCase()}`) : NaN;
  if (!m || Number.isNaN(whole)) throw leaderElectionError('BAD_MICROTIME', value);
  const micros = m[2] ? Number(m[2].padEnd(9, '0').slice(0, 6)) : 0;
  return whole + micros / 1000;
}
