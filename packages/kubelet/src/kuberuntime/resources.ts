// Pod resources → Docker HostConfig values (reference §2): cpu shares from requests, CFS quota
// from limits, memory limit with swap equal to it, and the OOM score adjustment by QoS class.
import { computePodQOS, Quantity, type Container, type Pod, type QuantityValue } from '@kubelite/api';
import type { LinuxResources } from '../runtime/types.js';

const MIN_SHARES = 2;
const SHARES_PER_CPU = 1024;
const CPU_PERIOD_US = 100_000;
const MIN_QUOTA_US = 1000;

const milli = (v: QuantityValue | undefined): number => (v === undefined ? 0 : Quantity.parse(String(v)).milliValue());
const bytes = (v: QuantityValue | undefined): number => (v === undefined ? 0 : Quantity.parse(String(v)).value());

export function linuxResources(pod: Pod, container: Container, nodeMemoryBytes: number, critical: boolean): LinuxResources {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  const cpuRequest = milli(requests.cpu) || milli(limits.cpu);
  const cpuLimit = milli(limits.cpu);
  return {
    cpuShares: Math.max(MIN_SHARES, Math.floor((cpuRequest * SHARES_PER_CPU) / 1000)),
    cpuPeriod: CPU_PERIOD_US,
    cpuQuota: cpuLimit > 0 ? Math.max(MIN_QUOTA_US, Math.floor((cpuLimit * CPU_PERIOD_US) / 1000)) : 0,
    memoryLimitBytes: bytes(limits.memory),
    oomScoreAdj: oomScoreAdjust(pod, container, nodeMemoryBytes, critical),
  };
}

/**
 * Upstream's policy (-997 for critical and Guaranteed pods, 1000 for BestEffort, 3..999 by memory
 * request for Burstable), then clamped at 0: dockerd on these machines lacks CAP_SYS_RESOURCE and
 * every container with a negative adjustment fails to start (reference §2, VERIFIED).
 */
export function oomScoreAdjust(pod: Pod, container: Container, nodeMemoryBytes: number, critical: boolean): number {
  const qos = computePodQOS(pod.spec!);
  let adj: number;
  if (critical || qos === 'Guaranteed') adj = -997;
  else if (qos === 'BestEffort') adj = 1000;
  else {
    const request = bytes(container.resources?.requests?.memory);
    adj = 1000 - Math.floor((1000 * request) / Math.max(1, nodeMemoryBytes));
    if (adj < 3) adj = 3;
    if (adj === 1000) adj = 999;
  }
  return Math.max(0, adj);
}
