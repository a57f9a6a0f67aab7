// Where a DaemonSet pod belongs (E.3): node selector and required node affinity must match, an
// untolerated NoSchedule/NoExecute taint keeps a new pod off the node; and how a DS pod is
// pinned — required node affinity on metadata.name, plus the tolerations every DS pod carries.
import type { Node, NodeSelectorRequirement, PodTemplateSpec, Toleration } from '@kubelite/api';
import { tolerates } from '../../controller/taints.js';

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In': return value !== undefined && vals.includes(value);
    case 'NotIn': return value === undefined || !vals.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(vals[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(vals[0]);
    default: return false;
  }
}

export function shouldRunOn(template: PodTemplateSpec, node: Node): boolean {
  const spec = template.spec;
  const name = node.metadata.name ?? '';
  const labels = node.metadata.labels ?? {};
  if (spec.nodeName && spec.nodeName !== name) return false;
  if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && terms.length > 0) {
    const ok = terms.some(
      (t) =>
        (t.matchExpressions ?? []).every((r) => requirementMatches(r, labels[r.key])) &&
        (t.matchFields ?? []).every((r) => requirementMatches(r, r.key === 'metadata.name' ? name : undefined)),
    );
    if (!ok) return false;
  }
  const tolerations = withDaemonTolerations(template).spec.tolerations;
  return (node.spec?.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tolerates(tolerations, t));
}

const DS_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function withDaemonTolerations(t: PodTemplateSpec): PodTemplateSpec {
  const extra = [...DS_TOLERATIONS];
  if (t.spec.hostNetwork) extra.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const have = t.spec.tolerations ?? [];
  const add = extra.filter((e) => !have.some((h) => h.key === e.key && h.effect === e.effect));
  return { ...t, spec: { ...t.spec, tolerations: [...have, ...add] } };
}

/** Replaces required node affinity with one term selecting this node by name. */
export function pinToNode(t: PodTemplateSpec, node: string): PodTemplateSpec {
  const affinity = t.spec.affinity ?? {};
  const nodeAffinity = {
    ...(affinity.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
  };
  return { ...t, spec: { ...t.spec, affinity: { ...affinity, nodeAffinity } } };
}
