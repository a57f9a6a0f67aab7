// One worker per pod (upstream podWorkers): syncs of a pod never overlap, triggers that arrive
// while a sync runs collapse into one more sync afterwards, and a sync may ask to run again after
// a delay (a back-off ending). Different pods sync concurrently.
export type SyncFn = (uid: string) => Promise<number | undefined>;

export class PodWorkers {
  private readonly running = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly sync: SyncFn,
    private readonly onError: (uid: string, err: unknown) => void,
  ) {}

  enqueue(uid: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs > 0) {
      const existing = this.timers.get(uid);
      if (existing) clearTimeout(existing);
      this.timers.set(uid, setTimeout(() => (this.timers.delete(uid), this.enqueue(uid)), delayMs));
      return;
    }
    if (this.running.has(uid)) {
      this.pending.add(uid);
      return;
    }
    void this.run(uid);
  }

  private async run(uid: string): Promise<void> {
    this.running.add(uid);
    try {
      const again = await this.sync(uid);
      if (again !== undefined) this.enqueue(uid, again);
    } catch (err) {
      this.onError(uid, err);
      this.enqueue(uid, 10_000);
    } finally {
      this.running.delete(uid);
    }
    if (this.pending.delete(uid)) this.enqueue(uid);
  }

  /** Waits (bounded) for in-flight syncs; no new ones start. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
