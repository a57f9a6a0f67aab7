// metav1.MicroTime: RFC 3339 with exactly six fractional digits, always written in UTC
// ("2006-01-02T15:04:05.000000Z"), the form Leases and events.k8s.io Events carry.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Canonical MicroTime for an RFC 3339 time, or undefined when it is not one. */
export function toMicroTime(value: string): string | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  const micros = frac.padEnd(6, '0').slice(0, 6);
  return `${new Date(ms).toISOString().slice(0, 19)}.${micros}Z`;
}

/** Rewrites `obj[key]` in canonical form when it parses; leaves anything else for validation. */
export function normalizeMicroTime<K extends string>(obj: Partial<Record<K, string | null>> | undefined, key: K): void {
  const v = obj?.[key];
  if (obj && typeof v === 'string') {
    const canonical = toMicroTime(v);
    if (canonical !== undefined) obj[key] = canonical;
  }
}

export const MICROTIME_ERROR = 'must be an RFC 3339 time with microseconds (2006-01-02T15:04:05.000000Z07:00)';

export function isMicroTime(value: unknown): boolean {
  return typeof value === 'string' && toMicroTime(value) !== undefined;
}
