// A pod's QoS class (pkg/apis/core/helper/qos), computed once at creation and then immutable:
// the kubelet derives OOM scores and cgroup placement from it.
import { Quantity } from '../../quantity.js';
import type { ResourceList } from './container-types.js';
import type { PodQOSClass } from './pod-status-types.js';
import type { PodSpec } from './pod-types.js';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

function parsePositive(value: unknown): Quantity | undefined {
  try {
    const q = Quantity.fromJSON(value);
    return q.sign() > 0 ? q : undefined;
  } catch {
    return undefined;
  }
}

// Adds the positive cpu/memory amounts of `list` into `sums`; returns which resources were found.
function accumulate(list: ResourceList | undefined, sums: Map<string, Quantity>): Set<string> {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const q = parsePositive(value);
    if (!q) continue;
    found.add(name);
    const prev = sums.get(name);
    sums.set(name, prev ? prev.add(q) : q);
  }
  return found;
}

export function computePodQOS(spec: PodSpec): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    accumulate(c.resources?.requests, requests);
    const found = accumulate(c.resources?.limits, limits);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  for (const [name, req] of requests) {
    const lim = limits.get(name);
    if (!lim || !lim.equal(req)) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
