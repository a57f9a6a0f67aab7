// How a Kubernetes protobuf message is described to the decoder: for each field its number, its
// JSON key, its type and how its presence maps to JSON. The field numbers come from the
// generated.proto tables in reference/k8s-protobuf.md (k8s.io/api v0.32.5); the presence rules
// come from the Go field types and json tags, because the .proto says `optional` everywhere.

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'bytes';

/** Types whose JSON form is not their message form (apimachinery's hand-written *_proto.go). */
export type SpecialType =
  /** metav1.Time {seconds, nanos}: RFC 3339 seconds, null when the message is empty. */
  | 'time'
  /** resource.Quantity {string}: the quantity text. */
  | 'quantity'
  /** intstr.IntOrString {type, intVal, strVal}: a bare number or string, chosen by type. */
  | 'intOrString'
  /** metav1.FieldsV1 {Raw}: the JSON document its bytes hold. */
  | 'fieldsV1';

export type FieldType = ScalarType | SpecialType | MessageSchema;

/**
 * How a field's presence on the wire maps to its JSON form:
 * - `value`: a Go value field tagged omitempty: a scalar appears only when non-zero; a struct
 *   always appears (encoding/json never omits a struct), decoded from nothing when absent.
 * - `required`: a Go value field without omitempty: appears even when zero.
 * - `optional`: a Go pointer: appears exactly when it is on the wire, zero included.
 * - `nullable`: a Go pointer without omitempty: `null` when absent.
 * - `list`: repeated, omitted when empty; `nullList`: repeated without omitempty, `null` when empty.
 * - `map`: map<string, type> as repeated {1: key, 2: value} entries, omitted when empty.
 * - `inline`: an embedded Go struct (`json:",inline"`): nested in protobuf, its fields are merged
 *   into the parent's JSON object.
 */
export type Presence = 'value' | 'required' | 'optional' | 'nullable' | 'list' | 'nullList' | 'map' | 'inline';

export interface FieldSpec {
  no: number;
  /** The JSON key (which is not always the proto name: BoundObjectReference.uID is `uid`). */
  name: string;
  type: FieldType;
  presence: Presence;
}

export interface MessageSchema {
  /** The proto message name, for error messages. */
  name: string;
  fields: readonly FieldSpec[];
  byNumber: ReadonlyMap<number, FieldSpec>;
  /** A message outside this server's schema: it decodes only when empty. */
  opaque: boolean;
}

export type FieldRow = readonly [no: number, name: string, type: FieldType, presence?: Presence];

export const isMessage = (t: FieldType): t is MessageSchema => typeof t === 'object';

export const isScalar = (t: FieldType): t is ScalarType =>
  t === 'string' || t === 'bool' || t === 'int32' || t === 'int64' || t === 'bytes';

/** Defines a message from rows of [number, JSON key, type, presence = 'value']. */
export function message(name: string, rows: readonly FieldRow[]): MessageSchema {
  const fields = rows.map(([no, field, type, presence]): FieldSpec => ({ no, name: field, type, presence: presence ?? 'value' }));
  const byNumber = new Map<number, FieldSpec>();
  for (const f of fields) {
    // A schema bug, caught when the module loads rather than when a body happens to use it.
    if (byNumber.has(f.no)) throw new Error(`protobuf schema ${name}: field number ${f.no} defined twice`);
    if (f.presence === 'inline' && !isMessage(f.type)) throw new Error(`protobuf schema ${name}.${f.name}: only messages can be inlined`);
    byNumber.set(f.no, f);
  }
  return { name, fields, byNumber, opaque: false };
}

/**
 * A message type the reference gives no field table for (affinity terms, seccomp profiles,
 * conditions, …). kubectl's generators never send one; a non-empty one is refused rather than
 * silently dropped.
 */
export function opaque(name: string): MessageSchema {
  return { name, fields: [], byNumber: new Map(), opaque: true };
}
