// The EndpointSlice reconciler (staging/src/k8s.io/endpointslice reconciler.go), as a pure
// function from (Service, desired endpoints, existing slices) to slices to create, update and
// delete. Per port set it (1) drops endpoints no longer desired from existing slices and
// refreshes changed ones, (2) fills the slices it is updating anyway, fullest first, (3) puts
// what is left into one unchanged slice that has room, or new slices of at most maxPerSlice.
// Touching as few slices as possible keeps the churn (and kube-proxy's work) small.
import type { EndpointSlice, EndpointSliceEndpoint, EndpointSlicePort, Service } from '@kubelite/api';
import { ENDPOINTSLICE_SERVICE_NAME_LABEL } from '@kubelite/api';
import { newControllerRef } from '../../controller/pod-util.js';
import { semanticEqual } from '../../controller/semantic.js';
import { endpointKey, portMapKey, type DesiredGroup } from './desired.js';

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const RESERVED = new Set([ENDPOINTSLICE_SERVICE_NAME_LABEL, MANAGED_BY_LABEL, HEADLESS_LABEL]);

export interface ReconcileResult {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

/** Service labels minus the reserved ones, plus the labels that tie a slice to its Service. */
export function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!RESERVED.has(k)) labels[k] = v;
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') labels[HEADLESS_LABEL] = '';
  labels[ENDPOINTSLICE_SERVICE_NAME_LABEL] = svc.metadata.name ?? '';
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === svc.metadata.uid);
}

export function newSlice(svc: Service, ports: EndpointSlicePort[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name ?? ''}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [newControllerRef(svc, 'v1', 'Service')],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

/** Pops desired endpoints in key order, so which slice an endpoint lands in is deterministic. */
class DesiredSet {
  private readonly keys: string[];
  constructor(readonly items: Map<string, EndpointSliceEndpoint>) {
    this.keys = [...items.keys()].sort().reverse();
  }
  get size(): number {
    return this.items.size;
  }
  take(key: string): EndpointSliceEndpoint | undefined {
    const ep = this.items.get(key);
    this.items.delete(key);
    return ep;
  }
  pop(): EndpointSliceEndpoint | undefined {
    for (let k = this.keys.pop(); k !== undefined; k = this.keys.pop()) {
      const ep = this.take(k);
      if (ep) return ep;
    }
    return undefined;
  }
}

function reconcileByPortMapping(svc: Service, existing: readonly EndpointSlice[], group: DesiredGroup, max: number): ReconcileResult {
  const desired = new DesiredSet(new Map(group.endpoints));
  const labels = sliceLabels(svc);
  const toUpdate = new Map<string, EndpointSlice>();
  const unchanged = new Map<string, EndpointSlice>();
  const toDelete: EndpointSlice[] = [];
  // 1. Keep what is still desired, refreshed; note slices whose content or labels moved.
  for (const slice of existing) {
    const kept: EndpointSliceEndpoint[] = [];
    let changed = false;
    for (const ep of slice.endpoints ?? []) {
      const want = desired.take(endpointKey(ep));
      if (!want) continue;
      kept.push(want);
      if (!semanticEqual(want, ep)) changed = true;
    }
    const name = slice.metadata.name ?? '';
    const labelsChanged = !semanticEqual(slice.metadata.labels ?? {}, labels);
    if (changed || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(slice);
      else toUpdate.set(name, { ...slice, metadata: { ...slice.metadata, labels }, endpoints: kept });
    } else if (labelsChanged) toUpdate.set(name, { ...slice, metadata: { ...slice.metadata, labels }, endpoints: [...(slice.endpoints ?? [])] });
    else unchanged.set(name, slice);
  }
  // 2. Fill the slices being written anyway, fullest first.
  const updating = [...toUpdate.values()].sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
  for (const slice of updating) {
    const eps = (slice.endpoints ??= []);
    while (desired.size > 0 && eps.length < max) eps.push(desired.pop()!);
  }
  // 3. The rest: into the unchanged slice that fits them most snugly, else into new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let target: EndpointSlice | undefined;
    if (desired.size < max) {
      const fits = [...unchanged.values()].filter((s) => max - (s.endpoints ?? []).length >= desired.size);
      fits.sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
      const pick = fits[0];
      if (pick) {
        target = { ...pick, endpoints: [...(pick.endpoints ?? [])] };
        unchanged.delete(pick.metadata.name ?? '');
        toUpdate.set(pick.metadata.name ?? '', target);
      }
    }
    if (!target) create.push((target = newSlice(svc, group.ports)));
    const eps = (target.endpoints ??= []);
    while (desired.size > 0 && eps.length < max) eps.push(desired.pop()!);
  }
  return { create, update: [...toUpdate.values()], delete: toDelete };
}

/** A placeholder is an empty, portless slice: it says "this Service has no endpoints". */
function isPlaceholder(slice: EndpointSlice, svc: Service): boolean {
  return (slice.endpoints ?? []).length === 0 && (slice.ports ?? []).length === 0 && semanticEqual(slice.metadata.labels ?? {}, sliceLabels(svc));
}

/**
 * existing: every slice with this Service's name and our managed-by label. Slices owned by
 * another object (a deleted Service of the same name, or of another address type) are deleted.
 */
export function reconcile(svc: Service, groups: ReadonlyMap<string, DesiredGroup>, existing: readonly EndpointSlice[], max: number): ReconcileResult {
  const out: ReconcileResult = { create: [], update: [], delete: [] };
  const mine: EndpointSlice[] = [];
  for (const s of existing) (ownedBy(s, svc) && s.addressType === 'IPv4' ? mine : out.delete).push(s);
  const byPorts = new Map<string, EndpointSlice[]>();
  for (const s of mine) {
    const k = portMapKey(s.ports ?? []);
    byPorts.set(k, [...(byPorts.get(k) ?? []), s]);
  }
  const ownedDeletes: EndpointSlice[] = [];
  for (const group of groups.values()) {
    const r = reconcileByPortMapping(svc, byPorts.get(group.key) ?? [], group, max);
    out.create.push(...r.create);
    out.update.push(...r.update);
    ownedDeletes.push(...r.delete);
  }
  for (const [k, slices] of byPorts) if (!groups.has(k)) ownedDeletes.push(...slices);
  // No endpoints at all: keep (or make) exactly one placeholder rather than no slice.
  if (mine.length === ownedDeletes.length && out.create.length === 0) {
    const keep = ownedDeletes.length === 1 && isPlaceholder(ownedDeletes[0]!, svc);
    if (keep) ownedDeletes.length = 0;
    else out.create.push(newSlice(svc, []));
  }
  // Rather than create one slice and delete another, rewrite the one about to be deleted.
  while (out.create.length > 0 && ownedDeletes.length > 0) {
    const fresh = out.create.pop()!;
    const old = ownedDeletes.pop()!;
    out.update.push({ ...fresh, metadata: { ...old.metadata, labels: fresh.metadata.labels } });
  }
  out.delete.push(...ownedDeletes);
  return out;
}
