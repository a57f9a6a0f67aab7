// The five namespace deletion conditions (E.5). The "all is well" variants are written with
// status False; lastTransitionTime moves only when the status flips.
import type { NamespaceCondition } from '@kubelite/api';
import { rfc3339 } from '../../controller/pod-util.js';

export interface DeletionReport {
  /** `<resource>.<group>` → instances still present */
  remaining: Map<string, number>;
  /** finalizer → instances carrying it */
  finalizers: Map<string, number>;
  failures: string[];
}

const list = (m: Map<string, number>, suffix: string): string =>
  [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${suffix.replace('N', String(n))}`).join(', ');

export function deletionConditions(r: DeletionReport): NamespaceCondition[] {
  const c = (type: string, bad: boolean, okReason: string, okMsg: string, badReason: string, badMsg: string): NamespaceCondition => ({
    type,
    status: bad ? 'True' : 'False',
    reason: bad ? badReason : okReason,
    message: bad ? badMsg : okMsg,
  });
  return [
    c('NamespaceDeletionDiscoveryFailure', false, 'ResourcesDiscovered', 'All resources successfully discovered', 'DiscoveryFailed', ''),
    c('NamespaceDeletionGroupVersionParsingFailure', false, 'ParsedGroupVersions', 'All legacy kube types successfully parsed', 'GroupVersionParsingFailed', ''),
    c('NamespaceDeletionContentFailure', r.failures.length > 0, 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization', 'ContentDeletionFailed',
      `Failed to delete all resource types, ${r.failures.length} remaining: ${r.failures.join(', ')}`),
    c('NamespaceContentRemaining', r.remaining.size > 0, 'ContentRemoved', 'All content successfully removed', 'SomeResourcesRemain',
      `Some resources are remaining: ${list(r.remaining, 'has N resource instances')}`),
    c('NamespaceFinalizersRemaining', r.finalizers.size > 0, 'ContentHasNoFinalizers', 'All content-preserving finalizers finished', 'SomeFinalizersRemain',
      `Some content in the namespace has finalizers remaining: ${list(r.finalizers, 'in N resource instances')}`),
  ];
}

/** Merges new conditions into old, keeping lastTransitionTime where the status did not flip. */
export function mergeConditions(old: readonly NamespaceCondition[], next: NamespaceCondition[]): NamespaceCondition[] {
  const now = rfc3339();
  return next.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    return { ...c, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now };
  });
}
