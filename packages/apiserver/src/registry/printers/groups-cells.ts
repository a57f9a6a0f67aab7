// Cell formatting helpers of kube-apiserver's printers that the named groups share: container
// and image lists, selectors, optional booleans.
import { labelSelectorAsSelector, LabelSelectorError, type LabelSelector } from '@kubelite/api';

interface NamedImage {
  name?: string;
  image?: string;
}

/** layoutContainerCells: names and images, comma-joined, in container order. */
export function containerCells(containers: readonly NamedImage[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** metav1.FormatLabelSelector: `<none>` when it selects nothing special, `<error>` when invalid. */
export function formatLabelSelector(ps: LabelSelector | null | undefined): string {
  try {
    const s = labelSelectorAsSelector(ps).toString();
    return s === '' ? '<none>' : s;
  } catch (e) {
    if (e instanceof LabelSelectorError) return '<error>';
    throw e;
  }
}

/** The selector as a plain string, `<invalid>` when it does not parse (printDeployment's variant). */
export function selectorString(ps: LabelSelector | null | undefined): string {
  try {
    return labelSelectorAsSelector(ps).toString();
  } catch (e) {
    if (e instanceof LabelSelectorError) return '<invalid>';
    throw e;
  }
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` for an empty map. */
export function formatLabels(labels: Readonly<Record<string, string>> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${(labels ?? {})[k] ?? ''}`).join(',');
}

/** printBoolPtr. */
export function boolPtr(v: boolean | null | undefined): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** Integer cells: Kubernetes prints absent counters as 0. */
export const int = (v: number | null | undefined): number => v ?? 0;
