// Server-side apply: merge an applied configuration into the live object, give the applier
// ownership of every field it applied, refuse (409) to change fields other managers own unless
// forced, and remove fields the applier owned before but no longer applies. Follows
// structured-merge-diff's Updater.Apply plus apimachinery's managedfields chain (version check,
// before-first-apply, client-side-apply upgrade for the `kubectl` manager).
import { ApiError, badRequest, failure } from '../errors.js';
import { comparePE, pathString, type FieldPath } from './field-path.js';
import type { FieldSet } from './field-set.js';
import { appliedFieldSet } from './field-walk.js';
import { deepClone, deepEqual, isObject, sortedJson, type JsonObject } from './json.js';
import { decodeManagers, ownable, ownableChanges, storeManagers, withoutManagedFields } from './managed-fields.js';
import { formatTime, managerId, printManager, type Manager } from './manager.js';
import type { GroupVersionKind, Schema } from './schema.js';
import { schemaFor } from './schema-table.js';
import { removePath, ssaMerge, stripNulls } from './ssa-merge.js';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  /** The endpoint's group/version, recorded on managedFields entries. */
  apiVersion: string;
  subresource?: string;
  now: Date;
  gvk: GroupVersionKind;
}

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

interface Conflict {
  manager: Manager;
  path: FieldPath;
}

interface Context {
  live: JsonObject | undefined;
  liveBody: JsonObject;
  config: JsonObject;
  configSet: FieldSet;
  schema: Schema;
  opts: ApplyOptions;
}

/** Applies `applied` (the decoded apply-patch body) to `live` (undefined: create). */
export function serverSideApply(live: Record<string, unknown> | undefined, applied: Record<string, unknown>, opts: ApplyOptions): Record<string, unknown> {
  checkObjectType(applied, opts.gvk);
  if (isObject(applied.metadata) && applied.metadata.managedFields != null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  const schema = schemaFor(opts.gvk);
  const config = stripNulls(applied) as JsonObject;
  const ctx: Context = {
    live,
    liveBody: withoutManagedFields(live),
    config,
    configSet: ownable(appliedFieldSet(config, schema), opts.subresource),
    schema,
    opts,
  };
  let result = attempt(ctx, opts.force);
  if (Array.isArray(result) && opts.manager === 'kubectl') result = upgradeFromClientSideApply(ctx, result);
  if (Array.isArray(result)) throw conflictError(result);
  if (opts.manager === 'kubectl') syncLastApplied(result, applied);
  return result;
}

// The applied object must be of the endpoint's kind (apimachinery's versionCheckManager).
function checkObjectType(applied: JsonObject, gvk: GroupVersionKind): void {
  const apiVersion = typeof applied.apiVersion === 'string' ? applied.apiVersion : '';
  const kind = typeof applied.kind === 'string' ? applied.kind : '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (group !== gvk.group || version !== gvk.version || kind !== gvk.kind) {
    throw badRequest(`invalid object type: ${group}/${version}, Kind=${kind}`);
  }
}

// An object nobody manages yet (written before field tracking) is treated as wholly owned by
// "before-first-apply", so a first apply still conflicts with values it did not set.
function currentManagers(ctx: Context): Manager[] {
  const managers = decodeManagers(ctx.live);
  if (ctx.live === undefined || managers.length > 0) return managers;
  const c = ownableChanges({}, ctx.liveBody, ctx.schema, ctx.opts.subresource);
  const set = c.added.union(c.modified);
  const m: Manager = { manager: 'before-first-apply', operation: 'Update', apiVersion: ctx.opts.apiVersion, time: formatTime(ctx.opts.now), set };
  return set.isEmpty() ? [] : [m];
}

/** The applied object, or the conflicts that stop it. */
function attempt(ctx: Context, force: boolean): JsonObject | Conflict[] {
  const { opts, schema } = ctx;
  const managers = currentManagers(ctx);
  const id = managerId({ manager: opts.manager, operation: 'Apply', apiVersion: '', subresource: opts.subresource });
  const previous = managers.find((m) => managerId(m) === id);
  const others = managers.filter((m) => m !== previous);
  const merged = ssaMerge(ctx.liveBody, ctx.config, schema) as JsonObject;
  const changes = ownableChanges(ctx.liveBody, merged, schema, opts.subresource);
  const touched = changes.added.union(changes.modified);
  const conflicts = others.flatMap((m) => m.set.intersection(touched).paths().map((path) => ({ manager: m, path })));
  if (conflicts.length > 0 && !force) return conflicts;
  for (const m of others) m.set = m.set.difference(touched);
  // A deep copy: the merge shares subtrees with `live`, which the caller still owns.
  const final = deepClone(previous ? prune(merged, previous.set.difference(ctx.configSet), ctx, others) : merged);
  const removed = ownableChanges(ctx.liveBody, final, schema, opts.subresource).removed;
  for (const m of others) m.set = m.set.difference(removed);
  const unchanged = previous !== undefined && previous.set.equals(ctx.configSet) && deepEqual(final, ctx.liveBody);
  const self: Manager = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: opts.apiVersion,
    set: ctx.configSet,
    ...(unchanged && previous.time !== undefined ? { time: previous.time } : { time: formatTime(opts.now) }),
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  };
  storeManagers(final, [...others, self]);
  return final;
}

// Removes what the applier dropped from its configuration, unless someone still owns it.
function prune(merged: JsonObject, dropped: FieldSet, ctx: Context, others: readonly Manager[]): JsonObject {
  let out: unknown = merged;
  for (const path of dropped.paths()) {
    if (ctx.configSet.hasAtOrBelow(path)) continue;
    if (others.some((m) => m.set.hasAtOrBelow(path))) continue;
    out = removePath(out, path, ctx.schema);
  }
  return isObject(out) ? out : {};
}

/**
 * kubectl's switch from client-side to server-side apply: conflicts on fields the object's
 * last-applied-configuration annotation lists are the user's own, so they are forced through.
 */
function upgradeFromClientSideApply(ctx: Context, conflicts: Conflict[]): JsonObject | Conflict[] {
  const meta = ctx.liveBody.metadata;
  const annotations = isObject(meta) && isObject(meta.annotations) ? meta.annotations : {};
  const lastApplied = annotations[LAST_APPLIED_ANNOTATION];
  if (typeof lastApplied !== 'string') return conflicts;
  let allowed: FieldSet;
  try {
    allowed = ownable(appliedFieldSet(stripNulls(JSON.parse(lastApplied)), ctx.schema), ctx.opts.subresource);
  } catch {
    return conflicts;
  }
  const remaining = conflicts.filter((c) => !allowed.has(c.path));
  return remaining.length > 0 ? remaining : attempt(ctx, true);
}

// While an object still carries kubectl's client-side annotation, `kubectl` applies keep it in
// step, so a later client-side apply computes its diff from what was really applied last.
function syncLastApplied(obj: JsonObject, applied: JsonObject): void {
  const meta = obj.metadata;
  if (!isObject(meta) || !isObject(meta.annotations) || !(LAST_APPLIED_ANNOTATION in meta.annotations)) return;
  const copy: JsonObject = { ...applied };
  if (isObject(applied.metadata) && isObject(applied.metadata.annotations)) {
    const { [LAST_APPLIED_ANNOTATION]: _own, ...rest } = applied.metadata.annotations;
    copy.metadata = { ...applied.metadata, annotations: rest };
  }
  meta.annotations = { ...meta.annotations, [LAST_APPLIED_ANNOTATION]: sortedJson(copy) };
}

function conflictError(conflicts: readonly Conflict[]): ApiError {
  const sorted = [...conflicts].sort((a, b) => {
    const ia = managerId(a.manager);
    const ib = managerId(b.manager);
    if (ia !== ib) return ia < ib ? -1 : 1;
    for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
      const c = comparePE(a.path[i] ?? '', b.path[i] ?? '');
      if (c !== 0) return c;
    }
    return a.path.length - b.path.length;
  });
  const causes = sorted.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  return new ApiError(failure(409, 'Conflict', conflictMessage(sorted), { causes }));
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${pathString(only.path)}`;
  }
  const lines: string[] = [];
  let current = '';
  for (const c of conflicts) {
    const id = managerId(c.manager);
    if (id !== current) lines.push(`conflicts with ${printManager(c.manager)}:`);
    current = id;
    lines.push(`- ${pathString(c.path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
