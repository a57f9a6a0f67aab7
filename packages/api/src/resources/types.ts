// The shape of one entry in kubelite's resource table, and small helpers the per-group tables
// use to spell entries the way Kubernetes 1.32's discovery documents do. Kept separate from the
// tables so each group file stays a short, reviewable list of facts.

/** The verbs discovery may advertise, in the alphabetical order Kubernetes prints them. */
export type Verb =
  | 'create'
  | 'delete'
  | 'deletecollection'
  | 'get'
  | 'list'
  | 'patch'
  | 'update'
  | 'watch';

export interface GroupVersionKind {
  /** `''` for the core ("legacy") group served under `/api`. */
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** A subresource such as `pods/status`; it shares its parent's scope and storage. */
export interface SubresourceInfo {
  /** The path segment after the object name: `status`, `scale`, `log`, … */
  name: string;
  /** Kind of the body it takes or returns (`Scale`, `Eviction`, `PodExecOptions`, …). */
  kind: string;
  /**
   * Set only when `kind` lives in another group-version than the parent resource (scale →
   * autoscaling/v1, eviction → policy/v1); discovery then names that group-version explicitly,
   * and clients such as the scale client and `kubectl drain` depend on it.
   */
  group?: string;
  version?: string;
  verbs: readonly Verb[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** `kind + 'List'`: what a collection GET returns. */
  listKind: string;
  /** The plural, lower-case resource name used in URLs (`pods`). */
  resource: string;
  /** What `kubectl get pod` resolves; discovery's `singularName` / `singularResource`. */
  singularName: string;
  shortNames: readonly string[];
  namespaced: boolean;
  verbs: readonly Verb[];
  /** `all` makes `kubectl get all` list this resource. */
  categories: readonly string[];
  subresources: readonly SubresourceInfo[];
  /**
   * Key prefix in etcd, without trailing slash, exactly as kube-apiserver uses it, so that
   * `etcdctl get /registry --prefix --keys-only` looks the same as on a real cluster.
   */
  storagePrefix: string;
  /**
   * Kubernetes' discovery `storageVersionHash`: base64 of the first 8 bytes of
   * sha256("<group>/<version>/<kind>") of the storage version. Constant per resource; clients
   * (the storage-version migrator) only compare it for equality.
   */
  storageVersionHash: string;
}

/** Every verb a normal persisted collection supports. */
export const ALL_VERBS: readonly Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** Verbs of a `status` (and `scale`) subresource: read and replace/patch one object. */
export const SUB_RW_VERBS: readonly Verb[] = ['get', 'patch', 'update'];

/** `<resource>/status`: same kind as the parent, get/patch/update. */
export function statusSubresource(kind: string): SubresourceInfo {
  return { name: 'status', kind, verbs: SUB_RW_VERBS };
}

/** `<resource>/scale`: always `autoscaling/v1 Scale`, whatever the parent's group. */
export const SCALE_SUBRESOURCE: SubresourceInfo = {
  name: 'scale',
  group: 'autoscaling',
  version: 'v1',
  kind: 'Scale',
  verbs: SUB_RW_VERBS,
};

/** Fields a table entry spells out; the rest have Kubernetes' usual defaults. */
export interface ResourceSpec {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  storageVersionHash: string;
  /** Defaults to the lower-cased kind, which is what Kubernetes derives it from. */
  singularName?: string;
  shortNames?: readonly string[];
  verbs?: readonly Verb[];
  categories?: readonly string[];
  subresources?: readonly SubresourceInfo[];
  /** Defaults to `/registry/<resource>`; only a few core resources differ. */
  storagePrefix?: string;
}

export function defineResource(spec: ResourceSpec): ResourceInfo {
  return {
    group: spec.group,
    version: spec.version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    resource: spec.resource,
    singularName: spec.singularName ?? spec.kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    namespaced: spec.namespaced,
    verbs: spec.verbs ?? ALL_VERBS,
    categories: spec.categories ?? [],
    // Sorted by name so discovery output is stable and matches the upstream ordering.
    subresources: [...(spec.subresources ?? [])].sort((a, b) => compareBytewise(a.name, b.name)),
    storagePrefix: spec.storagePrefix ?? `/registry/${spec.resource}`,
    storageVersionHash: spec.storageVersionHash,
  };
}

/** Byte-wise string order (what Go's sort.Strings does), independent of locale. */
export function compareBytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
