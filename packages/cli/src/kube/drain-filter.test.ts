import type { Pod } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { planDrain } from './drain-filter.js';

const pod = (name: string, extra: Partial<Pod['metadata']> = {}, emptyDir = false): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...extra },
  spec: { containers: [], volumes: emptyDir ? [{ name: 'scratch', emptyDir: {} }] : [] },
});
const owned = (kind: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'o', uid: 'u', controller: true }] });

describe('planDrain', () => {
  const pods = [pod('rs-pod', owned('ReplicaSet')), pod('ds-pod', owned('DaemonSet')), pod('bare'), pod('mirror', { annotations: { 'kubernetes.io/config.mirror': 'x' } })];
  it('refuses DaemonSet and unmanaged pods without the flags, naming them', () => {
    const plan = planDrain(pods, {});
    expect(plan.errors).toEqual([
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds-pod',
      'cannot delete Pods that declare no controller (use --force to override): default/bare',
    ]);
  });
  it('evicts managed and (forced) bare pods, ignores DaemonSet and mirror pods', () => {
    const plan = planDrain(pods, { force: true, ignoreDaemonsets: true });
    expect(plan.errors).toEqual([]);
    expect(plan.evict.map((p) => p.metadata.name)).toEqual(['rs-pod', 'bare']);
    expect(plan.warnings).toEqual(['ignoring DaemonSet-managed Pods: default/ds-pod', 'deleting Pods that declare no controller: default/bare']);
  });
  it('needs --delete-emptydir-data for emptyDir pods', () => {
    expect(planDrain([pod('scratch', owned('ReplicaSet'), true)], {}).errors[0]).toContain('use --delete-emptydir-data');
    expect(planDrain([pod('scratch', owned('ReplicaSet'), true)], { deleteEmptydirData: true }).errors).toEqual([]);
  });
});
