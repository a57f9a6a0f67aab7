// Mirror pods (reference §7): the API's read-only copy of a static pod, `<name>-<node>` with the
// kubernetes.io/config.mirror annotation and the Node as controller owner, so `kubectl get pods`
// shows the control plane. Deleting one through the API does not stop the static pod: the kubelet
// just posts it again.
import type { Node, Pod } from '@kubelite/api';
import { isAlreadyExists, isNotFound, type KubeClient, type ResourceClient } from '@kubelite/client';
import { CONFIG_HASH, CONFIG_MIRROR } from '../config/static-pod.js';

export class MirrorClient {
  private readonly pods: ResourceClient<Pod>;

  constructor(client: KubeClient) {
    this.pods = client.resource<Pod>('', 'v1', 'pods');
  }

  /** Makes the mirror pod match the static pod; returns the mirror as the API has it. */
  async ensure(staticPod: Pod, existing: Pod | undefined, node: Node): Promise<Pod | undefined> {
    const hash = staticPod.metadata.annotations?.[CONFIG_HASH];
    const ns = staticPod.metadata.namespace ?? 'default';
    if (existing) {
      const current = existing.metadata.annotations?.[CONFIG_MIRROR] === hash && !existing.metadata.deletionTimestamp;
      if (current) return existing;
      await this.pods
        .namespace(ns)
        .delete(existing.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: existing.metadata.uid } })
        .catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
    }
    if (!node.metadata.uid || node.metadata.deletionTimestamp) return undefined;
    const mirror: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: staticPod.metadata.name,
        namespace: ns,
        labels: staticPod.metadata.labels,
        annotations: { ...staticPod.metadata.annotations, [CONFIG_MIRROR]: hash ?? '' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid, controller: true }],
      },
      spec: staticPod.spec,
    };
    try {
      return await this.pods.namespace(ns).create(mirror);
    } catch (err) {
      if (isAlreadyExists(err)) return undefined; // seen on the next sync through the informer
      throw err;
    }
  }

  async delete(mirror: Pod): Promise<void> {
    await this.pods
      .namespace(mirror.metadata.namespace ?? 'default')
      .delete(mirror.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: mirror.metadata.uid } })
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
  }
}
