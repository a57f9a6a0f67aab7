// A bounded poll: ask `check` every interval until it reports nothing missing, the deadline
// passes, the caller aborts, or `guard` throws (the kubelet died). Never unbounded.
import { setTimeout as sleep } from 'node:timers/promises';

export const POLL_INTERVAL_MS = 500;

export class PollTimeout extends Error {
  constructor(readonly lastDetail: string) {
    super(`timed out: ${lastDetail}`);
    this.name = 'PollTimeout';
  }
}

export interface PollOptions {
  /** epoch ms */
  deadline: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** throws to stop waiting (e.g. the process being waited for exited) */
  guard?: () => void;
  /** what is still missing, after each unsuccessful check */
  onWaiting?: (detail: string) => void;
}

/** Resolves once check() returns undefined; rejects with PollTimeout at the deadline. */
export async function pollUntil(check: () => Promise<string | undefined>, opts: PollOptions): Promise<void> {
  const interval = opts.intervalMs ?? POLL_INTERVAL_MS;
  let detail = 'no answer yet';
  for (;;) {
    opts.signal?.throwIfAborted();
    opts.guard?.();
    const missing = await check();
    if (missing === undefined) return;
    detail = missing;
    opts.onWaiting?.(missing);
    const left = opts.deadline - Date.now();
    if (left <= 0) throw new PollTimeout(detail);
    await sleep(Math.min(interval, left), undefined, opts.signal ? { signal: opts.signal } : {});
  }
}
