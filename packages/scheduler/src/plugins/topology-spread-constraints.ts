// PodTopologySpread's view of constraints: the pod's own (DoNotSchedule for Filter, ScheduleAnyway
// for Score) with labelSelector and matchLabelKeys merged into one selector, or — for scoring a
// pod with none, selected by a Service/ReplicaSet/StatefulSet — the system defaults (hostname
// maxSkew 3, zone maxSkew 5, both ScheduleAnyway). Node inclusion policies decide which nodes
// count: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Ignore (default).
import { labelSelectorAsSelector, newRequirement, type LabelsSelector, type Node, type Pod, type TopologySpreadConstraint } from '@kubelite/api';
import type { NodeInfo } from '../cache/node-info.js';
import { RequiredNodeAffinity } from './helpers/node-selector.js';
import { findUntoleratedTaint } from './helpers/taints.js';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelsSelector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

export function buildConstraints(pod: Pod, wanted: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const out: Constraint[] = [];
  for (const c of pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== wanted) continue;
    out.push(fromSpec(pod, c));
  }
  return out;
}

function fromSpec(pod: Pod, c: TopologySpreadConstraint): Constraint {
  let selector = labelSelectorAsSelector(c.labelSelector);
  // matchLabelKeys: the pod's own values for those keys join the selector.
  const labels = pod.metadata.labels ?? {};
  for (const k of c.matchLabelKeys ?? []) if (Object.hasOwn(labels, k)) selector = selector.add(newRequirement(k, 'in', [labels[k]!]));
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: c.nodeTaintsPolicy === 'Honor',
  };
}

export function systemDefaultConstraints(selector: LabelsSelector): Constraint[] {
  const base = { selector, minDomains: 1, honorAffinity: true, honorTaints: false };
  return [
    { ...base, maxSkew: 3, topologyKey: LABEL_HOSTNAME },
    { ...base, maxSkew: 5, topologyKey: LABEL_ZONE },
  ];
}

export function nodeHasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  const labels = node.labels;
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

/** Whether the node takes part in the constraint's counting. */
export function nodeIncluded(c: Constraint, pod: Pod, node: Node, affinity: RequiredNodeAffinity): boolean {
  if (c.honorAffinity && !affinity.match(node)) return false;
  if (c.honorTaints && findUntoleratedTaint(node.spec?.taints ?? [], pod.spec.tolerations, ['NoSchedule', 'NoExecute'])) return false;
  return true;
}

/** Pods on the node in the pod's namespace, matching the selector, not terminating. */
export function countMatching(node: NodeInfo, selector: LabelsSelector, namespace: string): number {
  let n = 0;
  for (const p of node.pods) {
    const m = p.pod.metadata;
    if (m.deletionTimestamp || (m.namespace ?? 'default') !== namespace) continue;
    if (selector.matches(m.labels ?? {})) n++;
  }
  return n;
}

export { RequiredNodeAffinity };
