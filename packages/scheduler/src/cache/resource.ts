// framework.Resource and the pod request arithmetic of component-helpers' PodRequests: regular
// containers summed, init containers as a running max with restartable (sidecar) containers
// added to both, then spec.overhead. Scoring uses the "non-zero" variant where a container that
// names no cpu/memory request counts as 100m / 200Mi.
import type { Container, Node, Pod, ResourceList } from '@kubelite/api';
import { intValue, milliValue } from './quantities.js';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** extended resources, hugepages, attachable volumes: name → integer amount */
  scalar: Map<string, number>;
}

export const emptyResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() });

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** Resource names the filter compares as scalars: everything but cpu, memory, storage and pods. */
export function isScalarResourceName(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && name !== 'pods';
}

export function resourceFromList(list: ResourceList | undefined): Resource {
  const r = emptyResource();
  if (!list) return r;
  for (const [name, q] of Object.entries(list)) addNamed(r, name, q === undefined ? 0 : name === 'cpu' ? milliValue(q) : intValue(q));
  return r;
}

function addNamed(r: Resource, name: string, amount: number): void {
  switch (name) {
    case 'cpu':
      r.milliCPU += amount;
      return;
    case 'memory':
      r.memory += amount;
      return;
    case 'ephemeral-storage':
      r.ephemeralStorage += amount;
      return;
    case 'pods':
      r.allowedPodNumber += amount;
      return;
    default:
      r.scalar.set(name, (r.scalar.get(name) ?? 0) + amount);
  }
}

export function addResource(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  into.allowedPodNumber += sign * r.allowedPodNumber;
  for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
}

function maxResource(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  into.allowedPodNumber = Math.max(into.allowedPodNumber, r.allowedPodNumber);
  for (const [k, v] of r.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, v));
}

function containerRequests(c: Container, nonZero: boolean): Resource {
  const requests = c.resources?.requests;
  const r = resourceFromList(requests);
  if (nonZero) {
    // Only a missing key gets the default; an explicit 0 stays 0 (GetNonzeroRequestForResource).
    if (requests?.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (requests?.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** PodRequests: what the pod needs from a node; nonZero applies the scoring defaults. */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const total = emptyResource();
  for (const c of pod.spec.containers ?? []) addResource(total, containerRequests(c, nonZero));
  const sidecars = emptyResource();
  const initNeed = emptyResource();
  for (const c of pod.spec.initContainers ?? []) {
    const req = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod total and to what later init containers see.
      addResource(total, req);
      addResource(sidecars, req);
      maxResource(initNeed, sidecars);
    } else {
      const need = cloneResource(req);
      addResource(need, sidecars);
      maxResource(initNeed, need);
    }
  }
  maxResource(total, initNeed);
  if (pod.spec.overhead) addResource(total, resourceFromList(pod.spec.overhead));
  return total;
}

export function nodeAllocatable(node: Node): Resource {
  return resourceFromList(node.status?.allocatable ?? node.status?.capacity);
}
