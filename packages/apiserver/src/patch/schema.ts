// The little of each kind's schema that patching needs. Kubernetes reads it from Go struct tags
// (`patchStrategy`, `patchMergeKey` for strategic merge patch) and from the OpenAPI list/map markers
// (`+listType`, `+listMapKey`, `+structType`, `+mapType` for server-side apply). We keep one tree that
// carries both, and only for the paths that differ from the defaults: maps merge key by key, lists
// are replaced whole (SMP) or atomic (SSA).

export interface Schema {
  /** Known fields of a struct; a field not listed gets no metadata. */
  readonly fields?: Readonly<Record<string, Schema>>;
  /** The element of a list, or the value of a map whose keys are data (not field names). */
  readonly elem?: Schema;
  /** SMP `patchStrategy` tag values: `merge`, `retainKeys`, `replace`. */
  readonly patchStrategy?: readonly string[];
  /** SMP `patchMergeKey` tag. */
  readonly mergeKey?: string;
  /** SSA list type; absent means atomic. */
  readonly listType?: 'atomic' | 'set' | 'map';
  /** SSA `+listMapKey`s, in declaration order. */
  readonly listMapKeys?: readonly string[];
  /** Defaults SSA assumes for key fields the element omits (container ports: protocol TCP). */
  readonly keyDefaults?: Readonly<Record<string, unknown>>;
  /** SSA `+structType=atomic` / `+mapType=atomic`: owned and replaced as a whole. */
  readonly atomic?: boolean;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** The schema of a named field (struct field or map value). */
export function childSchema(s: Schema | undefined, key: string): Schema | undefined {
  if (s === undefined) return undefined;
  return s.fields?.[key] ?? s.elem;
}

/** The strategy SMP uses for a field: `merge`, `replace` or '' (the default for its JSON type). */
export function smpStrategy(s: Schema | undefined): string {
  const tags = s?.patchStrategy ?? [];
  if (tags.includes('merge')) return 'merge';
  if (tags.includes('replace')) return 'replace';
  return '';
}

// Builders that keep the table in schema-table.ts short.

/** A list merged by key in SMP and a map-list in SSA (the common pairing in k8s.io/api). */
export const keyedList = (mergeKey: string, elem?: Schema, extra: Partial<Schema> = {}): Schema => ({
  patchStrategy: ['merge'],
  mergeKey,
  listType: 'map',
  listMapKeys: [mergeKey],
  ...(elem ? { elem } : {}),
  ...extra,
});

/** A primitive list merged as a set in SMP (`patchStrategy:"merge"`) and an SSA set. */
export const mergedSet = (): Schema => ({ patchStrategy: ['merge'], listType: 'set' });

/** A list SMP merges by key but SSA treats as atomic (no `+listType=map` upstream). */
export const smpOnlyKeyedList = (mergeKey: string): Schema => ({ patchStrategy: ['merge'], mergeKey });

export const struct = (fields: Record<string, Schema>, extra: Partial<Schema> = {}): Schema => ({ fields, ...extra });

export const atomic: Schema = { atomic: true };
