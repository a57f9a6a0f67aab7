// The server's resource types from aggregated discovery (`/api` + `/apis`, two requests, as
// kubectl does), and kubectl's resolution of what a user types: `po`, `pod`, `pods`, `Pod`,
// `deploy`, `deployments.apps`, `deployments.v1.apps`.
import {
  AGGREGATED_DISCOVERY_V2_CONTENT_TYPE,
  type APIGroupDiscoveryList,
  type ResourceInfo,
} from '@kubelite/api';
import type { KubeClient } from '@kubelite/client';
import { cliError } from './errors.js';

const ACCEPT = `${AGGREGATED_DISCOVERY_V2_CONTENT_TYPE},application/json`;

function toInfo(group: string, version: string, r: APIGroupDiscoveryList['items'][number]['versions'][number]['resources'][number]): ResourceInfo {
  const kind = r.responseKind.kind;
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    resource: r.resource,
    singularName: r.singularResource || kind.toLowerCase(),
    shortNames: r.shortNames ?? [],
    namespaced: r.scope === 'Namespaced',
    verbs: r.verbs,
    categories: r.categories ?? [],
    subresources: (r.subresources ?? []).map((s) => ({ name: s.subresource, kind: s.responseKind.kind, verbs: s.verbs })),
    storagePrefix: '',
    storageVersionHash: '',
  };
}

export class Discovery {
  private loaded: Promise<ResourceInfo[]> | undefined;

  constructor(private readonly client: KubeClient) {}

  /** Every served resource, preferred version of each group first. */
  all(): Promise<ResourceInfo[]> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<ResourceInfo[]> {
    const [core, groups] = await Promise.all([
      this.client.request<APIGroupDiscoveryList>({ method: 'GET', path: '/api', accept: ACCEPT }),
      this.client.request<APIGroupDiscoveryList>({ method: 'GET', path: '/apis', accept: ACCEPT }),
    ]);
    const out: ResourceInfo[] = [];
    for (const item of [...(core.items ?? []), ...(groups.items ?? [])]) {
      const group = item.metadata.name ?? '';
      for (const v of item.versions) {
        for (const r of v.resources) out.push(toInfo(group, v.version, r));
      }
    }
    return out;
  }

  /** kubectl's resolution of a typed resource name; the preferred version wins. */
  async resolve(typed: string): Promise<ResourceInfo> {
    const all = await this.all();
    const [name = '', ...rest] = typed.split('.');
    const lower = name.toLowerCase();
    // `deployments.apps` or `deployments.v1.apps`: the suffix pins the group (and version)
    const suffix = rest.join('.');
    const candidates = all.filter((r) => {
      if (!suffix) return true;
      return r.group === suffix || `${r.version}.${r.group}` === suffix;
    });
    const match = (r: ResourceInfo): boolean =>
      r.resource === lower || r.singularName === lower || r.shortNames.includes(lower) || r.kind.toLowerCase() === lower;
    const found = candidates.find(match);
    if (!found) throw cliError('UNKNOWN_RESOURCE', typed);
    return found;
  }

  /** The preferred resource for a manifest's apiVersion and kind. */
  async forKind(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const all = await this.all();
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const found = all.find((r) => r.group === group && r.version === version && r.kind === kind);
    if (!found) throw cliError('UNKNOWN_RESOURCE', `${kind} in version "${apiVersion}"`);
    return found;
  }
}

/** `deployment.apps` / `pod`: how kubectl names a type in `created`/`deleted` lines. */
export function qualifiedName(info: ResourceInfo): string {
  return info.group ? `${info.singularName}.${info.group}` : info.singularName;
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}
