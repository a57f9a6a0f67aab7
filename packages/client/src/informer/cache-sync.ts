// cache.WaitForCacheSync: controllers must not act on a half-filled cache (they would, say,
// create pods that already exist), so they wait until every informer they read has synced.
import { realClock, type Clock } from '../clock.js';
import { sleep } from './backoff.js';

/** client-go polls every 100 ms. */
const POLL_MS = 100;

/**
 * Resolves true once every function reports synced, false if signal aborts first. Bound the
 * wait with the signal, e.g. `AbortSignal.any([stop, AbortSignal.timeout(60_000)])`.
 */
export async function waitForCacheSync(
  signal: AbortSignal | undefined,
  synced: ReadonlyArray<() => boolean>,
  clock: Clock = realClock,
): Promise<boolean> {
  for (;;) {
    if (synced.every((s) => s())) return true;
    if (signal?.aborted) return false;
    await sleep(POLL_MS, signal, clock);
  }
}
