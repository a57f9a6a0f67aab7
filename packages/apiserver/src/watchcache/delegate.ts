// Which lists the cache answers and which go to etcd, as Kubernetes' cacher decides
// (shouldDelegateList, 1.30–1.32 with ConsistentListFromCache). The cache holds one revision
// of each object and no pages, so it cannot serve a read at an exact older revision, a continue
// token, or a page of a list at a given revision; everything else — resourceVersion "0",
// "NotOlderThan" N, and consistent ("") reads after waiting to catch up with etcd — it can.
// Like Kubernetes, a list served from the cache ignores `limit` (resourceVersion "0" with a limit
// returns everything, in one response, without a continue token): paging exists to spare etcd,
// and the cache needs no sparing.
import type { ListOptions } from '../storage/index.js';

export type CacheListOptions = Omit<ListOptions, 'resourceVersionMatch'> & { resourceVersionMatch?: string };

export function shouldDelegateList(opts: CacheListOptions): boolean {
  const rv = opts.resourceVersion ?? '';
  const match = opts.resourceVersionMatch ?? '';
  const hasContinuation = (opts.continue ?? '') !== '';
  const hasLimit = (opts.limit ?? 0) > 0 && rv !== '0';
  const unsupportedMatch = match !== '' && match !== 'NotOlderThan';
  // Malformed combinations: the store rejects them with the same errors it gives uncached lists.
  const invalid = (match !== '' && rv === '') || (rv !== '' && !/^\d+$/.test(rv));
  return hasContinuation || hasLimit || unsupportedMatch || invalid;
}
