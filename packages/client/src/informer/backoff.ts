// client-go's exponential back-off manager as the reflector uses it: 800 ms doubling to 30 s, each
// wait stretched by up to 100 % jitter so many clients restarting together do not relist in step,
// and back to 800 ms once two minutes pass without a back-off (a long healthy watch is not held
// against the next failure).
import { realClock, type Clock } from '../clock.js';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** quiet time after which the next back-off starts from initialMs again */
  resetMs?: number;
  factor?: number;
  /** each wait is d + random() * jitter * d */
  jitter?: number;
  clock?: Clock;
  random?: () => number;
}

export class ExponentialBackoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly resetMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private durationMs: number;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 800;
    this.maxMs = opts.maxMs ?? 30_000;
    this.resetMs = opts.resetMs ?? 120_000;
    this.factor = opts.factor ?? 2;
    this.jitter = opts.jitter ?? 1;
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.durationMs = this.initialMs;
  }

  /** How long to wait now; each call without a reset doubles the next one, up to maxMs. */
  next(): number {
    const now = this.clock.now();
    if (now - this.lastStart > this.resetMs) this.durationMs = this.initialMs;
    this.lastStart = now;
    const base = this.durationMs;
    this.durationMs = Math.min(this.durationMs * this.factor, this.maxMs);
    return this.jitter > 0 ? base + this.random() * this.jitter * base : base;
  }
}

/** Resolves after ms, or at once when signal aborts (never rejects): the caller re-checks. */
export function sleep(ms: number, signal: AbortSignal | undefined, clock: Clock = realClock): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      timer.clear();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimer(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
