// The 1.32 defaults: the default-scheduler profile's MultiPoint plugins in order (volume and DRA
// plugins are left out: kubelite has no PersistentVolumes yet) with their score weights, and the
// component defaults (leader election 15 s/10 s/2 s on kube-system/kube-scheduler, client QPS
// 50 / burst 100, backoff 1 s → 10 s).
import { DEFAULT_SCHEDULER_NAME, type SchedulerConfiguration } from './types.js';

export const DEFAULT_MULTI_POINT: ReadonlyArray<{ name: string; weight?: number }> = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultConfiguration(): SchedulerConfiguration {
  return {
    clientConnection: { qps: 50, burst: 100 },
    leaderElection: {
      leaderElect: true,
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      resourceLock: 'leases',
      resourceName: 'kube-scheduler',
      resourceNamespace: 'kube-system',
    },
    parallelism: 16,
    percentageOfNodesToScore: 0,
    podInitialBackoffSeconds: 1,
    podMaxBackoffSeconds: 10,
    profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME }],
  };
}
