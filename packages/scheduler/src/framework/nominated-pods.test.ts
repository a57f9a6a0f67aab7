// Nominated pods in Filter and in preemption's eligibility, on the default profile's real plugins
// over one hand-made 2-CPU node (the Handle is a stand-in for the cache and the API).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '@kubelite/api';
import { NodeInfo } from '../cache/node-info.js';
import { defaultConfiguration } from '../config/defaults.js';
import { PREEMPTION_BY_SCHEDULER } from '../plugins/default-preemption.js';
import { PodNominator } from '../queue/nominator.js';
import { buildFramework } from './build.js';
import { CycleState } from './cycle-state.js';
import type { Handle } from './interface.js';
import { podInfoOf } from './pod-info.js';
import { Code, Status } from './status.js';

const node: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1' },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
};

const pod = (name: string, cpu: string, priority: number, extra: Partial<Pod> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'd', uid: name, ...extra.metadata },
  spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu } } }], priority, schedulerName: 'default-scheduler' },
  status: extra.status ?? {},
});

function setup() {
  const info = new NodeInfo('n1');
  info.setNode(node);
  const nominator = new PodNominator();
  const deleted: string[] = [];
  const handle = {
    nodes: () => [info],
    nodeInfo: (name: string) => (name === 'n1' ? info : undefined),
    affinityNodes: () => ({ withAffinity: [], withAnti: [] }),
    namespaceLabels: () => ({}),
    defaultSpreadSelector: () => undefined,
    nominatedPodsForNode: (n: string) => nominator.nominatedPodsForNode(n),
    deletePod: async (p: Pod) => void deleted.push(p.metadata.name ?? ''),
    client: { resource: () => ({}) },
  } as unknown as Handle;
  const profile = defaultConfiguration().profiles[0]!;
  const fwk = buildFramework(profile, { handle });
  const filter = (p: Pod): Status | null => {
    const state = new CycleState();
    const pi = podInfoOf(p);
    expect(fwk.runPreFilterPlugins(state, pi, [info]).status).toBeNull();
    return fwk.runFilterPluginsWithNominatedPods(state, pi, info);
  };
  return { info, nominator, fwk, filter, deleted };
}

describe('filters count nominated pods', () => {
  it('holds a nominated pod’s room against less important pods only', () => {
    const { nominator, filter } = setup();
    nominator.addNominatedPod(pod('high', '1500m', 1000), 'n1');
    expect(filter(pod('low', '1', 10))?.message()).toBe('Insufficient cpu');
    expect(filter(pod('same', '1', 1000))?.message()).toBe('Insufficient cpu');
    expect(filter(pod('higher', '1', 2000))).toBeNull();
    expect(filter(pod('small', '500m', 10))).toBeNull();
    // The nominated pod itself is not counted twice.
    expect(filter(pod('high', '1500m', 1000))).toBeNull();
  });

  it('a node must fit without the nominated pods too', () => {
    const { info, nominator, filter } = setup();
    info.addPod(podInfoOf(pod('running', '1', 0)));
    nominator.addNominatedPod(pod('lower', '100m', 5), 'n1');
    expect(filter(pod('big', '1500m', 10))?.message()).toBe('Insufficient cpu');
  });
});

describe('DefaultPreemption eligibility', () => {
  const victim = (name: string): Pod =>
    pod(name, '1', 10, {
      metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' },
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: PREEMPTION_BY_SCHEDULER }] },
    });

  it('waits for victims still terminating on the nominated node instead of preempting again', async () => {
    const { info, fwk, deleted } = setup();
    info.addPod(podInfoOf(victim('v1')));
    info.addPod(podInfoOf(victim('v2')));
    const high = pod('high', '1500m', 1000, { status: { nominatedNodeName: 'n1' } });
    const filtered = { statuses: new Map([['n1', Status.unschedulable('Insufficient cpu')]]) };
    const r = await fwk.postFilter[0]!.postFilter(new CycleState(), podInfoOf(high), filtered);
    expect(r.status.code).toBe(Code.Unschedulable);
    expect(r.status.message()).toBe('preemption: not eligible due to a terminating pod on the nominated node.');
    expect(r.result).toBeUndefined();
    expect(deleted).toEqual([]);
  });

  it('preempts when the victims are not terminating, or the pod has no nominated node', async () => {
    const { info, fwk, deleted } = setup();
    info.addPod(podInfoOf(pod('v1', '1', 10)));
    info.addPod(podInfoOf(pod('v2', '1', 10)));
    const filtered = { statuses: new Map([['n1', Status.unschedulable('Insufficient cpu')]]) };
    const r = await fwk.postFilter[0]!.postFilter(new CycleState(), podInfoOf(pod('high', '1500m', 1000)), filtered);
    expect(r.status.code).toBe(Code.Success);
    expect(r.result).toEqual({ nominatedNodeName: 'n1' });
    expect(deleted.sort()).toEqual(['v1', 'v2']);
  });
});
