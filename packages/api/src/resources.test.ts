import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  GROUP_ORDER,
  RESOURCES,
  apiVersionOf,
  compareKubeVersions,
  findResource,
  findResourceForKind,
  findSubresource,
  parseApiVersion,
  parseStorageKey,
  resolveResource,
  resourcesForKind,
  resourcesInCategory,
  servedGroups,
  storageKey,
  storageListPrefix,
  subresourceKind,
  type ResourceInfo,
} from './resources.js';

function must(r: ResourceInfo | undefined): ResourceInfo {
  if (!r) throw new Error('resource not found');
  return r;
}

const pods = must(findResource('', 'v1', 'pods'));
const nodes = must(findResource('', 'v1', 'nodes'));
const deployments = must(findResource('apps', 'v1', 'deployments'));

describe('resource table', () => {
  it('serves exactly the resources kubelite promises', () => {
    const names = RESOURCES.map((r) => `${apiVersionOf(r)} ${r.resource}`);
    expect(names).toEqual([
      'v1 namespaces', 'v1 pods', 'v1 nodes', 'v1 services', 'v1 endpoints', 'v1 configmaps',
      'v1 secrets', 'v1 serviceaccounts', 'v1 events',
      'apps/v1 deployments', 'apps/v1 replicasets', 'apps/v1 daemonsets', 'apps/v1 statefulsets',
      'events.k8s.io/v1 events',
      'autoscaling/v2 horizontalpodautoscalers',
      'batch/v1 jobs', 'batch/v1 cronjobs',
      'policy/v1 poddisruptionbudgets',
      'rbac.authorization.k8s.io/v1 roles', 'rbac.authorization.k8s.io/v1 rolebindings',
      'rbac.authorization.k8s.io/v1 clusterroles', 'rbac.authorization.k8s.io/v1 clusterrolebindings',
      'coordination.k8s.io/v1 leases',
      'discovery.k8s.io/v1 endpointslices',
    ]);
  });

  it('has no duplicate group/version/resource and every group is ordered', () => {
    const keys = RESOURCES.map((r) => `${r.group}/${r.version}/${r.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of RESOURCES) expect(GROUP_ORDER).toContain(r.group);
  });

  it('carries the upstream short names kubectl users type', () => {
    const short = Object.fromEntries(RESOURCES.map((r) => [`${r.group}/${r.resource}`, r.shortNames.join(',')]));
    expect(short).toMatchObject({
      '/namespaces': 'ns', '/pods': 'po', '/nodes': 'no', '/services': 'svc', '/endpoints': 'ep',
      '/configmaps': 'cm', '/secrets': '', '/serviceaccounts': 'sa', '/events': 'ev',
      'apps/deployments': 'deploy', 'apps/replicasets': 'rs', 'apps/daemonsets': 'ds', 'apps/statefulsets': 'sts',
      'batch/jobs': '', 'batch/cronjobs': 'cj', 'policy/poddisruptionbudgets': 'pdb',
      'events.k8s.io/events': 'ev', 'autoscaling/horizontalpodautoscalers': 'hpa',
      'coordination.k8s.io/leases': '', 'discovery.k8s.io/endpointslices': '',
    });
  });

  it('puts exactly the upstream workloads in the `all` category (what `kubectl get all` lists)', () => {
    expect(resourcesInCategory('all').map((r) => r.resource).sort()).toEqual(
      ['cronjobs', 'daemonsets', 'deployments', 'horizontalpodautoscalers', 'jobs', 'pods', 'replicasets', 'services', 'statefulsets'],
    );
  });

  it('scopes resources as Kubernetes does', () => {
    const cluster = RESOURCES.filter((r) => !r.namespaced).map((r) => r.resource);
    expect(cluster).toEqual(['namespaces', 'nodes', 'clusterroles', 'clusterrolebindings']);
  });

  it('gives namespaces no deletecollection and everything else the full verb set', () => {
    expect(must(findResource('', 'v1', 'namespaces')).verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
    for (const r of RESOURCES.filter((x) => x.resource !== 'namespaces')) {
      expect(r.verbs).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    }
  });

  it('uses singular names from upstream discovery (endpoints stays plural)', () => {
    expect(pods.singularName).toBe('pod');
    expect(must(findResource('', 'v1', 'endpoints')).singularName).toBe('endpoints');
    expect(must(findResource('autoscaling', 'v2', 'horizontalpodautoscalers')).singularName).toBe('horizontalpodautoscaler');
  });

  it('derives list kinds', () => {
    expect(pods.listKind).toBe('PodList');
    expect(must(findResource('', 'v1', 'endpoints')).listKind).toBe('EndpointsList');
  });

  it('stores storage version hashes that match sha256(group/version/kind)', () => {
    for (const r of RESOURCES) {
      // events.k8s.io events are stored as core/v1 Event, so they hash that.
      const storageGroup = r.group === 'events.k8s.io' ? '' : r.group;
      const digest = createHash('sha256').update(`${storageGroup}/${r.version}/${r.kind}`).digest();
      expect(r.storageVersionHash, r.resource).toBe(digest.subarray(0, 8).toString('base64'));
    }
  });
});

describe('subresources', () => {
  const sub = (r: ResourceInfo): string[] => r.subresources.map((s) => `${s.name}:${s.kind}:${s.verbs.join(',')}`);

  it('pods have the upstream set with upstream kinds and verbs', () => {
    expect(sub(pods)).toEqual([
      'attach:PodAttachOptions:create,get',
      'binding:Binding:create',
      'eviction:Eviction:create',
      'exec:PodExecOptions:create,get',
      'log:Pod:get',
      'portforward:PodPortForwardOptions:create,get',
      'status:Pod:get,patch,update',
    ]);
  });

  it('pods/log is GET only', () => {
    expect(findSubresource(pods, 'log')?.verbs).toEqual(['get']);
  });

  it('pods/eviction takes a policy/v1 Eviction', () => {
    const ev = findSubresource(pods, 'eviction');
    expect(ev && subresourceKind(pods, ev)).toEqual({ group: 'policy', version: 'v1', kind: 'Eviction' });
  });

  it('scale subresources are autoscaling/v1 Scale on deployments, replicasets and statefulsets only', () => {
    const scaled = RESOURCES.filter((r) => findSubresource(r, 'scale')).map((r) => r.resource);
    expect(scaled).toEqual(['deployments', 'replicasets', 'statefulsets']);
    const scale = findSubresource(deployments, 'scale');
    expect(scale && subresourceKind(deployments, scale)).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(scale?.verbs).toEqual(['get', 'patch', 'update']);
  });

  it('status subresources return the parent kind in the parent group', () => {
    const status = findSubresource(deployments, 'status');
    expect(status && subresourceKind(deployments, status)).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    const withStatus = RESOURCES.filter((r) => findSubresource(r, 'status')).map((r) => r.resource);
    expect(withStatus).toEqual([
      'pods', 'nodes', 'services', 'deployments', 'replicasets', 'daemonsets', 'statefulsets',
      'horizontalpodautoscalers', 'jobs', 'cronjobs', 'poddisruptionbudgets',
    ]);
  });

  it('serviceaccounts/token takes an authentication.k8s.io/v1 TokenRequest', () => {
    const sa = must(findResource('', 'v1', 'serviceaccounts'));
    const token = findSubresource(sa, 'token');
    expect(token && subresourceKind(sa, token)).toEqual({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' });
  });
});

describe('lookups', () => {
  it('finds by group/version/resource and not across groups', () => {
    expect(findResource('apps', 'v1', 'pods')).toBeUndefined();
    expect(findResource('', 'v2', 'pods')).toBeUndefined();
    expect(findResource('autoscaling', 'v2', 'horizontalpodautoscalers')?.kind).toBe('HorizontalPodAutoscaler');
  });

  it('finds by kind, preferring the core group for Event', () => {
    expect(findResourceForKind({ group: 'apps', version: 'v1', kind: 'Deployment' })).toBe(deployments);
    expect(resourcesForKind('Event').map(apiVersionOf)).toEqual(['v1', 'events.k8s.io/v1']);
    expect(resourcesForKind('Event', 'events.k8s.io').map(apiVersionOf)).toEqual(['events.k8s.io/v1']);
    expect(resourcesForKind('Eviction')).toEqual([]);
  });

  it.each([
    ['po', 'v1 pods'], ['pod', 'v1 pods'], ['pods', 'v1 pods'], ['Pods', 'v1 pods'], ['PO', 'v1 pods'],
    ['no', 'v1 nodes'], ['svc', 'v1 services'], ['ep', 'v1 endpoints'], ['endpoints', 'v1 endpoints'],
    ['deploy', 'apps/v1 deployments'], ['deployment', 'apps/v1 deployments'],
    ['deployments.apps', 'apps/v1 deployments'], ['deploy.v1.apps', 'apps/v1 deployments'],
    ['ev', 'v1 events'], ['events', 'v1 events'], ['events.events.k8s.io', 'events.k8s.io/v1 events'],
    ['ev.v1.events.k8s.io', 'events.k8s.io/v1 events'],
    ['hpa', 'autoscaling/v2 horizontalpodautoscalers'], ['cj', 'batch/v1 cronjobs'], ['job', 'batch/v1 jobs'],
    ['pdb', 'policy/v1 poddisruptionbudgets'], ['lease', 'coordination.k8s.io/v1 leases'],
    ['clusterrolebinding', 'rbac.authorization.k8s.io/v1 clusterrolebindings'],
  ])('resolves %s like kubectl', (arg, want) => {
    const r = must(resolveResource(arg));
    expect(`${apiVersionOf(r)} ${r.resource}`).toBe(want);
  });

  it.each(['', 'pod.apps', 'deploy.v2.apps', 'nosuch', 'rc'])('does not resolve %j', (arg) => {
    expect(resolveResource(arg)).toBeUndefined();
  });

  it('orders served groups like /apis and versions by Kubernetes preference', () => {
    expect(servedGroups().map((g) => g.name)).toEqual(GROUP_ORDER);
    expect(['v1alpha1', 'v1', 'v2beta1', 'v1beta2', 'v2', 'foo', 'v1beta1'].sort(compareKubeVersions)).toEqual(
      ['v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v1alpha1', 'foo'],
    );
  });

  it('parses apiVersion strings', () => {
    expect(parseApiVersion('v1')).toEqual({ group: '', version: 'v1' });
    expect(parseApiVersion('rbac.authorization.k8s.io/v1')).toEqual({ group: 'rbac.authorization.k8s.io', version: 'v1' });
  });
});

describe('storage keys', () => {
  it('use the kube-apiserver prefixes', () => {
    const prefix = Object.fromEntries(RESOURCES.map((r) => [`${apiVersionOf(r)} ${r.resource}`, r.storagePrefix]));
    expect(prefix).toMatchObject({
      'v1 nodes': '/registry/minions',
      'v1 services': '/registry/services/specs',
      'v1 endpoints': '/registry/services/endpoints',
      'v1 events': '/registry/events',
      'events.k8s.io/v1 events': '/registry/events',
      'apps/v1 deployments': '/registry/deployments',
      'autoscaling/v2 horizontalpodautoscalers': '/registry/horizontalpodautoscalers',
      'discovery.k8s.io/v1 endpointslices': '/registry/endpointslices',
      'rbac.authorization.k8s.io/v1 clusterroles': '/registry/clusterroles',
    });
  });

  it('build namespaced and cluster-scoped keys', () => {
    expect(storageKey(pods, 'default', 'nginx')).toBe('/registry/pods/default/nginx');
    expect(storageKey(nodes, undefined, 'node-1')).toBe('/registry/minions/node-1');
    expect(storageKey(nodes, '', 'node-1')).toBe('/registry/minions/node-1');
    expect(storageKey(must(findResource('', 'v1', 'services')), 'kube-system', 'dns')).toBe('/registry/services/specs/kube-system/dns');
  });

  it('reject keys that do not fit the scope or would escape a segment', () => {
    expect(() => storageKey(pods, undefined, 'x')).toThrow(/namespaced/);
    expect(() => storageKey(nodes, 'default', 'x')).toThrow(/cluster-scoped/);
    expect(() => storageKey(pods, 'default', '')).toThrow(/invalid name/);
    expect(() => storageKey(pods, 'a/b', 'x')).toThrow(/invalid namespace/);
  });

  it('list prefixes end with a slash', () => {
    expect(storageListPrefix(pods)).toBe('/registry/pods/');
    expect(storageListPrefix(pods, 'default')).toBe('/registry/pods/default/');
    expect(storageListPrefix(nodes)).toBe('/registry/minions/');
    expect(() => storageListPrefix(nodes, 'default')).toThrow(/cluster-scoped/);
  });

  it('parse back to resource, namespace and name', () => {
    for (const r of RESOURCES) {
      const ns = r.namespaced ? 'ns1' : undefined;
      const parsed = parseStorageKey(storageKey(r, ns, 'obj'));
      // events.k8s.io events share core's prefix; the core resource is the canonical owner.
      const owner = r.group === 'events.k8s.io' ? must(findResource('', 'v1', 'events')) : r;
      expect(parsed).toEqual(ns ? { resource: owner, namespace: ns, name: 'obj' } : { resource: owner, name: 'obj' });
    }
    expect(parseStorageKey('/registry/services/endpoints/default/kubernetes')?.resource.resource).toBe('endpoints');
    expect(parseStorageKey('/registry/pods/default')).toBeUndefined();
    expect(parseStorageKey('/registry/podtemplates/default/x')).toBeUndefined();
    expect(parseStorageKey('/other/pods/default/x')).toBeUndefined();
  });
});
