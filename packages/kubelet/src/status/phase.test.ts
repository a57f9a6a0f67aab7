// getPhase rule by rule (reference §4.1), on hand-written API container statuses.
import type { ContainerStatus } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { getPhase } from './phase.js';
import { makePod } from './testing/fixtures.js';

type S = ContainerStatus;
const base = { ready: false, restartCount: 0, image: 'x', imageID: '' };
const running = (name: string, started = true): S => ({ ...base, name, started, state: { running: { startedAt: 't' } } });
const exited = (name: string, exitCode: number): S => ({ ...base, name, state: { terminated: { exitCode } } });
const waiting = (name: string, lastExit?: number): S => ({
  ...base,
  name,
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  ...(lastExit === undefined ? {} : { lastState: { terminated: { exitCode: lastExit } } }),
});

const pod = (restartPolicy: string, withInit = false, withSidecar = false, meta = {}) =>
  makePod(
    {
      restartPolicy,
      containers: [{ name: 'a' }, { name: 'b' }],
      initContainers: [...(withInit ? [{ name: 'i' }] : []), ...(withSidecar ? [{ name: 's', restartPolicy: 'Always' }] : [])],
    },
    undefined,
    meta,
  );
const phase = (p: ReturnType<typeof pod>, statuses: S[], podIsTerminal = false, podHasInitialized = false) =>
  getPhase({ pod: p, statuses, podIsTerminal, podHasInitialized });

describe('getPhase', () => {
  it('rule 1: failed init with restartPolicy Never → Failed (terminated or waiting after a failure)', () => {
    expect(phase(pod('Never', true), [exited('i', 1)])).toBe('Failed');
    expect(phase(pod('Never', true), [waiting('i', 2)])).toBe('Failed');
    expect(phase(pod('Always', true), [waiting('i', 2), waiting('a'), waiting('b')])).toBe('Pending');
  });

  it('rule 2: pending initialization or any waiting container → Pending', () => {
    expect(phase(pod('Always', true), [running('i'), running('a'), running('b')])).toBe('Pending');
    expect(phase(pod('Always', true), [])).toBe('Pending');
    expect(phase(pod('Always'), [running('a'), waiting('b')])).toBe('Pending');
    // a sidecar that runs but has not started holds the pod in Pending until regular containers ran
    expect(phase(pod('Always', false, true), [running('s', false), running('a'), running('b')])).toBe('Pending');
    expect(phase(pod('Always', false, true), [running('s', false), running('a'), running('b')], false, true)).toBe('Running');
  });

  it('rule 3: something running and nothing unknown → Running', () => {
    expect(phase(pod('Never'), [running('a'), exited('b', 1)])).toBe('Running');
    expect(phase(pod('Always'), [running('a')])).toBe('Pending');
  });

  it('rule 4: all stopped, by restart policy', () => {
    const ok = [exited('a', 0), exited('b', 0)];
    const bad = [exited('a', 0), waiting('b', 1)];
    expect(phase(pod('Always'), ok)).toBe('Running');
    expect(phase(pod('OnFailure'), ok)).toBe('Succeeded');
    expect(phase(pod('Never'), ok)).toBe('Succeeded');
    expect(phase(pod('Never'), bad)).toBe('Failed');
    expect(phase(pod('OnFailure'), bad)).toBe('Running');
  });

  it('rule 4 for terminal pods: Succeeded or Failed whatever the policy, except static pods', () => {
    expect(phase(pod('Always'), [exited('a', 0), exited('b', 0)], true)).toBe('Succeeded');
    expect(phase(pod('Always'), [exited('a', 0), exited('b', 137)], true)).toBe('Failed');
    const staticPod = pod('Always', false, false, { annotations: { 'kubernetes.io/config.source': 'file' } });
    expect(phase(staticPod, [exited('a', 0), exited('b', 137)], true)).toBe('Running');
  });

  it('terminated sidecars do not count; a waiting one with no previous exit keeps the pod Pending', () => {
    expect(phase(pod('Never', false, true), [exited('s', 143), exited('a', 0), exited('b', 0)])).toBe('Succeeded');
    expect(phase(pod('Never', false, true), [waiting('s', 1), exited('a', 0), exited('b', 0)])).toBe('Succeeded');
    expect(phase(pod('Never', false, true), [waiting('s'), exited('a', 0), exited('b', 0)])).toBe('Pending');
  });

  it('rule 5: a container with no status → Pending', () => {
    expect(phase(pod('Never'), [exited('a', 0)])).toBe('Pending');
  });
});
