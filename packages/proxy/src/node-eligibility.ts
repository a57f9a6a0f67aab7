// Upstream's node eligibility for /healthz: a Node being deleted, or marked for deletion by the
// cluster autoscaler, makes /healthz fail so external load balancers drain it first. A Node
// that does not exist (yet) is eligible.
import type { Node } from '@kubelite/api';
import { unwrapTombstone, type Logger, type SharedIndexInformer } from '@kubelite/client';
import type { ProxierHealth } from './health.js';

export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';

export function nodeEligible(node: Node): boolean {
  if (node.metadata.deletionTimestamp) return false;
  return !(node.spec?.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT);
}

export function watchNodeEligibility(informer: SharedIndexInformer<Node>, health: ProxierHealth, log: Logger): void {
  const set = (eligible: boolean, node: string): void => {
    if (health.nodeEligible !== eligible) log.info({ node, eligible }, 'node eligibility for load-balancer traffic changed');
    health.nodeEligible = eligible;
  };
  informer.addEventHandler({
    onAdd: (n) => set(nodeEligible(n), n.metadata.name ?? ''),
    onUpdate: (_o, n) => set(nodeEligible(n), n.metadata.name ?? ''),
    onDelete: (n) => set(false, unwrapTombstone(n).metadata.name ?? ''),
  });
}
