import { describe, expect, it } from 'vitest';
import {
  AGGREGATED_DISCOVERY_V2_CONTENT_TYPE,
  AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE,
  aggregatedContentType,
  buildAPIGroup,
  buildAPIGroupList,
  buildAPIResourceList,
  buildAPIVersions,
  buildAggregatedCoreDiscovery,
  buildAggregatedGroupsDiscovery,
  negotiateDiscovery,
  type APIResourceDiscovery,
  type APIResourceList,
} from './discovery.js';
import { GROUP_ORDER, RESOURCES } from './resources.js';

// What kubectl 1.32 sends for /api and /apis (reference/kubectl-wire.md G5).
const KUBECTL_DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

function mustList(l: APIResourceList | undefined): APIResourceList {
  if (!l) throw new Error('no list');
  return l;
}

describe('content negotiation', () => {
  it('uses the exact aggregated content type kubectl recognises', () => {
    expect(AGGREGATED_DISCOVERY_V2_CONTENT_TYPE).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(aggregatedContentType('v2')).toBe(AGGREGATED_DISCOVERY_V2_CONTENT_TYPE);
    expect(aggregatedContentType('v2beta1')).toBe(AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE);
  });

  it.each([
    [KUBECTL_DISCOVERY_ACCEPT, 'v2'],
    ['application/json; g=apidiscovery.k8s.io; v=v2beta1; as=APIGroupDiscoveryList, application/json', 'v2beta1'],
    ['application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json', 'legacy'],
    ['application/json, */*', 'legacy'],
    ['*/*', 'legacy'],
    [undefined, 'legacy'],
    ['', 'legacy'],
    ['application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json', 'legacy'],
    ['application/vnd.kubernetes.protobuf', undefined],
    ['application/json;as=Table;v=v1;g=meta.k8s.io', undefined],
  ])('Accept %j → %s', (accept, want) => {
    expect(negotiateDiscovery(accept)).toBe(want);
  });
});

describe('legacy discovery', () => {
  it('/api lists only v1 with the server address', () => {
    expect(buildAPIVersions('127.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
    });
  });

  it('/apis lists named groups in upstream order with their preferred versions', () => {
    const list = buildAPIGroupList();
    expect(list.kind).toBe('APIGroupList');
    expect(list.apiVersion).toBe('v1');
    expect(list.groups.map((g) => g.name)).toEqual(GROUP_ORDER.filter((g) => g !== ''));
    expect(list.groups.find((g) => g.name === 'apps')).toEqual({
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    expect(list.groups.find((g) => g.name === 'autoscaling')?.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
  });

  it('/apis/<group> answers one group, and nothing for unserved or core', () => {
    expect(buildAPIGroup('batch')).toMatchObject({ kind: 'APIGroup', apiVersion: 'v1', name: 'batch' });
    expect(buildAPIGroup('nosuch.k8s.io')).toBeUndefined();
    expect(buildAPIGroup('')).toBeUndefined();
  });

  it('/api/v1 lists pods with subresources as pods/<sub>, like upstream', () => {
    const list = mustList(buildAPIResourceList('', 'v1'));
    expect(list.kind).toBe('APIResourceList');
    expect(list.groupVersion).toBe('v1');
    // kube-apiserver sends no apiVersion on the core list.
    expect(list.apiVersion).toBeUndefined();
    const byName = new Map(list.resources.map((r) => [r.name, r]));
    expect(byName.get('pods')).toEqual({
      name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'], categories: ['all'], storageVersionHash: 'xPOwRZ+Yhw8=',
    });
    // `kubectl drain` looks for exactly this entry to decide whether to evict.
    expect(byName.get('pods/eviction')).toEqual({
      name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'],
    });
    expect(byName.get('pods/log')).toEqual({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    expect(byName.get('nodes/status')).toMatchObject({ namespaced: false, kind: 'Node' });
    expect(byName.get('secrets')).not.toHaveProperty('shortNames');
    expect(byName.get('secrets')).not.toHaveProperty('categories');
  });

  it('sorts resources by name with subresources right after their parent', () => {
    const names = mustList(buildAPIResourceList('', 'v1')).resources.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(names.slice(names.indexOf('pods'), names.indexOf('pods') + 8)).toEqual([
      'pods', 'pods/attach', 'pods/binding', 'pods/eviction', 'pods/exec', 'pods/log', 'pods/portforward', 'pods/status',
    ]);
  });

  it('/apis/apps/v1 names autoscaling/v1 Scale for scale subresources', () => {
    const list = mustList(buildAPIResourceList('apps', 'v1'));
    expect(list.apiVersion).toBe('v1');
    expect(list.groupVersion).toBe('apps/v1');
    expect(list.resources.find((r) => r.name === 'deployments/scale')).toEqual({
      name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'],
    });
    // Same-group subresources leave group/version out.
    expect(list.resources.find((r) => r.name === 'deployments/status')).not.toHaveProperty('group');
  });

  it('answers nothing for a group-version we do not serve', () => {
    expect(buildAPIResourceList('autoscaling', 'v1')).toBeUndefined();
    expect(buildAPIResourceList('', 'v2')).toBeUndefined();
  });
});

describe('aggregated discovery', () => {
  const apis = buildAggregatedGroupsDiscovery();
  const core = buildAggregatedCoreDiscovery();
  const resource = (group: string, name: string): APIResourceDiscovery | undefined =>
    apis.items.find((i) => i.metadata.name === group)?.versions[0]?.resources.find((r) => r.resource === name);

  it('has the APIGroupDiscoveryList envelope', () => {
    for (const doc of [apis, core]) {
      expect(doc.kind).toBe('APIGroupDiscoveryList');
      expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2');
      expect(doc.metadata).toEqual({});
    }
    expect(buildAggregatedGroupsDiscovery('v2beta1').apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
  });

  it('/api holds one nameless item with v1, fresh', () => {
    expect(core.items).toHaveLength(1);
    expect(core.items[0]?.metadata).toEqual({ creationTimestamp: null });
    expect(core.items[0]?.versions.map((v) => [v.version, v.freshness])).toEqual([['v1', 'Current']]);
  });

  it('/apis lists every named group in order, preferred version first', () => {
    expect(apis.items.map((i) => i.metadata.name)).toEqual(GROUP_ORDER.filter((g) => g !== ''));
    expect(apis.items.find((i) => i.metadata.name === 'autoscaling')?.versions.map((v) => v.version)).toEqual(['v2']);
    for (const item of apis.items) for (const v of item.versions) expect(v.freshness).toBe('Current');
  });

  it('describes pods as kubectl needs', () => {
    const pods = core.items[0]?.versions[0]?.resources.find((r) => r.resource === 'pods');
    expect(pods).toMatchObject({
      resource: 'pods',
      responseKind: { group: '', version: '', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(pods?.subresources?.find((s) => s.subresource === 'log')).toEqual({
      subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'],
    });
    expect(pods?.subresources?.find((s) => s.subresource === 'eviction')?.responseKind).toEqual({ group: 'policy', version: 'v1', kind: 'Eviction' });
  });

  it('matches upstream for deployments (blank group/version when it is the resource\'s own)', () => {
    expect(resource('apps', 'deployments')).toEqual({
      resource: 'deployments',
      responseKind: { group: '', version: '', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
  });

  it('marks cluster-scoped resources and omits empty optional lists', () => {
    const nodes = core.items[0]?.versions[0]?.resources.find((r) => r.resource === 'nodes');
    expect(nodes?.scope).toBe('Cluster');
    const crb = resource('rbac.authorization.k8s.io', 'clusterrolebindings');
    expect(crb?.scope).toBe('Cluster');
    expect(crb).not.toHaveProperty('shortNames');
    expect(crb).not.toHaveProperty('categories');
    expect(crb).not.toHaveProperty('subresources');
  });

  it('covers every resource of the table exactly once', () => {
    const seen = [...core.items, ...apis.items].flatMap((i) =>
      i.versions.flatMap((v) => v.resources.map((r) => `${i.metadata.name ?? ''}/${v.version}/${r.resource}`)),
    );
    expect(seen.sort()).toEqual(RESOURCES.map((r) => `${r.group}/${r.version}/${r.resource}`).sort());
  });

  it('can be built from a subset of the table', () => {
    const only = RESOURCES.filter((r) => r.group === 'batch');
    expect(buildAggregatedCoreDiscovery('v2', only).items).toEqual([]);
    expect(buildAggregatedGroupsDiscovery('v2', only).items.map((i) => i.metadata.name)).toEqual(['batch']);
    expect(buildAPIVersions('h:1', only).versions).toEqual([]);
  });
});
