// PATCH and server-side apply, as pure functions over decoded objects (no I/O): the generic
// registry reads and writes the store around them.
export { applyPatch, parsePatch, patchTypeOf, PATCH_CONTENT_TYPES, type PatchType } from './patch.js';
export { serverSideApply, LAST_APPLIED_ANNOTATION, type ApplyOptions } from './apply.js';
export { updateManagedFields, type UpdateOptions } from './update-managed-fields.js';
export { decodeManagers, encodeManagers, type ManagedFieldsEntry } from './managed-fields.js';
export type { Manager } from './manager.js';
export { schemaFor } from './schema-table.js';
export type { GroupVersionKind, Schema } from './schema.js';
export { managerOrUserAgent, patchOptionsError, FIELD_MANAGER_MAX_LENGTH } from './patch-options.js';
