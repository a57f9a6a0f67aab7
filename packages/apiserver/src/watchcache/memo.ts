// Serialise once per watch event, not once per watcher. The cacher hands the same WatchEvent
// object to every watcher it concerns, so keying a memo on the event (weakly: it is dropped with
// the event) lets the REST layer encode a change once for a hundred watchers per output format.
import type { WatchEvent } from '../storage/index.js';

const encoded = new WeakMap<WatchEvent, Map<string, string | Buffer>>();

/** `encode(ev)` the first time an event is asked for in `format`; the same result afterwards. */
export function serializeOnce<T extends string | Buffer>(ev: WatchEvent, format: string, encode: (ev: WatchEvent) => T): T {
  let forEvent = encoded.get(ev);
  if (!forEvent) {
    forEvent = new Map();
    encoded.set(ev, forEvent);
  }
  const hit = forEvent.get(format);
  if (hit !== undefined) return hit as T;
  const out = encode(ev);
  forEvent.set(format, out);
  return out;
}
