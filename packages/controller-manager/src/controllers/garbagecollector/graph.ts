// The garbage collector's view of the cluster (the GraphBuilder's dependency graph, kept as
// maps): every object of every watched resource by UID, and for every owner UID the UIDs of the
// objects that name it in their ownerReferences. Owners never seen (yet) are simply absent;
// the collector verifies them with a live GET before deciding anything.
import type { KubeObject, ResourceInfo } from '@kubelite/api';
import { metaNamespaceKeyFunc, type SharedIndexInformer } from '@kubelite/client';

export interface GraphNode {
  uid: string;
  info: ResourceInfo;
  key: string;
  informer: SharedIndexInformer<KubeObject>;
  owners: string[];
}

export class Graph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  object(uid: string): KubeObject | undefined {
    const n = this.nodes.get(uid);
    const obj = n?.informer.getIndexer().getByKey(n.key);
    return obj?.metadata.uid === uid ? obj : undefined;
  }

  upsert(obj: KubeObject, info: ResourceInfo, informer: SharedIndexInformer<KubeObject>): void {
    const uid = obj.metadata.uid ?? '';
    const owners = (obj.metadata.ownerReferences ?? []).map((r) => r.uid);
    const prev = this.nodes.get(uid);
    for (const o of prev?.owners ?? []) if (!owners.includes(o)) this.dependents.get(o)?.delete(uid);
    for (const o of owners) {
      let set = this.dependents.get(o);
      if (!set) this.dependents.set(o, (set = new Set()));
      set.add(uid);
    }
    this.nodes.set(uid, { uid, info, key: metaNamespaceKeyFunc(obj), informer, owners });
  }

  remove(obj: KubeObject): void {
    const uid = obj.metadata.uid ?? '';
    const n = this.nodes.get(uid);
    if (!n) return;
    for (const o of n.owners) {
      const set = this.dependents.get(o);
      set?.delete(uid);
      if (set?.size === 0) this.dependents.delete(o);
    }
    this.nodes.delete(uid);
  }

  dependentsOf(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])];
  }

  has(uid: string): boolean {
    return this.nodes.has(uid);
  }
}
