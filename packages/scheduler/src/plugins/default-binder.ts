// DefaultBinder (Bind): POST pods/<name>/binding with the target node. The apiserver sets
// spec.nodeName and PodScheduled=True and merges the Binding's annotations into the pod.
import type { Binding, Pod } from '@kubelite/api';
import type { BindPlugin, Handle } from '../framework/interface.js';
import { Status } from '../framework/status.js';

export const DEFAULT_BINDER = 'DefaultBinder';

export function newDefaultBinder(handle: Handle): BindPlugin {
  const pods = handle.client.resource<Pod>('', 'v1', 'pods');
  return {
    name: DEFAULT_BINDER,
    async bind(pod: Pod, nodeName: string, annotations?: Record<string, string>): Promise<Status | null> {
      const binding: Binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, ...(annotations ? { annotations } : {}) },
        target: { kind: 'Node', name: nodeName },
      };
      try {
        await pods.namespace(pod.metadata.namespace ?? 'default').request({ method: 'POST', name: pod.metadata.name ?? '', subresource: 'binding', body: binding });
        return null;
      } catch (e) {
        return Status.error(e);
      }
    },
  };
}
