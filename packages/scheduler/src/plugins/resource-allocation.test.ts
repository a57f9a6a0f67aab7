import { describe, expect, it } from 'vitest';
import { leastAllocated, mostAllocated, requestedToCapacityRatio } from './resource-allocation.js';
import { podRequests } from '../cache/resource.js';
import type { Pod } from '@kubelite/api';

const R = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

describe('scoring strategies', () => {
  it('LeastAllocated: the seed example prefers the 16-CPU node', () => {
    const score = leastAllocated(R);
    expect(score([10_000, 2 ** 30], [16_000, 32 * 2 ** 30])).toBe(Math.trunc((37 + 96) / 2));
    expect(score([10_000, 2 ** 30], [12_000, 32 * 2 ** 30])).toBe(Math.trunc((16 + 96) / 2));
    expect(score([13_000, 0], [12_000, 32 * 2 ** 30])).toBe(50);
  });

  it('MostAllocated and RequestedToCapacityRatio', () => {
    expect(mostAllocated(R)([2000, 0], [4000, 100])).toBe(25);
    const ratio = requestedToCapacityRatio(R, [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]);
    expect(ratio([2000, 50], [4000, 100])).toBe(50);
  });
});

describe('pod requests', () => {
  it('takes the max of the regular sum and init needs, with sidecars, plus overhead', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'a', resources: { requests: { cpu: '500m' } } }],
        initContainers: [
          { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
          { name: 'init', resources: { requests: { cpu: '1' } } },
        ],
        overhead: { cpu: '100m' },
      },
    };
    // regular 500m + sidecar 200m = 700m; init 1000m + sidecar 200m = 1200m → max 1200m + 100m;
    // memory (non-zero defaults 200Mi each): 400Mi either way.
    expect(podRequests(pod).milliCPU).toBe(1300);
    expect(podRequests(pod, true).memory).toBe(2 * 200 * 1024 * 1024);
  });
});
