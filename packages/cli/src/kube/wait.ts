// Bounded polling, for what kubectl waits on: an object to be gone after a delete or eviction.
import { isNotFound, type ResourceClient } from '@kubelite/client';

export const POLL_MS = 250;

export const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/**
 * Resolves true once the object is gone — 404, or it came back with another uid (a new object
 * under the same name, as a StatefulSet or a re-apply makes) — false at the deadline.
 */
export async function waitGone(rc: ResourceClient, name: string, uid: string | undefined, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1_000_000 && Date.now() < deadline; i++) {
    try {
      const obj = await rc.get(name);
      if (uid && obj.metadata.uid !== uid) return true;
    } catch (e) {
      if (isNotFound(e)) return true;
      throw e;
    }
    await sleep(POLL_MS);
  }
  return false;
}
