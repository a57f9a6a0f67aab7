// Go's time.ParseDuration ("1h2m3.5s", "300ms", "0"), the format of every duration flag and of
// metav1.Duration fields; milliseconds out, undefined when the text is not a duration.
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(value: string): number | undefined {
  if (value === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
    matched = re.lastIndex;
  }
  return matched > 0 && matched === value.length ? total : undefined;
}
