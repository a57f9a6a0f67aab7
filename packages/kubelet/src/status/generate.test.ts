import type { PodCondition } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { generatePodStatus } from './generate.js';
import { NOW, input, instance, makePod, probes, sandbox } from './testing/fixtures.js';

const cond = (conditions: PodCondition[] | undefined, type: string): PodCondition | undefined => conditions?.find((c) => c.type === type);
const NOW_TEXT = '2024-05-01T10:00:00Z';
const CRASH = { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=web_default(uid-1)' };

describe('generatePodStatus: a fresh pod', () => {
  it('is Pending with ContainerCreating, kubelet conditions in upstream order, and node facts', () => {
    const s = generatePodStatus(input(makePod(), { sandboxes: [] }));
    expect(s.phase).toBe('Pending');
    expect(s.conditions?.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(cond(s.conditions, 'PodReadyToStartContainers')?.status).toBe('False');
    expect(cond(s.conditions, 'Initialized')).toEqual({ type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: NOW_TEXT });
    expect(cond(s.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(cond(s.conditions, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(cond(s.conditions, 'PodScheduled')?.status).toBe('True');
    expect(s.containerStatuses).toEqual([
      { name: 'app', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, image: 'busybox:latest', imageID: '', started: false },
    ]);
    expect(s.initContainerStatuses).toBeUndefined();
    expect(s).toMatchObject({ hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], startTime: NOW_TEXT, qosClass: 'BestEffort' });
    expect(s.podIP).toBeUndefined();
  });

  it('keeps startTime, qosClass and nominatedNodeName from the status it was given', () => {
    const pod = makePod({}, { startTime: '2024-01-01T00:00:00Z', qosClass: 'Burstable', nominatedNodeName: 'n2' });
    const s = generatePodStatus(input(pod));
    expect(s).toMatchObject({ startTime: '2024-01-01T00:00:00Z', qosClass: 'Burstable', nominatedNodeName: 'n2' });
  });
});

describe('generatePodStatus: running containers', () => {
  it('reports Running, ready, IDs and the pod IP from the ready sandbox', () => {
    const s = generatePodStatus(input(makePod(), { containers: [instance('app', { attempt: 2 })] }));
    expect(s.phase).toBe('Running');
    expect(s.podIP).toBe('172.17.0.5');
    expect(s.podIPs).toEqual([{ ip: '172.17.0.5' }]);
    expect(s.containerStatuses?.[0]).toEqual({
      name: 'app',
      state: { running: { startedAt: '2024-05-01T09:59:13Z' } },
      ready: true,
      started: true,
      restartCount: 2,
      image: 'busybox:latest',
      imageID: 'docker://sha256:abc',
      containerID: 'docker://app-2',
    });
    for (const type of ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']) {
      expect(cond(s.conditions, type)?.status).toBe('True');
    }
  });

  it('takes ready and started from the prober, asking with the raw container id', () => {
    const asked: string[] = [];
    const p = {
      ready: (n: string, id: string) => (asked.push(`${n}/${id}`), false),
      started: () => true,
    };
    const s = generatePodStatus(input(makePod(), { containers: [instance('app')], probes: p }));
    expect(asked).toEqual(['app/app-0']);
    expect(s.containerStatuses?.[0]).toMatchObject({ ready: false, started: true });
    expect(cond(s.conditions, 'Ready')).toMatchObject({ status: 'False', message: 'containers with unready status: [app]' });
    const notStarted = generatePodStatus(input(makePod(), { containers: [instance('app')], probes: probes([], ['app']) }));
    expect(notStarted.containerStatuses?.[0]).toMatchObject({ ready: false, started: false });
  });

  it('sorts containerStatuses by name and keeps lastState from the second newest instance only', () => {
    const pod = makePod({ containers: [{ name: 'zeta', image: 'z' }, { name: 'alpha', image: 'a' }] });
    const containers = [
      instance('zeta'),
      instance('alpha', { attempt: 0, state: 'exited', exitCode: 2 }),
      instance('alpha', { attempt: 1, state: 'exited', exitCode: 3 }),
      instance('alpha', { attempt: 2 }),
    ];
    const s = generatePodStatus(input(pod, { containers }));
    expect(s.containerStatuses?.map((c) => c.name)).toEqual(['alpha', 'zeta']);
    const alpha = s.containerStatuses?.[0];
    expect(alpha?.restartCount).toBe(2);
    expect(alpha?.state?.running).toBeDefined();
    expect(alpha?.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error', containerID: 'docker://alpha-1' });
  });

  it('uses the process runtime name in container IDs', () => {
    const s = generatePodStatus(input(makePod(), { containers: [instance('app')], runtimeName: 'process' }));
    expect(s.containerStatuses?.[0]?.containerID).toBe('process://app-0');
  });
});

describe('generatePodStatus: failures and restarts', () => {
  it('shows CrashLoopBackOff waiting with the last exit as lastState (§3.4)', () => {
    const containers = [instance('app', { attempt: 0, state: 'exited', exitCode: 1 }), instance('app', { attempt: 1, state: 'exited', exitCode: 1 })];
    const s = generatePodStatus(input(makePod(), { containers, reasonCache: new Map([['app', CRASH]]) }));
    const app = s.containerStatuses?.[0];
    expect(app?.state).toEqual({ waiting: CRASH });
    expect(app?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', containerID: 'docker://app-1' });
    expect(app?.restartCount).toBe(1);
    expect(app?.ready).toBe(false);
    expect(s.phase).toBe('Running');
  });

  it('shows ErrImagePull for a container never created, and the pod stays Pending', () => {
    const pull = { reason: 'ErrImagePull', message: 'pull access denied for nosuch' };
    const s = generatePodStatus(input(makePod(), { reasonCache: new Map([['app', pull]]) }));
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: pull });
    expect(s.phase).toBe('Pending');
  });

  it('does not show a start failure for a container that will not be restarted (Never)', () => {
    const pod = makePod({ restartPolicy: 'Never' });
    const containers = [instance('app', { state: 'exited', exitCode: 1 })];
    const s = generatePodStatus(input(pod, { containers, reasonCache: new Map([['app', CRASH]]) }));
    expect(s.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
    expect(s.phase).toBe('Failed');
  });

  it('shows a created-but-unstarted container as waiting with its start error', () => {
    const err = { reason: 'RunContainerError', message: 'exec: "nope": executable file not found' };
    const containers = [instance('app', { state: 'created' })];
    expect(generatePodStatus(input(makePod(), { containers })).containerStatuses?.[0]?.state).toEqual({ waiting: {} });
    const s = generatePodStatus(input(makePod(), { containers, reasonCache: new Map([['app', err]]) }));
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: err });
  });
});

describe('generatePodStatus: lost containers (§3.3)', () => {
  const running = { name: 'app', state: { running: { startedAt: '2024-05-01T09:00:00Z' } }, ready: true, restartCount: 3, image: 'busybox:latest', imageID: 'x', containerID: 'docker://gone' };

  it('records ContainerStatusUnknown as lastState and counts a restart when every instance vanished', () => {
    const s = generatePodStatus(input(makePod({}, { phase: 'Running', containerStatuses: [running] })));
    const app = s.containerStatuses?.[0];
    expect(app?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(app?.lastState?.terminated).toEqual({
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
      message: 'The container could not be located when the pod was deleted.  The container used to be Running',
    });
    expect(app?.restartCount).toBe(4);
    expect(s.phase).toBe('Running');
  });

  it('does not count a restart for a pod being deleted', () => {
    const pod = makePod({}, { phase: 'Running', containerStatuses: [running] }, { deletionTimestamp: '2024-05-01T09:59:00Z' });
    expect(generatePodStatus(input(pod)).containerStatuses?.[0]?.restartCount).toBe(3);
  });

  it('turns an instance in unknown state that was running into a terminated ContainerStatusUnknown', () => {
    const pod = makePod({}, { phase: 'Running', containerStatuses: [running] });
    const s = generatePodStatus(input(pod, { containers: [instance('app', { attempt: 3, state: 'unknown' })] }));
    expect(s.containerStatuses?.[0]?.state?.terminated).toMatchObject({ reason: 'ContainerStatusUnknown', exitCode: 137, message: 'The container could not be located when the pod was terminated' });
    expect(s.containerStatuses?.[0]?.restartCount).toBe(4);
  });
});

describe('generatePodStatus: phases that end', () => {
  it('Succeeded for OnFailure with every container exited 0, conditions PodCompleted', () => {
    const pod = makePod({ restartPolicy: 'OnFailure' });
    const s = generatePodStatus(input(pod, { containers: [instance('app', { state: 'exited', exitCode: 0 })] }));
    expect(s.phase).toBe('Succeeded');
    expect(cond(s.conditions, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(cond(s.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(cond(s.conditions, 'ContainersReady')?.message).toBeUndefined();
  });

  it('Failed for Never with a non-zero exit, conditions PodFailed', () => {
    const pod = makePod({ restartPolicy: 'Never' });
    const s = generatePodStatus(input(pod, { containers: [instance('app', { state: 'exited', exitCode: 1 })] }));
    expect(s.phase).toBe('Failed');
    expect(cond(s.conditions, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('restartPolicy Always with everything exited is Running unless the pod is terminal', () => {
    const containers = [instance('app', { state: 'exited', exitCode: 0 })];
    expect(generatePodStatus(input(makePod(), { containers })).phase).toBe('Running');
    expect(generatePodStatus(input(makePod(), { containers, podIsTerminal: true })).phase).toBe('Succeeded');
    const failed = [instance('app', { state: 'exited', exitCode: 137 })];
    expect(generatePodStatus(input(makePod(), { containers: failed, podIsTerminal: true })).phase).toBe('Failed');
  });

  it('never moves a pod out of a terminal phase the API holds, and keeps the phase reason', () => {
    const pod = makePod({}, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
    const s = generatePodStatus(input(pod, { containers: [instance('app')] }));
    expect(s.phase).toBe('Failed');
    expect(s).toMatchObject({ reason: 'Evicted', message: 'The node was low on resource: memory.' });
  });

  it('drops the reason and message when the phase changes', () => {
    const pod = makePod({}, { phase: 'Pending', reason: 'Something', message: 'old' });
    const s = generatePodStatus(input(pod, { containers: [instance('app')] }));
    expect(s.phase).toBe('Running');
    expect(s.reason).toBeUndefined();
    expect(s.message).toBeUndefined();
  });
});

describe('generatePodStatus: conditions over time', () => {
  it('keeps lastTransitionTime while a condition holds and moves it when it flips', () => {
    const old = {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-04-01T00:00:00Z' },
        { type: 'Ready', status: 'False', lastTransitionTime: '2024-04-02T00:00:00Z', reason: 'ContainersNotReady' },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2024-04-03T00:00:00.123Z' },
      ],
    };
    const s = generatePodStatus(input(makePod({}, old), { containers: [instance('app')] }));
    expect(cond(s.conditions, 'PodScheduled')?.lastTransitionTime).toBe('2024-04-01T00:00:00Z');
    expect(cond(s.conditions, 'Initialized')?.lastTransitionTime).toBe('2024-04-03T00:00:00Z');
    expect(cond(s.conditions, 'Ready')?.lastTransitionTime).toBe(NOW_TEXT);
    expect(cond(s.conditions, 'ContainersReady')?.lastTransitionTime).toBe(NOW_TEXT);
  });

  it('keeps conditions it does not own in front, and evaluates readiness gates against them', () => {
    const gates = { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/missing' }] };
    const old = { conditions: [{ type: 'example.com/lb', status: 'False' }, { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }] };
    const s = generatePodStatus(input(makePod(gates, old), { containers: [instance('app')] }));
    expect(s.conditions?.slice(0, 2)).toEqual(old.conditions);
    expect(cond(s.conditions, 'ContainersReady')?.status).toBe('True');
    expect(cond(s.conditions, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'the status of pod readiness gate "example.com/lb" is not "True", but False, corresponding condition of pod readiness gate "example.com/missing" does not exist.',
    });
  });

  it('PodReadyToStartContainers is False while the newest sandbox is not ready or two are ready', () => {
    const containers = [instance('app')];
    const notReady = generatePodStatus(input(makePod(), { containers, sandboxes: [sandbox({ state: 'notready' })] }));
    expect(cond(notReady.conditions, 'PodReadyToStartContainers')?.status).toBe('False');
    const two = [sandbox(), sandbox({ id: 'sb2', attempt: 1, createdAt: new Date(NOW.getTime() - 10_000) })];
    expect(cond(generatePodStatus(input(makePod(), { containers, sandboxes: two })).conditions, 'PodReadyToStartContainers')?.status).toBe('False');
    const noIp = generatePodStatus(input(makePod(), { containers, sandboxes: [sandbox({ ip: undefined })] }));
    expect(cond(noIp.conditions, 'PodReadyToStartContainers')?.status).toBe('False');
  });
});

describe('generatePodStatus: IPs', () => {
  it('gives host-network pods the node IPs (both families on a dual-stack node)', () => {
    const pod = makePod({ hostNetwork: true });
    const sb = [sandbox({ hostNetwork: true, ip: undefined })];
    const s = generatePodStatus(input(pod, { sandboxes: sb, containers: [instance('app')], nodeIPs: ['10.0.0.1', 'fd00::1'] }));
    expect(s).toMatchObject({ podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }], hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] });
    expect(cond(s.conditions, 'PodReadyToStartContainers')?.status).toBe('True');
  });

  it('keeps the last pod IP once every sandbox has stopped, but not while any sandbox is still ready', () => {
    const pod = makePod({ restartPolicy: 'Never' }, { phase: 'Running', podIP: '172.17.0.9', podIPs: [{ ip: '172.17.0.9' }] });
    const stopped = generatePodStatus(input(pod, { sandboxes: [sandbox({ state: 'notready' })], containers: [instance('app', { state: 'exited' })] }));
    expect(stopped.podIP).toBe('172.17.0.9');
    expect(stopped.phase).toBe('Succeeded');
    const replaced = [sandbox({ state: 'notready' }), sandbox({ id: 'sb0', attempt: 0, createdAt: new Date(0) })];
    expect(generatePodStatus(input(pod, { sandboxes: replaced })).podIP).toBeUndefined();
  });
});

describe('generatePodStatus: normalisation', () => {
  it('caps termination messages at 12 KiB shared by the containers', () => {
    const pod = makePod({ restartPolicy: 'Never', containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] });
    const big = `x${'é'.repeat(5000)}`;
    const containers = [instance('a', { state: 'exited', exitCode: 1, message: big }), instance('b', { state: 'exited' })];
    const msg = generatePodStatus(input(pod, { containers })).containerStatuses?.[0]?.state?.terminated?.message ?? '';
    // 12 KiB / 2 containers = 6144 bytes; the cut falls inside an 'é', which is dropped whole
    expect(Buffer.byteLength(msg)).toBe(6143);
    expect(msg.endsWith('é')).toBe(true);
  });
});
