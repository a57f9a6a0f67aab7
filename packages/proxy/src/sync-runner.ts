// Upstream's BoundedFrequencyRunner, reduced: runs fn at most once per minInterval however many
// changes ask for it (bursts of Service/EndpointSlice events become one sync), at least once per
// maxInterval even when nothing asks, and never two at a time.

export class SyncRunner {
  private timer: NodeJS.Timeout | undefined;
  private nextAt = Infinity;
  private lastRunAt = -Infinity;
  private running: Promise<void> | undefined;
  private busy = false;
  /** the earliest run asked for while one was in progress */
  private pendingAt = Infinity;
  private stopped = false;

  constructor(
    private readonly fn: () => Promise<void>,
    private readonly minIntervalMs: number,
    private readonly maxIntervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Runs now and then every maxInterval. */
  start(): Promise<void> {
    return this.tick();
  }

  /** Asks for a run as soon as minInterval allows. */
  run(): void {
    this.schedule(Math.max(Date.now(), this.lastRunAt + this.minIntervalMs));
  }

  /** Asks for a run no later than delayMs from now (still no sooner than minInterval allows). */
  runAfter(delayMs: number): void {
    this.schedule(Math.max(Date.now() + delayMs, this.lastRunAt + this.minIntervalMs));
  }

  private schedule(at: number): void {
    if (this.stopped) return;
    if (this.busy) {
      this.pendingAt = Math.min(this.pendingAt, at);
      return;
    }
    if (at >= this.nextAt) return;
    clearTimeout(this.timer);
    this.nextAt = at;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, at - Date.now()));
  }

  private async tick(): Promise<void> {
    clearTimeout(this.timer);
    this.nextAt = Infinity;
    if (this.stopped) return;
    if (this.busy) {
      this.pendingAt = Math.min(this.pendingAt, Date.now());
      return;
    }
    // busy is set before fn runs: fn may ask for another run synchronously.
    this.busy = true;
    this.pendingAt = Infinity;
    this.lastRunAt = Date.now();
    this.running = (async () => {
      try {
        await this.fn();
      } catch (err) {
        this.onError(err);
      }
    })();
    await this.running;
    this.busy = false;
    this.running = undefined;
    // A request that arrived mid-run gets its own run; otherwise the next is the periodic one.
    this.schedule(Math.min(this.pendingAt, Date.now() + this.maxIntervalMs));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
