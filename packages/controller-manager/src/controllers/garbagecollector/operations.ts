// What the collector does to one object (attemptToDeleteItem, orphanDependents,
// processDeletingDependents). Owners are classified as solid (exists, not being deleted in the
// foreground), dangling (gone, or a different UID under that name) or waiting (foreground
// deletion in progress); every write carries the object's UID as a precondition.
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS, type KubeObject, type OwnerReference, type ResourceInfo } from '@kubelite/api';
import { isConflict, isNotFound, type PropagationPolicy, type ResourceClient } from '@kubelite/client';
import type { GarbageCollector } from './garbage-collector.js';

type OwnerState = 'solid' | 'dangling' | 'waiting';

function clientFor(gc: GarbageCollector, info: ResourceInfo, ns: string | undefined): ResourceClient<KubeObject> {
  const rc = gc.client.forResource<KubeObject>(info);
  return info.namespaced && ns ? rc.namespace(ns) : rc;
}

const hasFinalizer = (o: KubeObject, f: string): boolean => (o.metadata.finalizers ?? []).includes(f);

function stateOf(owner: KubeObject): OwnerState {
  return owner.metadata.deletionTimestamp && hasFinalizer(owner, FINALIZER_DELETE_DEPENDENTS) ? 'waiting' : 'solid';
}

async function classify(gc: GarbageCollector, obj: KubeObject, ref: OwnerReference): Promise<OwnerState> {
  const cached = gc.graph.object(ref.uid);
  if (cached) return stateOf(cached);
  if (gc.absentOwners.has(ref.uid)) return 'dangling';
  let rc: ResourceClient<KubeObject>;
  try {
    rc = gc.client.forKind<KubeObject>(ref.apiVersion, ref.kind);
  } catch {
    return 'solid'; // a kind this cluster does not serve: never delete on its account
  }
  const ns = obj.metadata.namespace;
  try {
    const live = await (rc.info.namespaced && ns ? rc.namespace(ns) : rc).get(ref.name);
    if (live.metadata.uid === ref.uid) return stateOf(live);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  gc.absentOwners.add(ref.uid);
  return 'dangling';
}

function policyFor(obj: KubeObject): PropagationPolicy {
  if (hasFinalizer(obj, FINALIZER_ORPHAN_DEPENDENTS)) return 'Orphan';
  if (hasFinalizer(obj, FINALIZER_DELETE_DEPENDENTS)) return 'Foreground';
  return 'Background';
}

async function deleteObject(gc: GarbageCollector, obj: KubeObject, policy: PropagationPolicy): Promise<void> {
  const node = gc.graph.get(obj.metadata.uid ?? '');
  if (!node) return;
  try {
    await clientFor(gc, node.info, obj.metadata.namespace).delete(obj.metadata.name ?? '', { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
  } catch (err) {
    if (!isNotFound(err) && !isConflict(err)) throw err;
  }
}

async function patchObject(gc: GarbageCollector, obj: KubeObject, metadata: Record<string, unknown>): Promise<void> {
  const node = gc.graph.get(obj.metadata.uid ?? '');
  if (!node) return;
  const patch = { metadata: { uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, ...metadata } };
  try {
    await clientFor(gc, node.info, obj.metadata.namespace).patch(obj.metadata.name ?? '', 'merge', patch);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function attemptToDelete(gc: GarbageCollector, obj: KubeObject): Promise<void> {
  const refs = obj.metadata.ownerReferences ?? [];
  const states = await Promise.all(refs.map((r) => classify(gc, obj, r)));
  const solid = refs.filter((_, i) => states[i] === 'solid');
  if (solid.length > 0) {
    if (solid.length === refs.length) return;
    // Keep the object; drop the references to owners that are gone or going.
    return patchObject(gc, obj, { ownerReferences: solid });
  }
  const waiting = states.includes('waiting');
  const hasDependents = gc.graph.dependentsOf(obj.metadata.uid ?? '').length > 0;
  const policy = waiting && hasDependents ? 'Foreground' : policyFor(obj);
  gc.log.debug({ object: `${obj.kind ?? ''} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`, policy }, 'deleting garbage');
  await deleteObject(gc, obj, policy);
}

async function removeFinalizer(gc: GarbageCollector, obj: KubeObject, finalizer: string): Promise<void> {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  await patchObject(gc, obj, { finalizers });
}

export async function orphanDependents(gc: GarbageCollector, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid ?? '';
  for (const depUid of gc.graph.dependentsOf(uid)) {
    const dep = gc.graph.object(depUid);
    if (!dep) continue;
    await patchObject(gc, dep, { ownerReferences: (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid) });
  }
  await removeFinalizer(gc, owner, FINALIZER_ORPHAN_DEPENDENTS);
}

export async function processDeletingDependents(gc: GarbageCollector, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid ?? '';
  const deps = gc.graph.dependentsOf(uid).map((d) => gc.graph.object(d)).filter((d): d is KubeObject => d !== undefined);
  for (const dep of deps) if (!dep.metadata.deletionTimestamp) gc.queue.add(dep.metadata.uid ?? '');
  const blocking = deps.filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
  if (blocking.length === 0) return removeFinalizer(gc, owner, FINALIZER_DELETE_DEPENDENTS);
  // Dependents' deletions requeue the owner; this is the safety net.
  gc.enqueueUidAfter(uid, 2000);
}
