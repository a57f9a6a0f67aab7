// A pod that fits nowhere: what the user sees (PodScheduled=False/Unschedulable with Kubernetes'
// message, a FailedScheduling event) and how quickly it is placed once a node that fits appears
// (the NodeAdd event moves it out of the unschedulable queue; no backoff wait). Also preemption.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Event, Pod } from '@kubelite/api';
import type { KubeClient } from '@kubelite/client';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { adminClient, createNode, getPod, podObject, startScheduler, waitFor, type SchedulerProcess } from '../support/scheduler.js';
import { scenario } from './scenario.js';

let cluster: TestCluster;
let sched: SchedulerProcess;
let client: KubeClient;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = adminClient(cluster);
  sched = await startScheduler(cluster);
});

afterAll(async () => {
  await sched?.stop();
  client?.close();
  await cluster?.stop();
});

const scheduledFalse = async (ns: string, name: string) =>
  (await getPod(client, ns, name)).status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');

const failedEvents = async (ns: string, name: string): Promise<Event[]> =>
  (await client.resource<Event>('', 'v1', 'events').namespace(ns).list({ fieldSelector: `involvedObject.name=${name}` })).items.filter((e) => e.reason === 'FailedScheduling');

it('with no nodes at all the pod says so', async () => {
  await client.resource<Pod>('', 'v1', 'pods').namespace('default').create(podObject('lonely', { cpu: '1' }));
  const cond = await waitFor('PodScheduled=False', () => scheduledFalse('default', 'lonely'));
  expect(cond).toMatchObject({ reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
  await client.resource<Pod>('', 'v1', 'pods').namespace('default').delete('lonely', { gracePeriodSeconds: 0 });
});

it('gets PodScheduled=False, a FailedScheduling event with the counted reasons, and is bound within 2 s of a fitting node', async () => {
  const s = await scenario(client, {
    a: { cpu: '2' },
    b: { cpu: '2' },
    tainted: { cpu: '8', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
  });
  try {
    await s.pod('big', { cpu: '3' });
    const expected =
      '0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..';
    const cond = await waitFor('PodScheduled=False', () => scheduledFalse(s.ns, 'big'));
    expect(cond).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: expected });
    const [ev] = await waitFor('FailedScheduling event', async () => {
      const evs = await failedEvents(s.ns, 'big');
      return evs.length > 0 ? evs : undefined;
    });
    expect(ev).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message: expected, action: 'Scheduling', reportingComponent: 'default-scheduler' });
    expect(ev!.involvedObject).toMatchObject({ kind: 'Pod', name: 'big', namespace: s.ns });

    // The pod is parked (not retried in a loop): no new events while nothing changes.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await failedEvents(s.ns, 'big')).length).toBe(1);

    const t0 = Date.now();
    await createNode(client, s.node('roomy'), { cpu: '4' });
    const node = await waitFor('big bound', async () => (await s.get('big')).spec.nodeName, 2000, 20);
    const elapsed = Date.now() - t0;
    expect(node).toBe(s.node('roomy'));
    expect(elapsed).toBeLessThan(2000);
    console.log(`bound ${elapsed} ms after the fitting node was created`);
    const scheduled = (await client.resource<Event>('', 'v1', 'events').namespace(s.ns).list()).items.filter((e) => e.reason === 'Scheduled');
    await waitFor('Scheduled event', async () => (await client.resource<Event>('', 'v1', 'events').namespace(s.ns).list()).items.some((e) => e.reason === 'Scheduled' && e.message === `Successfully assigned ${s.ns}/big to ${s.node('roomy')}`));
    expect(scheduled.length).toBeLessThanOrEqual(1);
  } finally {
    await client.resource('', 'v1', 'nodes').delete(s.node('roomy')).catch(() => undefined);
    await s.cleanup();
  }
});

it('a pod that asked for an explanation gets every node verdict when unschedulable', async () => {
  const s = await scenario(client, { a: { cpu: '1' }, b: { cpu: '1', labels: { disk: 'ssd' } } });
  try {
    await s.pod('explained', { cpu: '2', nodeSelector: { disk: 'ssd' } }, { annotations: { 'scheduler.kubelite.io/explain': 'true' } });
    const decision = await waitFor('decision annotation', async () => (await s.get('explained')).metadata.annotations?.['scheduler.kubelite.io/decision']);
    const d = JSON.parse(decision) as { result: string; nodes: Record<string, { filter: string }> };
    expect(d.result).toBe('Unschedulable');
    expect(d.nodes[s.node('a')]!.filter).toBe("NodeAffinity: node(s) didn't match Pod's node affinity/selector");
    expect(d.nodes[s.node('b')]!.filter).toBe('NodeResourcesFit: Insufficient cpu');
  } finally {
    await s.cleanup();
  }
});

it('preempts lower-priority pods for a higher-priority one, nominates the node and holds it', async () => {
  const s = await scenario(client, { only: { cpu: '2' } });
  try {
    await s.pod('low1', { cpu: '1', priority: 10 });
    await s.pod('low2', { cpu: '1', priority: 10 });
    await s.bound('low1');
    await s.bound('low2');
    await s.pod('high', { cpu: '1500m', priority: 1000 });
    // Both victims are marked and deleted gracefully (1.5 CPU needs both gone); with no kubelet
    // here the test confirms the deletions as a kubelet would once the containers stopped.
    const pods = client.resource<Pod>('', 'v1', 'pods').namespace(s.ns);
    const victims = await waitFor('victims terminating', async () => {
      const terminating = (await pods.list()).items.filter((p) => p.metadata.deletionTimestamp);
      return terminating.length === 2 ? terminating : undefined;
    });
    for (const v of victims) {
      expect(v.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: 'default-scheduler: preempting to accommodate a higher priority pod',
      });
    }
    await waitFor('high nominated', async () => (await s.get('high')).status?.nominatedNodeName === s.node('only'));

    // A pod of middle priority finds the node promised to high: preempting the same victims
    // would not make room for it next to high, so it neither preempts nor is nominated.
    await s.pod('mid', { cpu: '1', priority: 500 });
    const midCond = await waitFor('mid PodScheduled=False', () => scheduledFalse(s.ns, 'mid'));
    expect(midCond.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu..');
    expect((await s.get('mid')).status?.nominatedNodeName).toBeUndefined();

    for (const v of ['low1', 'low2']) await pods.delete(v, { gracePeriodSeconds: 0 });
    expect(await s.bound('high', 5000)).toBe('only');
    const left = (await pods.list()).items.map((p) => [p.metadata.name, p.spec.nodeName ?? '']);
    expect(left.sort()).toEqual([['high', s.node('only')], ['mid', '']]);
  } finally {
    await s.cleanup();
  }
});
