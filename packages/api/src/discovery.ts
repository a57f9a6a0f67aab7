// Discovery documents built from the resource table: the legacy `/api`, `/apis`, `/api/v1`,
// `/apis/<g>`, `/apis/<g>/<v>` bodies, the aggregated APIGroupDiscoveryList that kubectl asks for
// first, and the `/version` body. Shapes follow what kube-apiserver 1.32 sends (compared with
// kubernetes/kubernetes api/discovery/*.json) and what kubectl 1.32 was seen to need
// (reference/kubectl-wire.md §1, §3.1). No I/O: anything about the running process (platform,
// address) comes in as a parameter.

import {
  RESOURCES,
  groupVersionString,
  servedGroups,
  subresourceKind,
  type GroupVersionKind,
  type ResourceInfo,
  type Verb,
} from './resources.js';
import { compareBytewise } from './resources/types.js';

// ---------------------------------------------------------------------------------------------
// Content types

/**
 * The Content-Type an aggregated `/api` or `/apis` answer must carry. kubectl parses an
 * aggregated body sent as plain `application/json` as the legacy shape and silently sees zero
 * resources, so the server must set this exactly.
 */
export const AGGREGATED_DISCOVERY_V2_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
/** The older beta spelling, still accepted by kubectl 1.32 and some other clients. */
export const AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

export type DiscoveryFormat = 'v2' | 'v2beta1' | 'legacy';

/**
 * Picks the discovery format for an `Accept` header: the first acceptable media range wins, as
 * kubectl lists them in its order of preference (aggregated v2, v2beta1, then plain JSON).
 * A missing header means legacy JSON. Returns undefined when nothing offered is servable, which
 * the server should answer with 406 NotAcceptable.
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'legacy';
  for (const range of accept.split(',')) {
    const [mediaType = '', ...rawParams] = range.split(';').map((s) => s.trim());
    const params = new Map<string, string>();
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
    }
    if (params.get('q') !== undefined && Number(params.get('q')) === 0) continue;
    const type = mediaType.toLowerCase();
    if (type !== 'application/json' && type !== 'application/*' && type !== '*/*') continue;
    if (params.get('g') === 'apidiscovery.k8s.io' && params.get('as') === 'APIGroupDiscoveryList') {
      const v = params.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
      continue; // an aggregated version we do not serve: try the next range
    }
    // Any other `as=` (e.g. Table) is not something discovery can answer.
    if (params.has('as')) continue;
    return 'legacy';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Legacy discovery types (meta/v1)

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

/** `GET /api`. Like kube-apiserver, it carries no `apiVersion`. */
export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

/** `GET /apis/<group>`: one group, typed. */
export interface APIGroupDocument extends APIGroup {
  kind: 'APIGroup';
  apiVersion: 'v1';
}

/** `GET /apis`. */
export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

/** One entry of an APIResourceList; a subresource appears as `pods/status`. */
export interface APIResource {
  name: string;
  /** Empty for subresources, as upstream sends it. */
  singularName: string;
  namespaced: boolean;
  /** Only when the kind lives in another group-version (`pods/eviction` → policy/v1). */
  group?: string;
  version?: string;
  kind: string;
  verbs: Verb[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

/** `GET /api/v1`, `GET /apis/<g>/<v>`. The core list has no `apiVersion`, as upstream. */
export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion?: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

// ---------------------------------------------------------------------------------------------
// Aggregated discovery types (apidiscovery.k8s.io/v2)

export type DiscoveryScope = 'Namespaced' | 'Cluster';

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GroupVersionKind;
  verbs: Verb[];
}

export interface APIResourceDiscovery {
  resource: string;
  /** Group and version are `''` when equal to the enclosing group-version, as upstream. */
  responseKind: GroupVersionKind;
  scope: DiscoveryScope;
  singularResource: string;
  verbs: Verb[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  /** `Stale` is only for aggregated API servers that failed to answer; ours are always current. */
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  /** No `name` for the core group in the `/api` document. */
  metadata: { name?: string; creationTimestamp: null };
  /** Preferred version first. */
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2' | 'apidiscovery.k8s.io/v2beta1';
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

// ---------------------------------------------------------------------------------------------
// Builders

function inGroupVersion(table: readonly ResourceInfo[], group: string, version: string): ResourceInfo[] {
  // Sorted by resource name: kube-apiserver lists resources alphabetically.
  return table.filter((r) => r.group === group && r.version === version).sort((a, b) => compareBytewise(a.resource, b.resource));
}

function gvFor(group: string, version: string): GroupVersionForDiscovery {
  return { groupVersion: groupVersionString(group, version), version };
}

/** `GET /api`. `serverAddress` is what clients should dial (`host:port`). */
export function buildAPIVersions(serverAddress: string, table: readonly ResourceInfo[] = RESOURCES): APIVersions {
  const core = servedGroups(table).find((g) => g.name === '');
  return {
    kind: 'APIVersions',
    versions: core ? [...core.versions] : [],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function toAPIGroup(name: string, versions: readonly string[]): APIGroup {
  const gvs = versions.map((v) => gvFor(name, v));
  const preferred = gvs[0];
  if (!preferred) throw new Error(`group ${name} has no versions`);
  return { name, versions: gvs, preferredVersion: preferred };
}

/** `GET /apis`: every named group, preferred version first within each. */
export function buildAPIGroupList(table: readonly ResourceInfo[] = RESOURCES): APIGroupList {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups(table)
      .filter((g) => g.name !== '')
      .map((g) => toAPIGroup(g.name, g.versions)),
  };
}

/** `GET /apis/<group>`; undefined for a group we do not serve (→ 404). */
export function buildAPIGroup(group: string, table: readonly ResourceInfo[] = RESOURCES): APIGroupDocument | undefined {
  const g = servedGroups(table).find((x) => x.name === group && x.name !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...toAPIGroup(g.name, g.versions) } : undefined;
}

function toAPIResources(r: ResourceInfo): APIResource[] {
  const main: APIResource = {
    name: r.resource,
    singularName: r.singularName,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: [...r.verbs],
  };
  // Optional lists are left out when empty, as Go's omitempty does.
  if (r.shortNames.length) main.shortNames = [...r.shortNames];
  if (r.categories.length) main.categories = [...r.categories];
  main.storageVersionHash = r.storageVersionHash;
  const subs = r.subresources.map((s): APIResource => {
    const entry: APIResource = { name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: [...s.verbs] };
    const gvk = subresourceKind(r, s);
    if (gvk.group !== r.group || gvk.version !== r.version) {
      entry.group = gvk.group;
      entry.version = gvk.version;
    }
    return entry;
  });
  return [main, ...subs];
}

/**
 * `GET /api/v1` (group `''`) or `GET /apis/<group>/<version>`; undefined when not served.
 * Serve this even when aggregated discovery works: `kubectl drain` fetches `/api/v1` directly.
 */
export function buildAPIResourceList(
  group: string,
  version: string,
  table: readonly ResourceInfo[] = RESOURCES,
): APIResourceList | undefined {
  const resources = inGroupVersion(table, group, version);
  if (resources.length === 0) return undefined;
  const list: APIResourceList = { kind: 'APIResourceList', groupVersion: groupVersionString(group, version), resources: [] };
  if (group !== '') list.apiVersion = 'v1';
  // Subresources follow their parent; names sort that way too (`pods` < `pods/attach` < `podtemplates`).
  list.resources = resources.flatMap(toAPIResources);
  return list;
}

/** The responseKind form upstream uses: group/version blank when the same as the resource's. */
function responseKind(r: ResourceInfo, gvk: GroupVersionKind): GroupVersionKind {
  const same = gvk.group === r.group && gvk.version === r.version;
  return { group: same ? '' : gvk.group, version: same ? '' : gvk.version, kind: gvk.kind };
}

function toResourceDiscovery(r: ResourceInfo): APIResourceDiscovery {
  const d: APIResourceDiscovery = {
    resource: r.resource,
    responseKind: responseKind(r, { group: r.group, version: r.version, kind: r.kind }),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singularName,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length) d.shortNames = [...r.shortNames];
  if (r.categories.length) d.categories = [...r.categories];
  if (r.subresources.length) {
    d.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: responseKind(r, subresourceKind(r, s)),
      verbs: [...s.verbs],
    }));
  }
  return d;
}

function toGroupDiscovery(table: readonly ResourceInfo[], name: string, versions: readonly string[]): APIGroupDiscovery {
  return {
    metadata: name === '' ? { creationTimestamp: null } : { name, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: inGroupVersion(table, name, version).map(toResourceDiscovery),
      freshness: 'Current',
    })),
  };
}

function aggregated(items: APIGroupDiscovery[], format: 'v2' | 'v2beta1'): APIGroupDiscoveryList {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: format === 'v2' ? 'apidiscovery.k8s.io/v2' : 'apidiscovery.k8s.io/v2beta1',
    metadata: {},
    items,
  };
}

/** Aggregated `GET /api`: one nameless item holding the core versions. */
export function buildAggregatedCoreDiscovery(
  format: 'v2' | 'v2beta1' = 'v2',
  table: readonly ResourceInfo[] = RESOURCES,
): APIGroupDiscoveryList {
  const core = servedGroups(table).find((g) => g.name === '');
  return aggregated(core ? [toGroupDiscovery(table, '', core.versions)] : [], format);
}

/** Aggregated `GET /apis`: every named group, in `/apis` order, preferred version first. */
export function buildAggregatedGroupsDiscovery(
  format: 'v2' | 'v2beta1' = 'v2',
  table: readonly ResourceInfo[] = RESOURCES,
): APIGroupDiscoveryList {
  const groups = servedGroups(table).filter((g) => g.name !== '');
  return aggregated(
    groups.map((g) => toGroupDiscovery(table, g.name, g.versions)),
    format,
  );
}

/** The Content-Type to send with an aggregated document of this format. */
export function aggregatedContentType(format: 'v2' | 'v2beta1'): string {
  return format === 'v2' ? AGGREGATED_DISCOVERY_V2_CONTENT_TYPE : AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE;
}
