// What the generic registry asks of one resource type (after k8s.io/apiserver's RESTCreateStrategy,
// RESTUpdateStrategy and TableConvertor). Everything common to all kinds (uid, timestamps, names,
// generation, status/spec split, metadata validation, optimistic concurrency) lives in the generic
// registry; a strategy holds only what differs between kinds.
import type { FieldError, KubeObject, NameValidator } from '@kubelite/api';

/** A Kubernetes object as the registry handles it: typed metadata, everything else open. */
export type KObject = KubeObject & Record<string, unknown>;

/** metav1.TableColumnDefinition. `priority` 0 columns show by default, 1 only with `-o wide`. */
export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export interface TablePrinter {
  /** Column order as `kubectl get` prints it; the first column is always Name. */
  columns: readonly TableColumnDefinition[];
  /** One row's cells, in column order. `now` renders ages (`5m`, `2d3h`) as kubectl does. */
  cells(obj: KObject, now: Date): unknown[];
}

export interface Strategy {
  /** Kubernetes' defaulting (SetDefaults_*): runs on every create, update and patch result, before validation. */
  defaults?(obj: KObject): void;
  /** Create only: reset or initialise what a client may not set (e.g. pod status → phase Pending). */
  prepareForCreate?(obj: KObject): void;
  /** Update through the main endpoint, after the registry has restored `status` from `old`. */
  prepareForUpdate?(obj: KObject, old: KObject): void;
  /** Kind-specific validation of a whole object (metadata is validated by the registry). */
  validate?(obj: KObject): FieldError[];
  /** Extra checks on update, typically immutable fields (`spec.selector`, `spec.clusterIP`, …). */
  validateUpdate?(obj: KObject, old: KObject): FieldError[];
  /** Checks on an update through `/status` (the registry has already copied everything but status from old). */
  validateStatusUpdate?(obj: KObject, old: KObject): FieldError[];
  /** Name rule; default DNS-1123 subdomain. Namespaces (and a few kinds) use DNS-1123 labels. */
  nameValidator?: NameValidator;
  /**
   * Field-selector values besides `metadata.name` and `metadata.namespace` (which the registry
   * always provides), e.g. pods: `spec.nodeName`, `status.phase`. A selector on any other field is
   * rejected with 400 as Kubernetes does ("field label not supported: …").
   */
  selectableFields?(obj: KObject): Record<string, string>;
  /** Columns for `kubectl get`; absent → Kubernetes' default Name / Created At table. */
  table?: TablePrinter;
  /**
   * Whether `metadata.generation` is bumped when anything outside metadata and status changes.
   * Default true. (Kubernetes bumps it for kinds with a spec; kinds without one such as ConfigMap
   * set false.)
   */
  tracksGeneration?: boolean;
}

/** Kubernetes' default table (rest.DefaultTableConvertor): Name, and Created At as a date. */
export const DEFAULT_TABLE_COLUMNS: readonly TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', priority: 0 },
  { name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata', priority: 0 },
];
