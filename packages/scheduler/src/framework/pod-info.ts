// framework.PodInfo: a pod with what the plugins would otherwise recompute on every node — its
// requests, host ports and parsed inter-pod affinity terms. Built once per pod object and
// cached by identity (an informer update brings a new object, hence a new PodInfo).
import { labelSelectorAsSelector, LabelsSelector, type Labels, type Pod, type PodAffinityTerm, type WeightedPodAffinityTerm } from '@kubelite/api';
import { podRequests, type Resource } from '../cache/resource.js';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** An affinity term with its selectors parsed and its namespaces resolved to the defaults. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: LabelsSelector;
  topologyKey: string;
  /** nothing() unless the term has a namespaceSelector */
  namespaceSelector: LabelsSelector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export type NamespaceLabels = (namespace: string) => Labels | undefined;

export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly uid: string;
  readonly requests: Resource;
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** false when labels or selectors did not parse; such terms match nothing */
  readonly parseError?: string;
}

export const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
export const podUid = (pod: Pod): string => pod.metadata.uid ?? podKey(pod);

function toTerm(owner: Pod, t: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set(t.namespaces ?? []);
  // An empty namespaces list and no namespaceSelector mean "the owner's namespace".
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(owner.metadata.namespace ?? 'default');
  return {
    namespaces,
    selector: labelSelectorAsSelector(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: t.namespaceSelector ? labelSelectorAsSelector(t.namespaceSelector) : LabelsSelector.nothing(),
  };
}

const toWeighted = (owner: Pod, w: WeightedPodAffinityTerm): WeightedAffinityTerm => ({ ...toTerm(owner, w.podAffinityTerm), weight: w.weight });

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and has the labels. */
export function termMatches(term: AffinityTerm, pod: Pod, nsLabels: NamespaceLabels): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  if (!term.namespaces.has(ns)) {
    if (term.namespaceSelector.matches(nsLabels(ns)) === false) return false;
  }
  return term.selector.matches(pod.metadata.labels ?? {});
}

function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

const cache = new WeakMap<Pod, PodInfo>();

export function podInfoOf(pod: Pod): PodInfo {
  const hit = cache.get(pod);
  if (hit) return hit;
  const info = buildPodInfo(pod);
  cache.set(pod, info);
  return info;
}

function buildPodInfo(pod: Pod): PodInfo {
  const nonZero = podRequests(pod, true);
  const base = {
    pod,
    key: podKey(pod),
    uid: podUid(pod),
    requests: podRequests(pod),
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: hostPortsOf(pod),
  };
  const aff = pod.spec.affinity;
  try {
    return {
      ...base,
      requiredAffinityTerms: (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toTerm(pod, t)),
      requiredAntiAffinityTerms: (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toTerm(pod, t)),
      preferredAffinityTerms: (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toWeighted(pod, t)),
      preferredAntiAffinityTerms: (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toWeighted(pod, t)),
    };
  } catch (e) {
    // Validation rejects bad selectors at the API; if one slips through, the terms are dropped.
    return { ...base, requiredAffinityTerms: [], requiredAntiAffinityTerms: [], preferredAffinityTerms: [], preferredAntiAffinityTerms: [], parseError: e instanceof Error ? e.message : String(e) };
  }
}

export const hasAffinity = (p: PodInfo): boolean =>
  p.requiredAffinityTerms.length + p.requiredAntiAffinityTerms.length + p.preferredAffinityTerms.length + p.preferredAntiAffinityTerms.length > 0;

export const hasRequiredAntiAffinity = (p: PodInfo): boolean => p.requiredAntiAffinityTerms.length > 0;

export const podPriority = (pod: Pod): number => pod.spec.priority ?? 0;
