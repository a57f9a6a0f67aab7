// Init containers and sidecars through generatePodStatus (reference §3.5, §4.1, §4.2).
import type { Container, PodCondition } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { generatePodStatus } from './generate.js';
import { input, instance, makePod, probes } from './testing/fixtures.js';

const cond = (conditions: PodCondition[] | undefined, type: string): PodCondition | undefined => conditions?.find((c) => c.type === type);
const inits: Container[] = [
  { name: 'init-a', image: 'busybox:latest' },
  { name: 'init-b', image: 'busybox:latest' },
];
const sidecar: Container = { name: 'proxy', image: 'busybox:latest', restartPolicy: 'Always' };

describe('regular init containers', () => {
  it('first init running: Pending, app PodInitializing, Initialized lists both as incomplete', () => {
    const s = generatePodStatus(input(makePod({ initContainers: inits }), { containers: [instance('init-a')] }));
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses?.map((c) => c.name)).toEqual(['init-a', 'init-b']);
    expect(s.initContainerStatuses?.[0]).toMatchObject({ state: { running: {} }, ready: false, started: true });
    expect(s.initContainerStatuses?.[1]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(cond(s.conditions, 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init-a init-b]',
    });
  });

  it('all inits exited 0 and the app running: Running, inits ready, Initialized True', () => {
    const containers = [
      instance('init-a', { state: 'exited', created: 60 }),
      instance('init-b', { state: 'exited', created: 55 }),
      instance('app'),
    ];
    const s = generatePodStatus(input(makePod({ initContainers: inits }), { containers }));
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses?.map((c) => [c.ready, c.started])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(s.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cond(s.conditions, 'Initialized')?.status).toBe('True');
    expect(cond(s.conditions, 'Ready')?.status).toBe('True');
  });

  it('an init that failed under restartPolicy Never fails the pod', () => {
    const pod = makePod({ initContainers: inits, restartPolicy: 'Never' });
    const s = generatePodStatus(input(pod, { containers: [instance('init-a', { state: 'exited', exitCode: 1 })] }));
    expect(s.phase).toBe('Failed');
    expect(s.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
  });

  it('a failing init under Always backs off: Init waiting CrashLoopBackOff with lastState, pod Pending', () => {
    const crash = { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=init-a pod=web_default(uid-1)' };
    const containers = [instance('init-a', { attempt: 0, state: 'exited', exitCode: 1 }), instance('init-a', { attempt: 1, state: 'exited', exitCode: 1 })];
    const s = generatePodStatus(input(makePod({ initContainers: inits }), { containers, reasonCache: new Map([['init-a', crash]]) }));
    expect(s.initContainerStatuses?.[0]).toMatchObject({ state: { waiting: crash }, restartCount: 1, lastState: { terminated: { exitCode: 1 } } });
    expect(s.phase).toBe('Pending');
  });

  it('an init that exited 0 never shows a start failure from the reason cache', () => {
    const containers = [instance('init-a', { state: 'exited' })];
    const reasonCache = new Map([['init-a', { reason: 'CrashLoopBackOff', message: 'stale' }]]);
    const s = generatePodStatus(input(makePod({ initContainers: inits }), { containers, reasonCache }));
    expect(s.initContainerStatuses?.[0]?.state?.terminated?.reason).toBe('Completed');
  });

  it('Succeeded pods report Initialized True with reason PodCompleted', () => {
    const pod = makePod({ initContainers: inits, restartPolicy: 'OnFailure' });
    const containers = [
      instance('init-a', { state: 'exited', created: 60 }),
      instance('init-b', { state: 'exited', created: 55 }),
      instance('app', { state: 'exited' }),
    ];
    const s = generatePodStatus(input(pod, { containers }));
    expect(s.phase).toBe('Succeeded');
    expect(cond(s.conditions, 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
  });
});

describe('sidecars (restartable init containers)', () => {
  it('a running sidecar whose startup probe has not passed keeps the pod initialising', () => {
    const pod = makePod({ initContainers: [sidecar] });
    const s = generatePodStatus(input(pod, { containers: [instance('proxy')], probes: probes([], ['proxy']) }));
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses?.[0]).toMatchObject({ started: false, ready: false });
    expect(cond(s.conditions, 'Initialized')).toMatchObject({ status: 'False', message: 'containers with incomplete status: [proxy]' });
  });

  it('sidecar readiness feeds ContainersReady and Ready', () => {
    const pod = makePod({ initContainers: [sidecar] });
    const s = generatePodStatus(input(pod, { containers: [instance('proxy', { created: 60 }), instance('app')], probes: probes(['proxy']) }));
    expect(s.phase).toBe('Running');
    expect(cond(s.conditions, 'Initialized')?.status).toBe('True');
    expect(cond(s.conditions, 'ContainersReady')).toMatchObject({ status: 'False', message: 'containers with unready status: [proxy]' });
    expect(s.initContainerStatuses?.[0]).toMatchObject({ started: true, ready: false });
  });

  it('a sidecar restarting after the app started does not make the pod Pending or uninitialised', () => {
    const pod = makePod({ initContainers: [sidecar] });
    const containers = [instance('proxy', { state: 'created', attempt: 1, created: 1 }), instance('proxy', { state: 'exited', exitCode: 1, created: 60 }), instance('app')];
    const s = generatePodStatus(input(pod, { containers }));
    expect(s.phase).toBe('Running');
    expect(cond(s.conditions, 'Initialized')?.status).toBe('True');
  });

  it('a stopped sidecar does not hold back Succeeded', () => {
    const pod = makePod({ initContainers: [sidecar], restartPolicy: 'Never' });
    const containers = [instance('proxy', { state: 'exited', exitCode: 143, created: 60 }), instance('app', { state: 'exited' })];
    expect(generatePodStatus(input(pod, { containers })).phase).toBe('Succeeded');
  });
});
