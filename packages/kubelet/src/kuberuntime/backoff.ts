// client-go's flowcontrol.Backoff as the kubelet uses it for CrashLoopBackOff and image pulls:
// 10 s doubling to 300 s, forgotten after 2 × 300 s without a failure. Kept in memory only, so a
// restarted kubelet starts every back-off from zero (as upstream's does).
export class Backoff {
  private readonly entries = new Map<string, { backoffMs: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs = 10_000,
    private readonly maxMs = 300_000,
    private readonly now: () => number = Date.now,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.maxMs;
  }

  /** True while less than the current back-off has passed since `eventTime` (the last failure). */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(this.now(), e.lastUpdate)) return false;
    return this.now() - eventTime < e.backoffMs;
  }

  /** True while less than the current back-off has passed since the last recorded failure. */
  isInBackOffSinceUpdate(key: string): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(this.now(), e.lastUpdate)) return false;
    return this.now() - e.lastUpdate < e.backoffMs;
  }

  /** Records a failure at `eventTime`: the first one starts at the initial delay, later ones double. */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: eventTime });
    else this.entries.set(key, { backoffMs: Math.min(e.backoffMs * 2, this.maxMs), lastUpdate: eventTime });
  }

  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Milliseconds until the back-off for a failure at `eventTime` ends (0 when not backing off). */
  remaining(key: string, eventTime: number): number {
    const e = this.entries.get(key);
    return e ? Math.max(0, eventTime + e.backoffMs - this.now()) : 0;
  }

  forgetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}

/** Go's time.Duration text for back-off messages ("10s", "5m0s"). */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${s % 60}s` : `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
