// Log timestamps as `kubectl logs --timestamps` shows them: RFC3339 in UTC with exactly nine
// fractional digits. Docker already writes that form; the process runtime makes its own from a
// nanosecond clock anchored to the wall clock.
const NS_PER_MS = 1_000_000n;

let anchorNs = BigInt(Date.now()) * NS_PER_MS - process.hrtime.bigint();

/** Now, in nanoseconds since the epoch: monotonic between re-anchors, never more than 5 ms off. */
export function nowNs(): bigint {
  let ns = anchorNs + process.hrtime.bigint();
  const wall = BigInt(Date.now()) * NS_PER_MS;
  const drift = ns > wall ? ns - wall : wall - ns;
  if (drift > 5n * NS_PER_MS) {
    anchorNs = wall - process.hrtime.bigint();
    ns = wall;
  }
  return ns;
}

export function formatNs(ns: bigint): string {
  const whole = new Date(Number(ns / NS_PER_MS)).toISOString().slice(0, 19);
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${whole}.${frac}Z`;
}

export function nowRfc3339Nano(): string {
  return formatNs(nowNs());
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

/** Rewrites any RFC3339 time to the fixed 9-digit UTC form; undefined when it is not one. */
export function toRfc3339Nano(text: string): string | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, base, frac = '', zone] = m as unknown as [string, string, string | undefined, string];
  const digits = frac.padEnd(9, '0').slice(0, 9);
  if (zone === 'Z') return `${base}.${digits}Z`;
  const ms = Date.parse(`${base}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${digits}Z`;
}

/** Milliseconds since the epoch of a timestamp (sub-millisecond digits dropped). */
export function timestampMs(text: string): number {
  return Date.parse(text.replace(/\.(\d{3})\d*/, '.$1'));
}
