// Upstream's ProxierHealthServer state: kube-proxy is unhealthy when a change it was told about
// has waited longer than the health timeout (2 × sync period) without being applied, and (for
// /healthz only) when its Node is being deleted. The answers carry the same JSON fields.

/** Go's time.Time String() layout, which upstream's %q renders (UTC, millisecond precision here). */
export function goTime(ms: number): string {
  if (ms === 0) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ms).toISOString(); // 2024-05-01T10:00:00.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} +0000 UTC`;
}

export interface HealthAnswer {
  code: number;
  body: string;
}

export class ProxierHealth {
  private lastUpdatedMs = 0;
  private oldestPendingMs = 0;
  nodeEligible = true;

  constructor(
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A change arrived that a sync still has to apply. */
  queued(): void {
    if (this.oldestPendingMs === 0) this.oldestPendingMs = this.now();
  }

  /** A sync applied everything queued so far. */
  updated(): void {
    this.lastUpdatedMs = this.now();
    this.oldestPendingMs = 0;
  }

  get lastUpdated(): number {
    return this.lastUpdatedMs;
  }

  private healthy(now: number): boolean {
    return this.oldestPendingMs === 0 || now - this.oldestPendingMs < this.timeoutMs;
  }

  healthz(): HealthAnswer {
    const now = this.now();
    const ok = this.healthy(now) && this.nodeEligible;
    const body = `{"lastUpdated": ${JSON.stringify(goTime(this.lastUpdatedMs))},"currentTime": ${JSON.stringify(goTime(now))}, "nodeEligible": ${this.nodeEligible}}`;
    return { code: ok ? 200 : 503, body };
  }

  livez(): HealthAnswer {
    const now = this.now();
    const body = `{"lastUpdated": ${JSON.stringify(goTime(this.lastUpdatedMs))},"currentTime": ${JSON.stringify(goTime(now))}}`;
    return { code: this.healthy(now) ? 200 : 503, body };
  }
}
