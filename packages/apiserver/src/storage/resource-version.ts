// resourceVersion strings ⇄ etcd revisions. Revisions stay below 2^53 in any real store, so plain
// numbers are exact; lease IDs, which do exceed it, stay strings elsewhere.
import { invalidResourceVersion } from './errors.js';

/** "" / absent → 0 (unset); decimal digits → the number; anything else → InvalidResourceVersion. */
export function parseResourceVersion(rv: string | undefined): number {
  if (rv === undefined || rv === '') return 0;
  if (!/^\d+$/.test(rv) || !Number.isSafeInteger(Number(rv))) throw invalidResourceVersion(rv);
  return Number(rv);
}

/** The store revision a response was served at (etcd always sends a header). */
export function headerRevision(res: { header: { revision: string } | null }): number {
  if (res.header === null) throw new Error('etcd response without a header');
  return Number(res.header.revision);
}
