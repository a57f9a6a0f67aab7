// Kubernetes' metav1 object metadata and Status types, spelled with the JSON field names that go
// over the wire and into the store, so objects round-trip unchanged between kubectl, the
// apiserver and etcd.

/** `apiVersion` and `kind`, inlined at the top level of every object. */
export interface TypeMeta {
  apiVersion?: string;
  kind?: string;
}

/** Points from a dependent to the object that owns it (garbage collection, controllers). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** At most one owner of an object may be its controller. */
  controller?: boolean;
  /** Foreground deletion waits for this dependent to go before deleting the owner. */
  blockOwnerDeletion?: boolean;
}

/** One manager's claim on a set of fields, as server-side apply records it. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  /** RFC 3339 with second precision, as metav1.Time serialises. */
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  /** Prefix for a server-generated name, used only when `name` is empty. */
  generateName?: string;
  namespace?: string;
  selfLink?: string;
  uid?: string;
  /** Opaque to clients; here it is the etcd mod_revision, as a decimal string. */
  resourceVersion?: string;
  generation?: number;
  /** RFC 3339, second precision (metav1.Time). */
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  /** Opaque token for the next chunk of a paginated list. */
  continue?: string;
  /** Only an estimate; absent when the server cannot tell cheaply. */
  remainingItemCount?: number;
}

/** A Kubernetes object: TypeMeta inlined, ObjectMeta under `metadata`. */
export interface KubeObject extends TypeMeta {
  metadata: ObjectMeta;
}

export interface KubeList<T> extends TypeMeta {
  metadata: ListMeta;
  items: T[];
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values?: string[];
}

/** metav1.LabelSelector as it appears in specs (Deployment.spec.selector, …). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** The `reason` values the API uses in Status objects, each with a fixed HTTP code. */
export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StoreReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** One reason an operation failed; for validation errors, one bad field. */
export interface StatusCause {
  /** A field.Error type such as `FieldValueInvalid`, or another machine-readable cause. */
  reason?: string;
  /** Human-readable, without the field name: `Invalid value: "Foo": …`. */
  message?: string;
  /** Dotted path with indexes and keys: `metadata.labels`, `spec.containers[0].name`. */
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** The body of every API error (and of a few successes, such as some deletes). */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: ListMeta;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}
