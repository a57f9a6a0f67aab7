import { describe, expect, it } from 'vitest';
import type { Pod } from '@kubelite/api';
import { newPrioritySort } from '../plugins/priority-sort.js';
import { Action, EVENTS } from './cluster-event.js';
import { SchedulingQueue } from './scheduling-queue.js';

const pod = (name: string, priority = 0): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'd', uid: name }, spec: { containers: [], priority } });

function queue(now: { t: number }) {
  return new SchedulingQueue({
    queueSort: newPrioritySort(),
    eventsByPlugin: new Map([['NodeResourcesFit', [{ event: { resource: 'Node', actionType: Action.Add }, hint: (_p, _o, n) => ((n as { fits?: boolean }).fits ? 'Queue' : 'QueueSkip') }]]]),
    now: () => now.t,
  });
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by age', () => {
    const now = { t: 0 };
    const q = queue(now);
    q.add(pod('old-low', 1));
    now.t = 1;
    q.add(pod('high', 10));
    q.add(pod('new-low', 1));
    expect([q.tryPop()!.key, q.tryPop()!.key, q.tryPop()!.key]).toEqual(['d/high', 'd/old-low', 'd/new-low']);
  });

  it('parks an unschedulable pod until an event its rejecting plugin says helps', () => {
    const now = { t: 0 };
    const q = queue(now);
    q.add(pod('p'));
    const info = q.tryPop()!;
    const cycle = q.cycle;
    info.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(info, cycle);
    expect(q.depths.unschedulable).toBe(1);
    q.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodAdd, undefined, {});
    q.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd, undefined, { fits: false });
    expect(q.depths.unschedulable).toBe(1);
    now.t = 5000; // past the 1 s backoff of the first failure
    q.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd, undefined, { fits: true });
    expect(q.depths).toMatchObject({ unschedulable: 0, active: 1 });
  });

  it('backs a pod off instead of parking it when an event arrived during its attempt', () => {
    const now = { t: 0 };
    const q = queue(now);
    q.add(pod('p'));
    const info = q.tryPop()!;
    const cycle = q.cycle;
    q.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd, undefined, { fits: true });
    info.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(info, cycle);
    expect(q.depths).toMatchObject({ backoff: 1, unschedulable: 0 });
    now.t = 1000;
    q.flushBackoffCompleted();
    expect(q.depths.active).toBe(1);
  });
});
