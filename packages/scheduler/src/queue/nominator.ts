// The PodNominator of pkg/scheduler/backend/queue: which pending pods a preemption has promised a
// node to. Filters count those pods (if at least as important as the pod being tried) as if they
// already ran there, so the room their victims free is not taken by someone else while the
// victims terminate. A nomination comes from a preemption (at once, in memory) or from
// status.nominatedNodeName as the informer delivers it; binding or deleting the pod ends it.
import type { Pod } from '@kubelite/api';
import { podInfoOf, podUid, type PodInfo } from '../framework/pod-info.js';

export interface NominatedPods {
  /** The pods nominated to a node, in nomination order. */
  nominatedPodsForNode(node: string): readonly PodInfo[];
}

const NONE: readonly PodInfo[] = [];

export class PodNominator implements NominatedPods {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  nominatedPodsForNode(node: string): readonly PodInfo[] {
    const pods = this.byNode.get(node);
    return pods ? [...pods.values()] : NONE;
  }

  /**
   * Nominates the pod to `node` (a preemption's choice, '' clearing it), or, without one, to its
   * status.nominatedNodeName. A pod already bound is never nominated.
   */
  addNominatedPod(pod: Pod, node: string = pod.status?.nominatedNodeName ?? ''): void {
    const uid = podUid(pod);
    this.deleteNominatedPodIfExists(uid);
    if (node === '' || pod.spec.nodeName) return;
    let pods = this.byNode.get(node);
    if (!pods) this.byNode.set(node, (pods = new Map()));
    pods.set(uid, podInfoOf(pod));
    this.nodeOf.set(uid, node);
  }

  /**
   * An informer update. A pod nominated in memory whose API object does not say so yet (the
   * status patch is still on its way) keeps the node; one whose status drops a nomination it
   * had loses it.
   */
  updateNominatedPod(oldPod: Pod, pod: Pod): void {
    const inMemory = this.nodeOf.get(podUid(pod)) ?? '';
    const fromStatus = pod.status?.nominatedNodeName ?? '';
    const keep = fromStatus === '' && !oldPod.status?.nominatedNodeName ? inMemory : fromStatus;
    this.addNominatedPod(pod, keep);
  }

  deleteNominatedPodIfExists(uid: string): void {
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const pods = this.byNode.get(node)!;
    pods.delete(uid);
    if (pods.size === 0) this.byNode.delete(node);
  }
}
