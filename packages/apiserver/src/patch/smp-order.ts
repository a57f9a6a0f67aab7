// Element order after a strategic merge of a list, as apimachinery's strategicpatch settles it:
// items named by the patch (or by `$setElementOrder`) follow the patch's order, items only the
// server had keep the live order, and the two are interleaved so that a server-only item stays in
// front of a patch item it preceded in the live list. Items new to the list therefore come first,
// which is what the real server does for a raw patch without `$setElementOrder`.
import { goFormat, isObject } from './json.js';
import { unknownError } from './patch-errors.js';

/** The value an element is identified by: its merge key's value, or itself for scalars. */
function identity(item: unknown, mergeKey: string): unknown {
  if (mergeKey === '') return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

function indexIn(list: readonly unknown[], item: unknown, mergeKey: string): number {
  const id = identity(item, mergeKey);
  return list.findIndex((x) => identity(x, mergeKey) === id);
}

export function noMergeKey(m: unknown, mergeKey: string): Error {
  return unknownError(`map: ${goFormat(m)} does not contain declared merge key: ${mergeKey}`);
}

function requireMergeKey(lists: readonly (readonly unknown[])[], mergeKey: string): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item) || !(mergeKey in item)) throw noMergeKey(item, mergeKey);
    }
  }
}

function sortByOrder(items: readonly unknown[], order: readonly unknown[], mergeKey: string): unknown[] {
  const rank = (x: unknown): number => {
    const i = indexIn(order, x, mergeKey);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return items.map((x, i) => ({ x, i, r: rank(x) })).sort((a, b) => a.r - b.r || a.i - b.i).map((e) => e.x);
}

/** Splits `merged` into the items `by` names and the rest, keeping relative order. */
export function partition(merged: readonly unknown[], by: readonly unknown[], mergeKey: string): [unknown[], unknown[]] {
  if (mergeKey !== '') requireMergeKey([merged], mergeKey);
  const named: unknown[] = [];
  const rest: unknown[] = [];
  for (const x of merged) (indexIn(by, x, mergeKey) >= 0 ? named : rest).push(x);
  return [named, rest];
}

// Walks both sorted lists; a server-only item goes first only when the live order puts it before
// the patch item it is compared with (which needs both to exist in the live list).
function interleave(serverOnly: readonly unknown[], patched: readonly unknown[], live: readonly unknown[], mergeKey: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patched[j++]);
    else {
      const li = indexIn(live, serverOnly[i], mergeKey);
      const ri = indexIn(live, patched[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patched[j++]);
    }
  }
  return out;
}

/**
 * Orders a merged list: `patched` by `patchOrder`, `serverOnly` by `live`, then interleaved.
 * Lists of maps need the merge key on every item of both the list and the order.
 */
export function normalizeOrder(
  patched: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  live: readonly unknown[],
  mergeKey: string,
): unknown[] {
  if (mergeKey !== '') requireMergeKey([patched, patchOrder, serverOnly, live], mergeKey);
  const p = sortByOrder(patched, patchOrder, mergeKey);
  const s = sortByOrder(serverOnly, live, mergeKey);
  return interleave(s, p, live, mergeKey);
}
