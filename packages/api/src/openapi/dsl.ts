// A compact way to write Kubernetes' API schemas as data. One definition per upstream OpenAPI
// component (named exactly as upstream names it, e.g. `io.k8s.api.core.v1.Pod`) lists its fields
// with their types, a one-sentence description and the list/patch markers of k8s.io/api. The
// OpenAPI v3 documents and the apiserver's unknown-field checks are both derived from these.

import type { GroupVersionKind } from '../resources/types.js';

/** Markers of a list field: SMP struct tags and SSA list type. */
export interface ListMarkers {
  /** `x-kubernetes-patch-merge-key` */
  mergeKey?: string;
  /** `x-kubernetes-patch-strategy`, e.g. `merge` or `merge,retainKeys` */
  strategy?: string;
  /** `x-kubernetes-list-type`; absent means atomic. */
  listType?: 'atomic' | 'set' | 'map';
  /** `x-kubernetes-list-map-keys` */
  mapKeys?: readonly string[];
}

export type TypeNode =
  | { t: 'scalar'; type: 'string' | 'integer' | 'number' | 'boolean'; format?: string; enum?: readonly string[] }
  | { t: 'ref'; name: string }
  | { t: 'list'; items: TypeNode; markers?: ListMarkers }
  | { t: 'map'; values: TypeNode }
  /** Arbitrary JSON (`x-kubernetes-preserve-unknown-fields`): nothing inside is "unknown". */
  | { t: 'open' };

export interface Field {
  type: TypeNode;
  doc: string;
  required?: boolean;
  /** `x-kubernetes-patch-strategy` on a non-list field (e.g. `retainKeys` on a volume source union). */
  strategy?: string;
}

export interface Definition {
  /** Upstream component name: `io.k8s.api.core.v1.Container`. */
  name: string;
  doc: string;
  /** Struct fields; absent for scalar aliases (Quantity, Time, IntOrString). */
  fields?: Readonly<Record<string, Field>>;
  /** For scalar aliases: their JSON type. */
  scalar?: { type: 'string' | 'integer' | 'number' | 'boolean' | 'object'; format?: string };
  gvk?: readonly GroupVersionKind[];
  /** `x-kubernetes-map-type: atomic` (`+structType=atomic`). */
  atomic?: boolean;
}

// Type nodes.
export const T = {
  str: { t: 'scalar', type: 'string' } as TypeNode,
  int32: { t: 'scalar', type: 'integer', format: 'int32' } as TypeNode,
  int64: { t: 'scalar', type: 'integer', format: 'int64' } as TypeNode,
  num: { t: 'scalar', type: 'number', format: 'double' } as TypeNode,
  bool: { t: 'scalar', type: 'boolean' } as TypeNode,
  bytes: { t: 'scalar', type: 'string', format: 'byte' } as TypeNode,
  open: { t: 'open' } as TypeNode,
  ref: (name: string): TypeNode => ({ t: 'ref', name }),
  list: (items: TypeNode, markers?: ListMarkers): TypeNode => (markers ? { t: 'list', items, markers } : { t: 'list', items }),
  map: (values: TypeNode): TypeNode => ({ t: 'map', values }),
};

// Upstream name spaces.
export const core = (n: string): string => `io.k8s.api.core.v1.${n}`;
export const meta = (n: string): string => `io.k8s.apimachinery.pkg.apis.meta.v1.${n}`;
export const api = (group: string, version: string, n: string): string => `io.k8s.api.${group}.${version}.${n}`;
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const TIME = meta('Time');
export const MICRO_TIME = meta('MicroTime');

// Field builders: the description comes last so a field reads `name: str('…')`.
export const f = (type: TypeNode, doc: string, extra: Partial<Field> = {}): Field => ({ type, doc, ...extra });
export const str = (doc: string): Field => f(T.str, doc);
export const strEnum = (values: readonly string[], doc: string): Field => f({ t: 'scalar', type: 'string', enum: values }, doc);
export const int32 = (doc: string): Field => f(T.int32, doc);
export const int64 = (doc: string): Field => f(T.int64, doc);
export const num = (doc: string): Field => f(T.num, doc);
export const bool = (doc: string): Field => f(T.bool, doc);
export const bytes = (doc: string): Field => f(T.bytes, doc);
export const time = (doc: string): Field => f(T.ref(TIME), doc);
export const microTime = (doc: string): Field => f(T.ref(MICRO_TIME), doc);
export const quantity = (doc: string): Field => f(T.ref(QUANTITY), doc);
export const intOrString = (doc: string): Field => f(T.ref(INT_OR_STRING), doc);
export const ref = (name: string, doc: string): Field => f(T.ref(name), doc);
export const strList = (doc: string, markers?: ListMarkers): Field => f(T.list(T.str, markers), doc);
export const refList = (name: string, doc: string, markers?: ListMarkers): Field => f(T.list(T.ref(name), markers), doc);
export const int64List = (doc: string, markers?: ListMarkers): Field => f(T.list(T.int64, markers), doc);
export const strMap = (doc: string): Field => f(T.map(T.str), doc);
export const quantityMap = (doc: string): Field => f(T.map(T.ref(QUANTITY)), doc);
export const openList = (doc: string): Field => f(T.list(T.open, atomicList), doc);
export const timeMap = (doc: string): Field => f(T.map(T.ref(TIME)), doc);
export const open = (doc: string): Field => f(T.open, doc);

/** Marks a field `required` in its definition. */
export const req = (field: Field): Field => ({ ...field, required: true });

// List markers for the common upstream pairings.
/** `patchStrategy=merge, patchMergeKey=<key>` and `+listType=map, +listMapKey=<keys>`. */
export const keyed = (mergeKey: string, mapKeys: readonly string[] = [mergeKey], strategy = 'merge'): ListMarkers => ({
  mergeKey,
  strategy,
  listType: 'map',
  mapKeys,
});
/** SSA map-list without SMP merge (replaced whole by strategic merge patch). */
export const mapList = (...mapKeys: string[]): ListMarkers => ({ listType: 'map', mapKeys });
/** SMP merge by key, but an atomic list for SSA (no `+listType` upstream). */
export const smpKeyed = (mergeKey: string): ListMarkers => ({ mergeKey, strategy: 'merge' });
export const atomicList: ListMarkers = { listType: 'atomic' };
export const setList: ListMarkers = { listType: 'set' };
/** `patchStrategy=merge` on a primitive list with `+listType=set`. */
export const mergedSet: ListMarkers = { strategy: 'merge', listType: 'set' };

export function def(name: string, doc: string, fields: Record<string, Field>, extra: Partial<Definition> = {}): Definition {
  return { name, doc, fields, ...extra };
}

/** A top-level kind: apiVersion, kind, metadata come first, as in every upstream kind. */
export function kind(name: string, gvk: GroupVersionKind, doc: string, fields: Record<string, Field>): Definition {
  return def(name, doc, { ...typeMetaFields(), metadata: ref(meta('ObjectMeta'), OBJECT_META_DOC), ...fields }, { gvk: [gvk] });
}

/** The `<Kind>List` of a kind. */
export function listKind(itemName: string, gvk: GroupVersionKind, listName = `${itemName}List`): Definition {
  return def(
    listName,
    `${gvk.kind}List is a list of ${gvk.kind} objects.`,
    {
      ...typeMetaFields(),
      items: req(refList(itemName, `List of ${gvk.kind} objects.`)),
      metadata: ref(meta('ListMeta'), "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"),
    },
    { gvk: [{ ...gvk, kind: `${gvk.kind}List` }] },
  );
}

export const OBJECT_META_DOC =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

export function typeMetaFields(): Record<string, Field> {
  return {
    apiVersion: str(
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
    ),
    kind: str(
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
    ),
  };
}

/** Spec/status docs shared by most kinds. */
export const SPEC_DOC = (kind: string): string =>
  `Spec defines the desired behavior of the ${kind}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status`;
export const STATUS_DOC = (kind: string): string =>
  `Most recently observed status of the ${kind}. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status`;
