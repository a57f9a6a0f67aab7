// kubelite's resource table: every resource type the apiserver serves, with the names, scope,
// verbs, categories, subresources and etcd key prefix Kubernetes 1.32 uses for it, plus the
// lookups the apiserver (routing, storage keys), discovery and the CLI (kubectl-like name
// resolution) need. Pure data and functions: no I/O.

import { APPS_V1_RESOURCES } from './resources/apps.js';
import { CORE_V1_RESOURCES } from './resources/core.js';
import {
  AUTOSCALING_V2_RESOURCES,
  BATCH_V1_RESOURCES,
  COORDINATION_V1_RESOURCES,
  DISCOVERY_V1_RESOURCES,
  EVENTS_V1_RESOURCES,
  POLICY_V1_RESOURCES,
  RBAC_V1_RESOURCES,
} from './resources/groups.js';
import {
  compareBytewise,
  type GroupVersionKind,
  type ResourceInfo,
  type SubresourceInfo,
} from './resources/types.js';

export * from './resources/types.js';

/**
 * Served groups, most preferred first: the order kube-apiserver lists them in `/apis` (its
 * group priorities), with the core group first. When a name matches several groups (`events`
 * is both core and events.k8s.io) kubectl takes the earliest, so this order also decides name
 * resolution.
 */
export const GROUP_ORDER: readonly string[] = [
  '',
  'apps',
  'events.k8s.io',
  'autoscaling',
  'batch',
  'policy',
  'rbac.authorization.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
];

/** Every served resource, grouped in GROUP_ORDER. */
export const RESOURCES: readonly ResourceInfo[] = [
  ...CORE_V1_RESOURCES,
  ...APPS_V1_RESOURCES,
  ...EVENTS_V1_RESOURCES,
  ...AUTOSCALING_V2_RESOURCES,
  ...BATCH_V1_RESOURCES,
  ...POLICY_V1_RESOURCES,
  ...RBAC_V1_RESOURCES,
  ...COORDINATION_V1_RESOURCES,
  ...DISCOVERY_V1_RESOURCES,
];

/** `v1` for the core group, `<group>/<version>` otherwise: an object's `apiVersion`. */
export function groupVersionString(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The `apiVersion` of objects of this resource. */
export function apiVersionOf(r: { group: string; version: string }): string {
  return groupVersionString(r.group, r.version);
}

/** Splits an `apiVersion` (`v1`, `apps/v1`) into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Kubernetes' version preference (apimachinery's CompareKubeAwareVersionStrings): GA before
 * beta before alpha, higher numbers first; anything not shaped like `v1beta2` comes last, in
 * byte order. Negative when `a` is preferred to `b`.
 */
export function compareKubeVersions(a: string, b: string): number {
  const ma = KUBE_VERSION.exec(a);
  const mb = KUBE_VERSION.exec(b);
  if (!ma || !mb) return ma ? -1 : mb ? 1 : compareBytewise(a, b);
  const stability = (m: RegExpExecArray): number => (m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0);
  return (
    stability(mb) - stability(ma) ||
    Number(mb[1]) - Number(ma[1]) ||
    Number(mb[3] ?? 0) - Number(ma[3] ?? 0)
  );
}

/** Position of a group in GROUP_ORDER; unknown groups sort after known ones. */
export function groupRank(group: string): number {
  const i = GROUP_ORDER.indexOf(group);
  return i < 0 ? GROUP_ORDER.length : i;
}

function compareByPreference(a: ResourceInfo, b: ResourceInfo): number {
  return (
    groupRank(a.group) - groupRank(b.group) ||
    compareBytewise(a.group, b.group) ||
    compareKubeVersions(a.version, b.version)
  );
}

export interface ServedGroup {
  /** `''` for the core group. */
  name: string;
  /** Served versions, preferred first. */
  versions: readonly string[];
}

/** The groups present in `table`, in discovery order, each with its versions preferred-first. */
export function servedGroups(table: readonly ResourceInfo[] = RESOURCES): ServedGroup[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of table) {
    let versions = byGroup.get(r.group);
    if (!versions) byGroup.set(r.group, (versions = new Set()));
    versions.add(r.version);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => groupRank(a) - groupRank(b) || compareBytewise(a, b))
    .map(([name, versions]) => ({ name, versions: [...versions].sort(compareKubeVersions) }));
}

// Indexes over the default table, built once at load time.
const byGVR = new Map<string, ResourceInfo>();
for (const r of RESOURCES) byGVR.set(`${r.group}/${r.version}/${r.resource}`, r);

/** The resource served at `/api(s)/<group>/<version>/…/<resource>`, if any. */
export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byGVR.get(`${group}/${version}/${resource}`);
}

/** The resource whose objects have exactly this group, version and kind. */
export function findResourceForKind(gvk: GroupVersionKind): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === gvk.group && r.version === gvk.version && r.kind === gvk.kind);
}

/**
 * Every resource whose kind is `kind` (optionally only in `group`), most preferred first.
 * `Event` gives core/v1 events before events.k8s.io/v1 events.
 */
export function resourcesForKind(kind: string, group?: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.kind === kind && (group === undefined || r.group === group)).sort(
    compareByPreference,
  );
}

/** Resources in a discovery category (`all` is what `kubectl get all` expands). */
export function resourcesInCategory(category: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.categories.includes(category));
}

function nameMatches(r: ResourceInfo, name: string): boolean {
  return r.resource === name || r.singularName === name || r.shortNames.includes(name);
}

/**
 * Resolves a resource argument the way kubectl does: plural, singular or short name, case
 * insensitive, optionally qualified as `<name>.<group>` or `<name>.<version>.<group>`
 * (`deployments.apps`, `deploy.v1.apps`). An unqualified name matches in every group and the
 * most preferred group wins, so `ev` is core/v1 events.
 */
export function resolveResource(arg: string): ResourceInfo | undefined {
  const lower = arg.trim().toLowerCase();
  if (lower === '') return undefined;
  const parts = lower.split('.');
  const name = parts[0] ?? '';
  const matches = (r: ResourceInfo, group?: string, version?: string): boolean =>
    nameMatches(r, name) && (group === undefined || r.group === group) && (version === undefined || r.version === version);
  const sorted = [...RESOURCES].sort(compareByPreference);
  if (parts.length === 1) return sorted.find((r) => matches(r));
  // `a.b.c` may be resource.version.group; try that first, as kubectl's ParseResourceArg does.
  if (parts.length >= 3) {
    const hit = sorted.find((r) => matches(r, parts.slice(2).join('.'), parts[1]));
    if (hit) return hit;
  }
  return sorted.find((r) => matches(r, parts.slice(1).join('.')));
}

/** A resource's subresource by name (`status`, `scale`, `log`, …). */
export function findSubresource(r: ResourceInfo, name: string): SubresourceInfo | undefined {
  return r.subresources.find((s) => s.name === name);
}

/** The group/version/kind a subresource takes and returns, filled in from its parent. */
export function subresourceKind(r: ResourceInfo, sub: SubresourceInfo): GroupVersionKind {
  return { group: sub.group ?? r.group, version: sub.version ?? r.version, kind: sub.kind };
}

function checkSegment(what: string, value: string): void {
  // An empty or slash-bearing segment would address a different key (or a whole prefix).
  if (value === '' || value.includes('/')) {
    throw new Error(`invalid ${what} ${JSON.stringify(value)} for a storage key`);
  }
}

/**
 * The etcd key of one object, as kube-apiserver lays it out: `<prefix>/<namespace>/<name>` for
 * namespaced resources, `<prefix>/<name>` for cluster-scoped ones. Throws when the namespace
 * does not fit the resource's scope, so a caller bug cannot write to a wrong key.
 */
export function storageKey(r: ResourceInfo, namespace: string | undefined, name: string): string {
  checkSegment('name', name);
  if (r.namespaced) {
    if (namespace === undefined) throw new Error(`${r.resource} is namespaced: a namespace is required`);
    checkSegment('namespace', namespace);
    return `${r.storagePrefix}/${namespace}/${name}`;
  }
  if (namespace !== undefined && namespace !== '') {
    throw new Error(`${r.resource} is cluster-scoped: no namespace allowed (got ${JSON.stringify(namespace)})`);
  }
  return `${r.storagePrefix}/${name}`;
}

/**
 * The range prefix for listing or watching a resource, in one namespace or across all. Always
 * ends with `/`, so `/registry/pods/` cannot also match `/registry/podtemplates/…` and one
 * namespace's prefix cannot match another namespace that merely starts with the same letters.
 */
export function storageListPrefix(r: ResourceInfo, namespace?: string): string {
  if (namespace === undefined || namespace === '') return `${r.storagePrefix}/`;
  if (!r.namespaced) throw new Error(`${r.resource} is cluster-scoped: no namespace allowed`);
  checkSegment('namespace', namespace);
  return `${r.storagePrefix}/${namespace}/`;
}

export interface ParsedStorageKey {
  resource: ResourceInfo;
  namespace?: string;
  name: string;
}

// Longest prefix first, so `/registry/services/endpoints/…` is never taken for a service;
// among equal prefixes (core and events.k8s.io events) the table order keeps core first.
const byPrefixLength = [...RESOURCES].sort((a, b) => b.storagePrefix.length - a.storagePrefix.length);

/** The reverse of storageKey; undefined for keys that are not one of our objects. */
export function parseStorageKey(key: string): ParsedStorageKey | undefined {
  for (const r of byPrefixLength) {
    if (!key.startsWith(`${r.storagePrefix}/`)) continue;
    const rest = key.slice(r.storagePrefix.length + 1).split('/');
    if (r.namespaced && rest.length === 2 && rest[0] && rest[1]) {
      return { resource: r, namespace: rest[0], name: rest[1] };
    }
    if (!r.namespaced && rest.length === 1 && rest[0]) return { resource: r, name: rest[0] };
    return undefined;
  }
  return undefined;
}
