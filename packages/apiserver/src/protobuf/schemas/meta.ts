// k8s.io.apimachinery.pkg.apis.meta.v1: ObjectMeta and the option and selector types every
// group shares.
import { message, opaque } from '../schema.js';

export const OWNER_REFERENCE = message('OwnerReference', [
  [1, 'kind', 'string', 'required'],
  [3, 'name', 'string', 'required'],
  [4, 'uid', 'string', 'required'],
  [5, 'apiVersion', 'string', 'required'],
  [6, 'controller', 'bool', 'optional'],
  [7, 'blockOwnerDeletion', 'bool', 'optional'],
]);

export const MANAGED_FIELDS_ENTRY = message('ManagedFieldsEntry', [
  [1, 'manager', 'string'],
  [2, 'operation', 'string'],
  [3, 'apiVersion', 'string'],
  [4, 'time', 'time', 'optional'],
  [6, 'fieldsType', 'string'],
  [7, 'fieldsV1', 'fieldsV1', 'optional'],
  [8, 'subresource', 'string'],
]);

export const OBJECT_META = message('ObjectMeta', [
  [1, 'name', 'string'],
  [2, 'generateName', 'string'],
  [3, 'namespace', 'string'],
  [4, 'selfLink', 'string'],
  [5, 'uid', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'generation', 'int64'],
  [8, 'creationTimestamp', 'time'],
  [9, 'deletionTimestamp', 'time', 'optional'],
  [10, 'deletionGracePeriodSeconds', 'int64', 'optional'],
  [11, 'labels', 'string', 'map'],
  [12, 'annotations', 'string', 'map'],
  [13, 'ownerReferences', OWNER_REFERENCE, 'list'],
  [14, 'finalizers', 'string', 'list'],
  [17, 'managedFields', MANAGED_FIELDS_ENTRY, 'list'],
]);

export const LABEL_SELECTOR_REQUIREMENT = message('LabelSelectorRequirement', [
  [1, 'key', 'string', 'required'],
  [2, 'operator', 'string', 'required'],
  [3, 'values', 'string', 'list'],
]);

export const LABEL_SELECTOR = message('LabelSelector', [
  [1, 'matchLabels', 'string', 'map'],
  [2, 'matchExpressions', LABEL_SELECTOR_REQUIREMENT, 'list'],
]);

export const PRECONDITIONS = message('Preconditions', [
  [1, 'uid', 'string', 'optional'],
  [2, 'resourceVersion', 'string', 'optional'],
]);

export const DELETE_OPTIONS = message('DeleteOptions', [
  [1, 'gracePeriodSeconds', 'int64', 'optional'],
  [2, 'preconditions', PRECONDITIONS, 'optional'],
  [3, 'orphanDependents', 'bool', 'optional'],
  // A string on the wire (wire type 2), whatever the Go struct tag says.
  [4, 'propagationPolicy', 'string', 'optional'],
  [5, 'dryRun', 'string', 'list'],
  [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 'optional'],
]);

/** metav1.Condition and the per-kind condition types: status-only, never sent by kubectl. */
export const CONDITION = opaque('Condition');
