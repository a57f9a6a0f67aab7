// resourceVersion strings ⇄ etcd revisions. Revisions stay below 2^53 in any real store, so plain
// numbers are exact; lease IDs, which do exceed it, stay strings elsewhere.
import { invalidResourceVersion } from './errors.js';

/** "" / absent → 0 (unset); decimal digits → the number; anything else → InvalidResourceVersion. */
export function parseResourceVersion(rv: string | undefined): number {
  if (rv === undefined || rv === '') return 0;
  if (!/^\d+$/.test(rv) || !Number.isSafeInteger(Number(rv))) throw invalidResourceVersion(rv);
  return Number(rv);
}
