// The registry hands strategies untyped objects; each core strategy views them as its kind.
import type { KObject } from '../../strategy.js';

export function typed<T>(obj: KObject): T {
  return obj as unknown as T;
}
