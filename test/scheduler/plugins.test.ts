// Each plugin's behaviour as users see it: pods created through the real apiserver on etcd-lite,
// nodes as API objects, the kube-scheduler binary deciding; the pod's spec.nodeName is the verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '@kubelite/client';
import type { Decision } from '@kubelite/scheduler';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { adminClient, startScheduler, waitFor, type SchedulerProcess } from '../support/scheduler.js';
import { scenario } from './scenario.js';

let cluster: TestCluster;
let sched: SchedulerProcess;
let client: KubeClient;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = adminClient(cluster);
  sched = await startScheduler(cluster, {
    config: {
      profiles: [
        { schedulerName: 'default-scheduler' },
        {
          schedulerName: 'bin-packer',
          pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } } }],
          plugins: { score: { disabled: [{ name: 'NodeResourcesBalancedAllocation' }] } },
        },
      ],
    },
  });
});

afterAll(async () => {
  await sched?.stop();
  client?.close();
  await cluster?.stop();
});

const EXPLAIN = { annotations: { 'scheduler.kubelite.io/explain': 'true' } };

describe('NodeResourcesFit (the seed example)', () => {
  it('never puts a 10-CPU pod on a 4-CPU node, and prefers the 16-CPU node over the 12-CPU one (LeastAllocated)', async () => {
    const s = await scenario(client, { small: { cpu: '4' }, mid: { cpu: '12' }, big: { cpu: '16' } });
    try {
      await s.pod('ten', { cpu: '10', memory: '1Gi' }, EXPLAIN);
      expect(await s.bound('ten')).toBe('big');
      const decision = JSON.parse((await s.get('ten')).metadata.annotations?.['scheduler.kubelite.io/decision'] ?? '{}') as Decision;
      expect(decision.result).toBe(s.node('big'));
      expect(decision.nodes[s.node('small')]?.filter).toBe('NodeResourcesFit: Insufficient cpu');
      const fit = (n: string): number => decision.nodes[s.node(n)]!.scores!.NodeResourcesFit!;
      // (16−10)/16 → 37 and (12−10)/12 → 16 for cpu; memory is equal on both.
      expect(fit('big')).toBeGreaterThan(fit('mid'));
      expect(decision.nodes[s.node('big')]!.total).toBeGreaterThan(decision.nodes[s.node('mid')]!.total!);
    } finally {
      await s.cleanup();
    }
  });

  it('counts init containers (max with the regular sum) and extended resources', async () => {
    const s = await scenario(client, { two: { cpu: '2' }, four: { cpu: '4' }, gpu: { cpu: '2', extended: { 'example.com/gpu': '2' } } });
    try {
      await s.pod('init-heavy', { cpu: '500m', initContainers: [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '3' } } }] });
      expect(await s.bound('init-heavy')).toBe('four');
      await s.pod('wants-gpu', { containers: [{ name: 'c', image: 'cuda', resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '1' } } }] });
      expect(await s.bound('wants-gpu')).toBe('gpu');
    } finally {
      await s.cleanup();
    }
  });
});

describe('node placement rules', () => {
  it('NodeUnschedulable: a cordoned node gets no pods', async () => {
    const s = await scenario(client, { cordoned: { cpu: '16', unschedulable: true }, open: { cpu: '2' } });
    try {
      for (const p of ['a', 'b', 'c']) await s.pod(p, { cpu: '100m' });
      for (const p of ['a', 'b', 'c']) expect(await s.bound(p)).toBe('open');
    } finally {
      await s.cleanup();
    }
  });

  it('NodeAffinity: nodeSelector, required Gt/In/Exists terms and the preferred term with the most weight', async () => {
    const s = await scenario(client, {
      hdd: { labels: { disk: 'hdd', gen: '3' } },
      ssd3: { labels: { disk: 'ssd', gen: '3' } },
      ssd5: { labels: { disk: 'ssd', gen: '5', gpu: 'yes' } },
    });
    try {
      await s.pod('selector', { nodeSelector: { disk: 'hdd' } });
      expect(await s.bound('selector')).toBe('hdd');
      const required = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }, { key: 'gpu', operator: 'Exists' }] }] };
      await s.pod('gt', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } });
      expect(await s.bound('gt')).toBe('ssd5');
      const preferred = [
        { weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
        { weight: 90, preference: { matchExpressions: [{ key: 'gen', operator: 'NotIn', values: ['5'] }, { key: 'disk', operator: 'In', values: ['ssd'] }] } },
      ];
      await s.pod('preferred', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } });
      expect(await s.bound('preferred')).toBe('ssd3');
    } finally {
      await s.cleanup();
    }
  });

  it('TaintToleration: NoSchedule keeps pods off unless tolerated; PreferNoSchedule is avoided', async () => {
    const s = await scenario(client, {
      tainted: { cpu: '16', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
      soft: { cpu: '16', taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] },
      plain: { cpu: '2' },
    });
    try {
      await s.pod('plain-pod', { cpu: '100m' });
      // LeastAllocated prefers the 16-CPU nodes, but the taints outweigh it (TaintToleration weight 3).
      expect(await s.bound('plain-pod')).toBe('plain');
      await s.pod('tolerant', { cpu: '100m', nodeSelector: { 'kubernetes.io/hostname': s.node('tainted') }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
      expect(await s.bound('tolerant')).toBe('tainted');
    } finally {
      await s.cleanup();
    }
  });

  it('NodePorts: two pods asking for the same host port land on different nodes', async () => {
    const s = await scenario(client, { a: {}, b: {} });
    try {
      const spec = { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] };
      await s.pod('p1', spec);
      const first = await s.bound('p1');
      await s.pod('p2', spec);
      const second = await s.bound('p2');
      expect(new Set([first, second]).size).toBe(2);
    } finally {
      await s.cleanup();
    }
  });

  it('ImageLocality: of two equal nodes, the one that has the image wins', async () => {
    const s = await scenario(client, { without: {}, with: { images: [{ names: ['example.com/big:1.0'], sizeBytes: 800 * 1024 * 1024 }] } });
    try {
      await s.pod('img', { containers: [{ name: 'c', image: 'example.com/big:1.0' }] });
      expect(await s.bound('img')).toBe('with');
    } finally {
      await s.cleanup();
    }
  });
});

describe('pods with or apart from other pods', () => {
  const zones = { z1a: { labels: { 'topology.kubernetes.io/zone': 'z1' } }, z1b: { labels: { 'topology.kubernetes.io/zone': 'z1' } }, z2a: { labels: { 'topology.kubernetes.io/zone': 'z2' } } };

  it('InterPodAffinity: required affinity follows the db pod; required anti-affinity keeps web replicas apart', async () => {
    const s = await scenario(client, zones);
    try {
      await s.pod('db', { nodeSelector: { 'kubernetes.io/hostname': s.node('z2a') } }, { labels: { app: 'db' } });
      await s.bound('db');
      const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' }] } };
      await s.pod('near-db', { affinity }, { labels: { app: 'cache' } });
      expect(await s.bound('near-db')).toBe('z2a');
      const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
      for (const p of ['web1', 'web2', 'web3']) await s.pod(p, { affinity: anti }, { labels: { app: 'web' } });
      const hosts = await Promise.all(['web1', 'web2', 'web3'].map((p) => s.bound(p)));
      expect(new Set(hosts).size).toBe(3);
      // A fourth replica has nowhere to go: every node already runs one.
      await s.pod('web4', { affinity: anti }, { labels: { app: 'web' } });
      const msg = await waitFor('web4 unschedulable', async () => (await s.get('web4')).status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message);
      expect(msg).toContain("3 node(s) didn't match pod anti-affinity rules");
    } finally {
      await s.cleanup();
    }
  });

  it('PodTopologySpread: DoNotSchedule with maxSkew 1 spreads 4 pods 2/2 over two zones', async () => {
    const s = await scenario(client, zones);
    try {
      const tsc = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }];
      const zoneOf = (n: string): string => (n.startsWith('z1') ? 'z1' : 'z2');
      const placed: string[] = [];
      for (const p of ['s1', 's2', 's3', 's4']) {
        await s.pod(p, { topologySpreadConstraints: tsc }, { labels: { app: 'spread' } });
        placed.push(zoneOf(await s.bound(p)));
      }
      expect(placed.filter((z) => z === 'z1')).toHaveLength(2);
      expect(placed.filter((z) => z === 'z2')).toHaveLength(2);
    } finally {
      await s.cleanup();
    }
  });
});

describe('profiles from --config', () => {
  it('a MostAllocated profile (schedulerName bin-packer) packs pods onto the fuller node', async () => {
    const s = await scenario(client, { a: { cpu: '8' }, b: { cpu: '8' } });
    try {
      await s.pod('seed', { cpu: '4', nodeSelector: { 'kubernetes.io/hostname': s.node('a') } });
      await s.bound('seed');
      await s.pod('packed', { cpu: '1', schedulerName: 'bin-packer' });
      expect(await s.bound('packed')).toBe('a');
      await s.pod('spread', { cpu: '1' });
      expect(await s.bound('spread')).toBe('b');
    } finally {
      await s.cleanup();
    }
  });
});
