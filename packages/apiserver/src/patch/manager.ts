// A field manager as structured-merge-diff identifies it, and as conflict messages print it.
import { goQuote } from '@kubelite/api';
import type { FieldSet } from './field-set.js';

/** One manager's claim, decoded. */
export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** Who a manager is: appliers are one manager whatever version they apply with. */
export function managerId(m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([m.manager, m.operation, m.operation === 'Update' ? m.apiVersion : '', m.subresource ?? '']);
}

/** A manager as conflict messages name it: `"kubectl-client-side-apply" using apps/v1`. */
export function printManager(m: Manager): string {
  let s = goQuote(m.manager);
  if (m.subresource) s += ` with subresource ${goQuote(m.subresource)}`;
  return m.operation === 'Update' ? `${s} using ${m.apiVersion}` : s;
}

/** RFC 3339 with whole seconds, as metav1.Time serializes. */
export const formatTime = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');
