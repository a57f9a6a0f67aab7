// Per-pod exponential backoff: no wait before the first attempt, then initial × 2^(attempts−1)
// capped at max (podInitialBackoffSeconds 1, podMaxBackoffSeconds 10).
import type { QueuedPodInfo } from './queued-pod-info.js';

export interface BackoffConfig {
  initialMs: number;
  maxMs: number;
}

export function backoffDuration(attempts: number, cfg: BackoffConfig): number {
  if (attempts <= 0) return 0;
  let d = cfg.initialMs;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d >= cfg.maxMs) return cfg.maxMs;
  }
  return Math.min(d, cfg.maxMs);
}

export const backoffExpiry = (q: QueuedPodInfo, cfg: BackoffConfig): number => q.timestamp + backoffDuration(q.attempts, cfg);
