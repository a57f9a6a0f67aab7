// Typed access to the shared informers controllers use, plus the shared indexes: the same
// index (say "pods by controller UID") is built once however many controllers ask for it.
import type {
  DaemonSet,
  Deployment,
  EndpointSlice,
  Endpoints,
  KubeObject,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '@kubelite/api';
import type { IndexFunc, SharedIndexInformer, SharedInformerFactory } from '@kubelite/client';
import { controllerRef } from './pod-util.js';

export const CONTROLLER_UID_INDEX = 'controllerUID';
export const OWNER_UID_INDEX = 'ownerUID';
export const NODE_NAME_INDEX = 'spec.nodeName';

export function ensureIndex<T extends KubeObject>(informer: SharedIndexInformer<T>, name: string, fn: IndexFunc<T>): void {
  if (hasIndex(informer, name)) return;
  informer.addIndexers({ [name]: fn });
}

function hasIndex<T extends KubeObject>(informer: SharedIndexInformer<T>, name: string): boolean {
  try {
    informer.getIndexer().listIndexFuncValues(name);
    return true;
  } catch {
    return false;
  }
}

export const byControllerUID: IndexFunc<KubeObject> = (o) => {
  const ref = controllerRef(o);
  return ref ? [ref.uid] : [];
};

export const byOwnerUID: IndexFunc<KubeObject> = (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export const byNodeName: IndexFunc<Pod> = (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []);

export function podInformer(f: SharedInformerFactory): SharedIndexInformer<Pod> {
  const inf = f.forResource<Pod>('', 'v1', 'pods');
  ensureIndex(inf, CONTROLLER_UID_INDEX, byControllerUID);
  ensureIndex(inf, NODE_NAME_INDEX, byNodeName);
  return inf;
}

export function replicaSetInformer(f: SharedInformerFactory): SharedIndexInformer<ReplicaSet> {
  const inf = f.forResource<ReplicaSet>('apps', 'v1', 'replicasets');
  ensureIndex(inf, CONTROLLER_UID_INDEX, byControllerUID);
  return inf;
}

export const deploymentInformer = (f: SharedInformerFactory): SharedIndexInformer<Deployment> => f.forResource<Deployment>('apps', 'v1', 'deployments');
export const daemonSetInformer = (f: SharedInformerFactory): SharedIndexInformer<DaemonSet> => f.forResource<DaemonSet>('apps', 'v1', 'daemonsets');
export const nodeInformer = (f: SharedInformerFactory): SharedIndexInformer<Node> => f.forResource<Node>('', 'v1', 'nodes');
export const serviceInformer = (f: SharedInformerFactory): SharedIndexInformer<Service> => f.forResource<Service>('', 'v1', 'services');
export const endpointsInformer = (f: SharedInformerFactory): SharedIndexInformer<Endpoints> => f.forResource<Endpoints>('', 'v1', 'endpoints');
export const namespaceInformer = (f: SharedInformerFactory): SharedIndexInformer<Namespace> => f.forResource<Namespace>('', 'v1', 'namespaces');
export const endpointSliceInformer = (f: SharedInformerFactory): SharedIndexInformer<EndpointSlice> => f.forResource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices');
