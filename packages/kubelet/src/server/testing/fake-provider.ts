// A KubeletPodProvider over a list of pods and one FakeRuntime, plus builders for pods whose
// status points at the fake's containers the way the kubelet's status would.
import { randomUUID } from 'node:crypto';
import type { ContainerStatus as ApiContainerStatus, Pod } from '@kubelite/api';
import type { ContainerRuntime, ContainerStatus } from '../../runtime/types.js';
import type { KubeletPodProvider } from '../types.js';
import { FakeRuntime } from './fake-runtime.js';

export class FakePodProvider implements KubeletPodProvider {
  readonly pods: Pod[] = [];

  constructor(readonly runtime: FakeRuntime = new FakeRuntime()) {}

  listPods(): Pod[] {
    return [...this.pods];
  }

  getPod(namespace: string, name: string, uid?: string): Pod | undefined {
    return this.pods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name && (!uid || p.metadata.uid === uid));
  }

  runtimeFor(): ContainerRuntime {
    return this.runtime;
  }

  async containers(pod: Pod): Promise<ContainerStatus[]> {
    const all = await this.runtime.listContainers({ podUid: pod.metadata.uid ?? '' });
    return all.sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime());
  }

  /**
   * Adds a pod with these containers, one running instance each (id `<pod>-<container>-0`),
   * and a status that reports them running.
   */
  addPod(name: string, containers: string[], opts: { namespace?: string; tty?: boolean } = {}): Pod {
    const namespace = opts.namespace ?? 'default';
    const uid = randomUUID();
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, uid },
      spec: { containers: containers.map((c) => ({ name: c, image: 'kubelite/busybox:1.36', ...(opts.tty ? { tty: true, stdin: true } : {}) })) },
      status: { phase: 'Running', containerStatuses: [] },
    };
    for (const c of containers) {
      const id = `${name}-${c}-0`;
      this.runtime.addContainer({ id, pod: { uid, name, namespace }, name: c });
      pod.status?.containerStatuses?.push(runningStatus(c, id));
    }
    this.pods.push(pod);
    return pod;
  }

  /** Replaces one container's status (e.g. to make it waiting, terminated or restarted). */
  setStatus(pod: Pod, status: ApiContainerStatus): void {
    const list = pod.status?.containerStatuses ?? [];
    const i = list.findIndex((s) => s.name === status.name);
    if (i >= 0) list[i] = status;
    else list.push(status);
  }
}

export function runningStatus(name: string, id: string, restartCount = 0): ApiContainerStatus {
  return {
    name,
    state: { running: { startedAt: new Date().toISOString() } },
    ready: true,
    restartCount,
    image: 'kubelite/busybox:1.36',
    imageID: 'docker://sha256:0000',
    containerID: `docker://${id}`,
  };
}
