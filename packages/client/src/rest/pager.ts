// client-go's ListPager: a list fetched in chunks of `limit` by following `continue`, assembled
// into one result. If a continue token expires mid-way (the snapshot it pins was compacted), it
// falls back to one unpaged list at the caller's original resourceVersion, so the answer is still
// one consistent snapshot rather than a mix of two.
import type { KubeList } from '@kubelite/api';
import { isExpired } from './errors.js';
import type { ListOptions } from './resource.js';

export const DEFAULT_PAGE_SIZE = 500;

/** Pages followed before giving up: bounds a server that keeps handing out tokens. */
const MAX_PAGES = 100_000;

export interface PagedList<T> {
  list: KubeList<T>;
  /** true when the server split the answer (it honours limit for this resource/resourceVersion) */
  paginated: boolean;
}

/** pageSize 0 (and no opts.limit) means one unpaged request. */
export async function listPages<T>(
  list: (opts: ListOptions) => Promise<KubeList<T>>,
  opts: ListOptions,
  pageSize: number = DEFAULT_PAGE_SIZE,
): Promise<PagedList<T>> {
  const pageOpts: ListOptions = { ...opts, limit: opts.limit || pageSize || undefined };
  const items: T[] = [];
  let first: KubeList<T> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let chunk: KubeList<T>;
    try {
      chunk = await list(pageOpts);
    } catch (e) {
      if (!isExpired(e) || !pageOpts.continue) throw e;
      return { list: await list({ ...opts, limit: undefined, continue: undefined }), paginated: true };
    }
    first ??= chunk;
    items.push(...chunk.items);
    const next = chunk.metadata.continue;
    if (!next) {
      if (page === 0) return { list: chunk, paginated: false };
      return { list: { ...first, metadata: { ...first.metadata, continue: undefined, remainingItemCount: undefined }, items }, paginated: true };
    }
    // The token pins the snapshot; resourceVersion alongside it is rejected upstream.
    pageOpts.continue = next;
    pageOpts.resourceVersion = undefined;
    pageOpts.resourceVersionMatch = undefined;
  }
  throw new RangeError(`list: more than ${MAX_PAGES} pages`);
}
