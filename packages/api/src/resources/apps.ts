// apps/v1, as Kubernetes 1.32 publishes it in /apis/apps/v1 (checked against
// kubernetes/kubernetes api/discovery/apis__apps__v1.json). Every workload here is in the `all`
// category; scale subresources answer autoscaling/v1 Scale. Storage prefixes are the plain
// resource names (no group), as kube-apiserver stores built-in groups.
// controllerrevisions is upstream too but not served by kubelite yet.

import { SCALE_SUBRESOURCE, defineResource, statusSubresource, type ResourceInfo } from './types.js';

export const APPS_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    shortNames: ['deploy'],
    namespaced: true,
    categories: ['all'],
    subresources: [SCALE_SUBRESOURCE, statusSubresource('Deployment')],
    storageVersionHash: '8aSe+NMegvE=',
  }),
  defineResource({
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    resource: 'replicasets',
    shortNames: ['rs'],
    namespaced: true,
    categories: ['all'],
    subresources: [SCALE_SUBRESOURCE, statusSubresource('ReplicaSet')],
    storageVersionHash: 'P1RzHs8/mWQ=',
  }),
  defineResource({
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    resource: 'daemonsets',
    shortNames: ['ds'],
    namespaced: true,
    categories: ['all'],
    // No scale: a DaemonSet's size is the number of eligible nodes.
    subresources: [statusSubresource('DaemonSet')],
    storageVersionHash: 'dd7pWHUlMKQ=',
  }),
  defineResource({
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    resource: 'statefulsets',
    shortNames: ['sts'],
    namespaced: true,
    categories: ['all'],
    subresources: [SCALE_SUBRESOURCE, statusSubresource('StatefulSet')],
    storageVersionHash: 'H+vl74LkKdo=',
  }),
];
