// Deletion as Kubernetes does it (registry.Store.Delete + BeforeDelete): preconditions, graceful
// deletion (a deletionTimestamp first, the key removed later), finalizers that hold an object
// until controllers let go, and propagation policies that become the orphan / foregroundDeletion
// finalizers the garbage collector acts on.
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS, invalid as fieldInvalid, notSupported, type FieldError } from '@kubelite/api';
import { badRequest, conflict, invalid } from '../errors.js';
import { rfc3339, type RequestContext } from './context.js';
import type { Registry } from './generic.js';
import { mapped } from './store-errors.js';
import type { KObject } from './strategy.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** metav1.DeleteOptions, from the body or the query string. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  /** Deprecated spelling of propagationPolicy Orphan/Background. */
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  obj: KObject;
  /** False when the object is only marked (graceful deletion, pending finalizers). */
  deleted: boolean;
}

const POLICIES: readonly string[] = ['Orphan', 'Background', 'Foreground'];

export function parseDeleteOptions(raw: unknown): DeleteOptions {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('DeleteOptions must be an object');
  const r = raw as Record<string, unknown>;
  const out: DeleteOptions = {};
  if (r.gracePeriodSeconds !== undefined && r.gracePeriodSeconds !== null) {
    const g = Number(r.gracePeriodSeconds);
    if (!Number.isInteger(g)) throw badRequest(`invalid gracePeriodSeconds: ${String(r.gracePeriodSeconds)}`);
    out.gracePeriodSeconds = g;
  }
  // metav1 ValidateDeleteOptions: a 422 on DeleteOptions.meta.k8s.io listing every problem.
  const errs: FieldError[] = [];
  const policy = r.propagationPolicy ?? undefined;
  if (policy !== undefined && r.orphanDependents !== undefined && r.orphanDependents !== null) {
    errs.push(fieldInvalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (policy !== undefined && (typeof policy !== 'string' || !POLICIES.includes(policy))) {
    errs.push(notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  if (errs.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', errs);
  if (policy !== undefined) out.propagationPolicy = policy as PropagationPolicy;
  if (typeof r.orphanDependents === 'boolean') out.orphanDependents = r.orphanDependents;
  if (r.preconditions && typeof r.preconditions === 'object') {
    const p = r.preconditions as Record<string, unknown>;
    out.preconditions = {
      ...(typeof p.uid === 'string' ? { uid: p.uid } : {}),
      ...(typeof p.resourceVersion === 'string' ? { resourceVersion: p.resourceVersion } : {}),
    };
  }
  return out;
}

function checkPreconditions(reg: Registry, obj: KObject, opts: DeleteOptions): void {
  const p = opts.preconditions;
  const name = obj.metadata.name ?? '';
  if (p?.uid && p.uid !== obj.metadata.uid) {
    throw conflict(reg.gr, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(reg.gr, name, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`);
  }
}

/**
 * The grace period this deletion gets: what the client asked for, else the kind's default (pods:
 * spec.terminationGracePeriodSeconds). Pods no kubelet runs (unscheduled or finished) go at once,
 * as in Kubernetes' pod strategy.
 */
function gracePeriod(reg: Registry, obj: KObject, opts: DeleteOptions): number {
  if (reg.resource.group !== '' || reg.resource.resource !== 'pods') return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = ((obj.status ?? {}) as { phase?: string }).phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const g = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  // A negative or zero request is "now"; Kubernetes turns a zero into 1 s unless forced, so the
  // kubelet still gets to stop the containers — we keep it 0 only when the client insists (0).
  return Math.max(0, g);
}

function policyFinalizer(opts: DeleteOptions): string | undefined {
  const policy = opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : undefined);
  if (policy === 'Orphan') return FINALIZER_ORPHAN_DEPENDENTS;
  if (policy === 'Foreground') return FINALIZER_DELETE_DEPENDENTS;
  return undefined;
}

export async function deleteObject(reg: Registry, ctx: RequestContext, name: string, opts: DeleteOptions): Promise<DeleteResult> {
  const store = reg.deps.store;
  const key = reg.key(ctx.namespace, name);
  const current = await reg.get(ctx, name);
  checkPreconditions(reg, current, opts);
  await reg.deps.admission.run({
    operation: 'DELETE',
    resource: reg.resource,
    subresource: '',
    namespace: reg.resource.namespaced ? ctx.namespace : '',
    name,
    oldObject: current,
    user: ctx.user,
    dryRun: ctx.dryRun,
  });
  const grace = gracePeriod(reg, current, opts);
  const finalizer = policyFinalizer(opts);
  const finalizers = new Set(current.metadata.finalizers ?? []);
  if (finalizer) finalizers.add(finalizer);
  const isNamespace = reg.resource.group === '' && reg.resource.resource === 'namespaces';
  const nsFinalizers = isNamespace ? (((current.spec ?? {}) as { finalizers?: string[] }).finalizers ?? []) : [];
  if (grace === 0 && finalizers.size === 0 && nsFinalizers.length === 0) {
    if (ctx.dryRun) return { obj: current, deleted: true };
    const gone = await mapped(store.delete(key, { uid: current.metadata.uid ?? '' }), reg.gr, name);
    await reg.deps.hooks?.afterDelete?.(gone);
    return { obj: gone, deleted: true };
  }
  // Deletion fields are server-owned, so they are set after the update path has restored them.
  const marked = await reg.update(ctx, name, (obj) => obj, 'main', (next) =>
    markForDeletion(next, ctx.now, grace, [...finalizers], isNamespace),
  );
  return { obj: marked, deleted: false };
}

function markForDeletion(obj: KObject, now: Date, grace: number, finalizers: string[], isNamespace: boolean): void {
  const m = obj.metadata;
  const deadline = rfc3339(new Date(now.getTime() + grace * 1000));
  // A second delete may only shorten the grace period, never extend it.
  if (!m.deletionTimestamp || (m.deletionGracePeriodSeconds ?? 0) > grace) {
    m.deletionTimestamp = m.deletionTimestamp && m.deletionTimestamp < deadline ? m.deletionTimestamp : deadline;
    m.deletionGracePeriodSeconds = grace;
  }
  if (finalizers.length > 0) m.finalizers = finalizers;
  if (isNamespace) obj.status = { ...((obj.status ?? {}) as object), phase: 'Terminating' };
}
