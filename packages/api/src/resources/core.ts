// core/v1 ("legacy" group, served under /api/v1). Names, short names, verbs, categories,
// subresource kinds and storage version hashes are as Kubernetes 1.32 publishes them in
// /api/v1 (checked against kubernetes/kubernetes api/discovery/api__v1.json). Storage prefixes
// follow kube-apiserver's defaults: the resource name, except the historic special cases in
// pkg/kubeapiserver/default_storage_factory_builder.go (nodes → minions, services →
// services/specs, endpoints → services/endpoints).
//
// Upstream subresources kubelite does not serve are left out on purpose, so discovery never
// advertises an endpoint that would 404: namespaces/status, namespaces/finalize, nodes/proxy,
// pods/proxy, pods/ephemeralcontainers, services/proxy (and the top-level `bindings`).

import { ALL_VERBS, defineResource, statusSubresource, type ResourceInfo, type Verb } from './types.js';

const CREATE: readonly Verb[] = ['create'];
const CREATE_GET: readonly Verb[] = ['create', 'get'];

export const CORE_V1_RESOURCES: readonly ResourceInfo[] = [
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Namespace',
    resource: 'namespaces',
    shortNames: ['ns'],
    namespaced: false,
    // Namespaces have no deletecollection: deleting every namespace at once is not offered.
    verbs: ALL_VERBS.filter((v) => v !== 'deletecollection'),
    storageVersionHash: 'Q3oi5N2YM8M=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Pod',
    resource: 'pods',
    shortNames: ['po'],
    namespaced: true,
    categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: CREATE_GET },
      // Only the scheduler POSTs here; the body is a core/v1 Binding.
      { name: 'binding', kind: 'Binding', verbs: CREATE },
      // The Eviction kind lives in policy/v1; `kubectl drain` looks for exactly this entry.
      { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: CREATE },
      { name: 'exec', kind: 'PodExecOptions', verbs: CREATE_GET },
      // Logs are plain text, but discovery names the parent kind, as upstream does.
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: CREATE_GET },
      statusSubresource('Pod'),
    ],
    storageVersionHash: 'xPOwRZ+Yhw8=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Node',
    resource: 'nodes',
    shortNames: ['no'],
    namespaced: false,
    subresources: [statusSubresource('Node')],
    // Nodes were "minions" in early Kubernetes; the storage key never changed.
    storagePrefix: '/registry/minions',
    storageVersionHash: 'XwShjMxG9Fs=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Service',
    resource: 'services',
    shortNames: ['svc'],
    namespaced: true,
    categories: ['all'],
    subresources: [statusSubresource('Service')],
    storagePrefix: '/registry/services/specs',
    storageVersionHash: '0/CO1lhkEBI=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    resource: 'endpoints',
    // The kind is already plural-looking, so the singular equals the plural.
    singularName: 'endpoints',
    shortNames: ['ep'],
    namespaced: true,
    storagePrefix: '/registry/services/endpoints',
    storageVersionHash: 'fWeeMqaN/OA=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    resource: 'configmaps',
    shortNames: ['cm'],
    namespaced: true,
    storageVersionHash: 'qFsyl6wFWjQ=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Secret',
    resource: 'secrets',
    namespaced: true,
    storageVersionHash: 'S6u1pOWzb84=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    resource: 'serviceaccounts',
    shortNames: ['sa'],
    namespaced: true,
    subresources: [
      // `kubectl create token` POSTs an authentication.k8s.io/v1 TokenRequest here.
      { name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: CREATE },
    ],
    storageVersionHash: 'pbx9ZvyFpBE=',
  }),
  defineResource({
    group: '',
    version: 'v1',
    kind: 'Event',
    resource: 'events',
    shortNames: ['ev'],
    namespaced: true,
    // Shared with events.k8s.io/v1 events: one store, two API shapes.
    storageVersionHash: 'r2yiGXH7wu8=',
  }),
];
