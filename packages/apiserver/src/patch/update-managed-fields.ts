// Field ownership for create, update and non-apply patches: the writer gets an `Update` entry
// owning what it added or changed, those fields leave other managers (an update silently takes
// them over), and removed fields leave everyone.
import { decodeManagers, ownableChanges, storeManagers, withoutManagedFields } from './managed-fields.js';
import { formatTime, managerId, type Manager } from './manager.js';
import { isObject } from './json.js';
import type { GroupVersionKind } from './schema.js';
import { schemaFor } from './schema-table.js';

export interface UpdateOptions {
  manager: string;
  /** The endpoint's group/version, e.g. `apps/v1`. */
  apiVersion: string;
  subresource?: string;
  now: Date;
  /** Picks the list metadata; derived from `apiVersion` and the object's kind when absent. */
  gvk?: GroupVersionKind;
}

function kindOf(...objs: (Record<string, unknown> | undefined)[]): string {
  for (const o of objs) if (o && typeof o.kind === 'string') return o.kind;
  return '';
}

/**
 * Updates `next.metadata.managedFields` in place for a write by `opts.manager`. Managed fields the
 * request itself carries replace the stored ones (that is how clients reset them); an existing
 * object that has no managed fields stays untracked, as Kubernetes leaves it until the first apply.
 */
export function updateManagedFields(
  live: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
  opts: UpdateOptions,
): void {
  const slash = opts.apiVersion.indexOf('/');
  const group = opts.gvk?.group ?? (slash < 0 ? '' : opts.apiVersion.slice(0, slash));
  const schema = schemaFor({ group, kind: opts.gvk?.kind ?? kindOf(next, live) });
  const requested = isObject(next.metadata) ? next.metadata.managedFields : undefined;
  const fromRequest = Array.isArray(requested) && requested.length > 0;
  const managers = decodeManagers(fromRequest ? next : live);
  if (live !== undefined && managers.length === 0) {
    storeManagers(next, []);
    return;
  }
  const c = ownableChanges(withoutManagedFields(live), withoutManagedFields(next), schema, opts.subresource);
  const changed = c.added.union(c.modified);
  const id = managerId({ manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion, subresource: opts.subresource });
  for (const m of managers) m.set = m.set.difference(managerId(m) === id ? c.removed : changed.union(c.removed));
  const own = changed.difference(c.removed);
  if (!own.isEmpty()) {
    let self = managers.find((m) => managerId(m) === id);
    if (self === undefined) {
      self = { manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion, set: own };
      if (opts.subresource) self.subresource = opts.subresource;
      managers.push(self);
    }
    const entry: Manager = self;
    entry.set = entry.set.union(own);
    entry.time = formatTime(opts.now);
  }
  storeManagers(next, managers);
}
