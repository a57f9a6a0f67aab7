// The taints the node lifecycle controller manages (C.3): NoSchedule taints derived from node
// conditions and cordoning, and the NoExecute not-ready/unreachable pair. Writes are a fresh GET
// and a conditional update, retried on conflict, touching only the managed keys.
import type { Node, Taint } from '@kubelite/api';
import { isConflict, type ResourceClient } from '@kubelite/client';
import { rfc3339 } from '../../controller/pod-util.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
};
const MANAGED_NO_SCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);

export function readyStatus(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** The NoSchedule taints the node's conditions and spec.unschedulable call for. */
export function desiredNoScheduleTaints(node: Node): string[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec?.unschedulable) keys.push(TAINT_UNSCHEDULABLE);
  return keys;
}

export function noScheduleTaintsInSync(node: Node): boolean {
  const want = new Set(desiredNoScheduleTaints(node));
  const have = new Set((node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)).map((t) => t.key));
  return want.size === have.size && [...want].every((k) => have.has(k));
}

/** Rewrites a node's taints with `edit`, retrying conflicts with a fresh copy. */
export async function updateTaints(nodes: ResourceClient<Node>, name: string, edit: (taints: Taint[], node: Node) => Taint[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const node = await nodes.get(name);
    const before = node.spec?.taints ?? [];
    const after = edit([...before], node);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    try {
      await nodes.update({ ...node, spec: { ...node.spec, taints: after } });
      return;
    } catch (err) {
      if (!isConflict(err) || attempt >= 4) throw err;
    }
  }
}

export function syncNoScheduleTaints(taints: Taint[], node: Node): Taint[] {
  const want = desiredNoScheduleTaints(node);
  const kept = taints.filter((t) => !(t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key) && !want.includes(t.key)));
  for (const key of want) {
    if (!kept.some((t) => t.key === key && t.effect === 'NoSchedule')) kept.push({ key, effect: 'NoSchedule', timeAdded: rfc3339() });
  }
  return kept;
}

/** Sets the NoExecute taint for `key` (or none when undefined), removing the other one. */
export function setNoExecute(taints: Taint[], key: string | undefined): Taint[] {
  const kept = taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE) && t.key !== key));
  if (key && !kept.some((t) => t.key === key && t.effect === 'NoExecute')) kept.push({ key, effect: 'NoExecute', timeAdded: rfc3339() });
  return kept;
}

export function noExecuteKey(node: Node): string | undefined {
  return node.spec?.taints?.find((t) => t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE))?.key;
}
