// Resource lists as the apiserver stores them: every parseable quantity rounded up to milli
// precision and rewritten in canonical form ("0.5" → "500m", "1024Mi" → "1Gi"), which is what a
// Quantity decoded and re-encoded by Kubernetes looks like.
import { Quantity } from '../../quantity.js';
import type { QuantityValue, ResourceList } from './container-types.js';

export function canonicalQuantity(value: QuantityValue): QuantityValue {
  let q: Quantity;
  try {
    q = Quantity.fromJSON(value);
  } catch {
    return value; // left for validation to report
  }
  return Quantity.fromMilli(q.scaledValue(-3), q.format).toString();
}

export function setDefaultsResourceList(list: ResourceList | undefined): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) list[name] = canonicalQuantity(value);
}
