// The smaller named groups kubelite serves, as Kubernetes 1.32 publishes them (checked against
// kubernetes/kubernetes api/discovery/apis__<group>__<version>.json): batch/v1, autoscaling/v2,
// policy/v1, coordination.k8s.io/v1, discovery.k8s.io/v1, events.k8s.io/v1 and
// rbac.authorization.k8s.io/v1. Storage prefixes are the plain resource names.

import { defineResource, statusSubresource, type ResourceInfo } from './types.js';

export const BATCH_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    resource: 'jobs',
    // Jobs have no short name upstream.
    namespaced: true,
    categories: ['all'],
    subresources: [statusSubresource('Job')],
    storageVersionHash: 'mudhfqk/qZY=',
  }),
  defineResource({
    group: 'batch',
    version: 'v1',
    kind: 'CronJob',
    resource: 'cronjobs',
    shortNames: ['cj'],
    namespaced: true,
    categories: ['all'],
    subresources: [statusSubresource('CronJob')],
    storageVersionHash: 'sd5LIXh4Fjs=',
  }),
];

export const AUTOSCALING_V2_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    resource: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    namespaced: true,
    // Only `all` in 1.32; the `podautoscalers` category came much later.
    categories: ['all'],
    subresources: [statusSubresource('HorizontalPodAutoscaler')],
    storageVersionHash: 'qwQve8ut294=',
  }),
];

export const POLICY_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    resource: 'poddisruptionbudgets',
    shortNames: ['pdb'],
    namespaced: true,
    subresources: [statusSubresource('PodDisruptionBudget')],
    storageVersionHash: 'EVWiDmWqyJw=',
  }),
  // Eviction is a kind of policy/v1 but not a resource of it: it is only the body of the
  // pods/eviction subresource (see core.ts), so it has no entry in this list.
];

export const COORDINATION_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    resource: 'leases',
    namespaced: true,
    storageVersionHash: 'gqkMMb/YqFM=',
  }),
];

export const DISCOVERY_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    resource: 'endpointslices',
    namespaced: true,
    // Hash of discovery.k8s.io/v1, the storage version since v1beta1 was removed (1.25); some
    // older upstream discovery fixtures still show the v1beta1 hash.
    storageVersionHash: 'qgS0xkrxYAI=',
  }),
];

export const EVENTS_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'events.k8s.io',
    version: 'v1',
    kind: 'Event',
    resource: 'events',
    shortNames: ['ev'],
    namespaced: true,
    // The same objects as core/v1 events, stored once, under the core storage version (hence
    // the identical hash): kube-apiserver lets the two groups cohabit one etcd prefix.
    storagePrefix: '/registry/events',
    storageVersionHash: 'r2yiGXH7wu8=',
  }),
];

export const RBAC_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'Role',
    resource: 'roles',
    namespaced: true,
    storageVersionHash: '7FuwZcIIItM=',
  }),
  defineResource({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'RoleBinding',
    resource: 'rolebindings',
    namespaced: true,
    storageVersionHash: 'eGsCzGH6b1g=',
  }),
  defineResource({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRole',
    resource: 'clusterroles',
    namespaced: false,
    storageVersionHash: 'bYE5ZWDrJ44=',
  }),
  defineResource({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRoleBinding',
    resource: 'clusterrolebindings',
    namespaced: false,
    storageVersionHash: '48tpQ8gZHFc=',
  }),
];
