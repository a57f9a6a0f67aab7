// Cell formatting helpers the core/v1 printers share.

export const NONE = '<none>';

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return NONE;
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

export function orNone(value: string | undefined | null): string {
  return value ? value : NONE;
}

/** net.JoinHostPort: IPv6 addresses are bracketed. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's time.Time IsZero for our RFC 3339 strings: unset, empty, or the zero time. */
export function isZeroTime(t: string | null | undefined): boolean {
  return !t || t.startsWith('0001-01-01');
}
