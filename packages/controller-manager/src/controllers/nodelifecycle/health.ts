// Per-node health bookkeeping (C.2): when did we last see the kubelet alive — a new Ready
// heartbeat or a renewed Lease — and the condition rewrite once that is older than the grace
// period: Ready, MemoryPressure, DiskPressure and PIDPressure become Unknown.
import type { Node, NodeCondition } from '@kubelite/api';
import type { Lease } from '@kubelite/client';
import { rfc3339 } from '../../controller/pod-util.js';

export interface NodeHealth {
  probeTimestamp: number;
  lastHeartbeat: string;
  leaseRenew: string;
}

const STALE_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Refreshes `h` from the node and its Lease; returns the updated record. */
export function observe(h: NodeHealth | undefined, node: Node, lease: Lease | undefined, now: number): NodeHealth {
  const heartbeat = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime ?? '';
  const renew = lease?.spec?.renewTime ?? '';
  if (!h) return { probeTimestamp: now, lastHeartbeat: heartbeat, leaseRenew: renew };
  const next = { ...h };
  if (heartbeat !== h.lastHeartbeat) {
    next.lastHeartbeat = heartbeat;
    next.probeTimestamp = now;
  }
  if (renew && renew > h.leaseRenew) {
    next.leaseRenew = renew;
    next.probeTimestamp = now;
  }
  return next;
}

/** The node's conditions with the stale ones set Unknown; undefined when nothing changes. */
export function staleConditions(node: Node): NodeCondition[] | undefined {
  const now = rfc3339();
  const conditions = [...(node.status?.conditions ?? [])].map((c) => ({ ...c }));
  let changed = false;
  for (const type of STALE_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? now,
        lastTransitionTime: now,
      });
      changed = true;
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now });
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}
