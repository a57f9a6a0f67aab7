import { describe, expect, it } from 'vitest';
import type { Pod } from '@kubelite/api';
import { newPrioritySort } from '../plugins/priority-sort.js';
import { PodNominator } from './nominator.js';
import { SchedulingQueue } from './scheduling-queue.js';

const pod = (name: string, nominated?: string, nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'd', uid: name },
  spec: { containers: [], nodeName },
  status: nominated === undefined ? {} : { nominatedNodeName: nominated },
});

const names = (n: PodNominator, node: string): string[] => n.nominatedPodsForNode(node).map((p) => p.pod.metadata.name ?? '');

describe('PodNominator', () => {
  it('takes the nomination from status, or from a preemption before the status says so', () => {
    const n = new PodNominator();
    n.addNominatedPod(pod('a', 'n1'));
    n.addNominatedPod(pod('b'), 'n1');
    n.addNominatedPod(pod('c'));
    expect(names(n, 'n1')).toEqual(['a', 'b']);
    expect(n.nominatedPodsForNode('n2')).toEqual([]);
  });

  it('moves a pod to its new node, and an empty choice clears it', () => {
    const n = new PodNominator();
    n.addNominatedPod(pod('a'), 'n1');
    n.addNominatedPod(pod('a'), 'n2');
    expect(names(n, 'n1')).toEqual([]);
    expect(names(n, 'n2')).toEqual(['a']);
    n.addNominatedPod(pod('a'), '');
    expect(names(n, 'n2')).toEqual([]);
  });

  it('never nominates a bound pod', () => {
    const n = new PodNominator();
    n.addNominatedPod(pod('a', 'n1', 'n1'));
    expect(names(n, 'n1')).toEqual([]);
  });

  it('keeps an in-memory nomination across an update that predates its status patch', () => {
    const n = new PodNominator();
    n.addNominatedPod(pod('a'), 'n1');
    n.updateNominatedPod(pod('a'), pod('a'));
    expect(names(n, 'n1')).toEqual(['a']);
    n.updateNominatedPod(pod('a'), pod('a', 'n1'));
    expect(names(n, 'n1')).toEqual(['a']);
    // The status dropped the nomination: so does the nominator.
    n.updateNominatedPod(pod('a', 'n1'), pod('a'));
    expect(names(n, 'n1')).toEqual([]);
  });

  it('is kept by the queue: pending pods add and update it, deleting (or binding) ends it', () => {
    const q = new SchedulingQueue({ queueSort: newPrioritySort(), eventsByPlugin: new Map() });
    q.add(pod('a', 'n1'));
    q.add(pod('b'));
    q.update(pod('b'), pod('b', 'n2'));
    expect(names(q.nominator, 'n1')).toEqual(['a']);
    expect(names(q.nominator, 'n2')).toEqual(['b']);
    q.delete(pod('a', 'n1'));
    expect(names(q.nominator, 'n1')).toEqual([]);
  });
});
