import { describe, expect, it } from 'vitest';
import { FitError } from './fit-error.js';
import { Status } from './status.js';
import { numFeasibleNodesToFind } from '../schedule-algorithm.js';

describe('FitError message', () => {
  it('counts reasons per node and sorts the "<n> <reason>" strings', () => {
    const statuses = new Map<string, Status>([
      ['a', Status.unschedulable('Insufficient cpu', 'Insufficient memory')],
      ['b', Status.unschedulable('Insufficient cpu')],
      ['c', Status.unresolvable('node(s) had untolerated taint {k: v}')],
    ]);
    const fit = new FitError(3, { filtered: { statuses }, unschedulablePlugins: new Set(), postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' });
    expect(fit.message()).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  });

  it('counts nodes never visited with the absent status (PreFilter narrowing)', () => {
    const fit = new FitError(10, { filtered: { statuses: new Map([['a', Status.unschedulable('Too many pods')]]), absent: Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]") }, unschedulablePlugins: new Set() });
    expect(fit.message()).toBe("0/10 nodes are available: 1 Too many pods, 9 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });
});

describe('numFeasibleNodesToFind (percentageOfNodesToScore)', () => {
  it('follows the adaptive formula', () => {
    expect(numFeasibleNodesToFind(0, 50)).toBe(50);
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420);
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500);
    expect(numFeasibleNodesToFind(0, 150)).toBe(100);
    expect(numFeasibleNodesToFind(30, 1000)).toBe(300);
  });
});
