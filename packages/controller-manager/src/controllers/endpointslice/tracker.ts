// EndpointSliceTracker: the generation of every slice this controller last wrote, per Service.
// The informer cache lags our own writes; syncing from a cache that does not yet show a slice
// we just created would create it twice. So a sync whose cache is older than what we wrote
// is refused (retried later), and informer events that merely echo our own writes are ignored.
import { ENDPOINTSLICE_SERVICE_NAME_LABEL, type EndpointSlice } from '@kubelite/api';

const DELETION_EXPECTED = -1;

const serviceKeyOf = (s: EndpointSlice): string => `${s.metadata.namespace ?? ''}/${s.metadata.labels?.[ENDPOINTSLICE_SERVICE_NAME_LABEL] ?? ''}`;

export class EndpointSliceTracker {
  private readonly byService = new Map<string, Map<string, number>>();

  private gens(slice: EndpointSlice, create = false): Map<string, number> | undefined {
    const key = serviceKeyOf(slice);
    let m = this.byService.get(key);
    if (!m && create) this.byService.set(key, (m = new Map()));
    return m;
  }

  has(slice: EndpointSlice): boolean {
    return this.gens(slice)?.has(slice.metadata.uid ?? '') ?? false;
  }

  /** True unless the slice is one we wrote and the cache shows no newer generation. */
  shouldSync(slice: EndpointSlice): boolean {
    const g = this.gens(slice)?.get(slice.metadata.uid ?? '');
    return g === undefined || (slice.metadata.generation ?? 0) > g;
  }

  /** What our create or update returned. */
  update(slice: EndpointSlice): void {
    this.gens(slice, true)!.set(slice.metadata.uid ?? '', slice.metadata.generation ?? 0);
  }

  expectDeletion(slice: EndpointSlice): void {
    this.gens(slice, true)!.set(slice.metadata.uid ?? '', DELETION_EXPECTED);
  }

  /** Forgets a deleted slice; false when nobody here asked for that deletion. */
  handleDeletion(slice: EndpointSlice): boolean {
    const m = this.gens(slice);
    const g = m?.get(slice.metadata.uid ?? '');
    m?.delete(slice.metadata.uid ?? '');
    return g === undefined || g === DELETION_EXPECTED;
  }

  /** The listed slices are older than our writes, miss one we made, or hold one we deleted. */
  staleSlices(serviceKey: string, slices: readonly EndpointSlice[]): boolean {
    const m = this.byService.get(serviceKey);
    if (!m) return false;
    const listed = new Set<string>();
    for (const s of slices) {
      const uid = s.metadata.uid ?? '';
      listed.add(uid);
      const g = m.get(uid);
      if (g !== undefined && (g === DELETION_EXPECTED || g > (s.metadata.generation ?? 0))) return true;
    }
    for (const [uid, g] of m) if (g !== DELETION_EXPECTED && !listed.has(uid)) return true;
    return false;
  }

  deleteService(serviceKey: string): void {
    this.byService.delete(serviceKey);
  }
}
