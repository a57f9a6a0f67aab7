// Quantities as plain numbers: the hot path compares millicores and bytes millions of times a
// second, so strings are parsed once (memoised; a cluster uses few distinct values) and never
// turned back into Quantity objects.
import { Quantity, type QuantityValue } from '@kubelite/api';

const MEMO_LIMIT = 4096;
const milliMemo = new Map<string, number>();
const valueMemo = new Map<string, number>();

function memo(map: Map<string, number>, key: string, compute: () => number): number {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const v = compute();
  // A bounded memo: an adversarial stream of distinct values costs a re-parse, never memory.
  if (map.size >= MEMO_LIMIT) map.clear();
  map.set(key, v);
  return v;
}

function parse(v: QuantityValue): Quantity | undefined {
  try {
    return typeof v === 'number' ? Quantity.parse(String(v)) : Quantity.parse(v);
  } catch {
    // The apiserver validates quantities; an unparsable one counts as zero rather than crashing.
    return undefined;
  }
}

/** CPU in millicores (rounded up, as Quantity.MilliValue does). */
export function milliValue(v: QuantityValue | undefined): number {
  if (v === undefined) return 0;
  return memo(milliMemo, String(v), () => parse(v)?.milliValue() ?? 0);
}

/** Memory, storage and counts as integers (rounded up). */
export function intValue(v: QuantityValue | undefined): number {
  if (v === undefined) return 0;
  return memo(valueMemo, String(v), () => parse(v)?.value() ?? 0);
}
