import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '@kubelite/api';
import type { KObject } from '../../strategy.js';
import { podStrategy, POD_TABLE } from './pods.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const CREATED = '2024-05-01T11:55:00Z';

function pod(status: Pod['status'], mutate: (p: Pod) => void = () => {}): KObject {
  const p: Pod = { metadata: { name: 'web', creationTimestamp: CREATED }, spec: { containers: [{ name: 'app', image: 'nginx' }] }, status };
  mutate(p);
  return p as unknown as KObject;
}

const cs = (state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: 'app', ready: false, restartCount: 0, image: 'nginx', imageID: '', state, ...extra,
});

const cells = (obj: KObject): unknown[] => POD_TABLE.cells(obj, NOW);

describe('pod table', () => {
  it('has kube-apiserver 1.32 columns', () => {
    expect(POD_TABLE.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0], ['Ready', 'string', 0], ['Status', 'string', 0], ['Restarts', 'string', 0], ['Age', 'string', 0],
      ['IP', 'string', 1], ['Node', 'string', 1], ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1],
    ]);
  });

  it('prints a pending pod', () => {
    expect(cells(pod({ phase: 'Pending' }))).toEqual(['web', '0/1', 'Pending', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  });

  it('prints a running pod with its IP and node', () => {
    const obj = pod({ phase: 'Running', podIPs: [{ ip: '10.244.0.5' }], containerStatuses: [cs({ running: {} }, { ready: true })] }, (p) => {
      p.spec.nodeName = 'node-1';
    });
    expect(cells(obj)).toEqual(['web', '1/1', 'Running', '0', '5m', '10.244.0.5', 'node-1', '<none>', '<none>']);
  });

  it('shows the waiting reason and when the last restart was', () => {
    const status = cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:58:00Z' } } });
    expect(cells(pod({ phase: 'Running', containerStatuses: [status] })).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '3 (2m ago)']);
    expect(cells(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }))[2]).toBe('ContainerCreating');
  });

  it('shows terminated containers by reason, or by signal and exit code', () => {
    expect(cells(pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }))[2]).toBe('Completed');
    expect(cells(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 2 } })] }))[2]).toBe('ExitCode:2');
    expect(cells(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 137, signal: 9 } })] }))[2]).toBe('Signal:9');
  });

  it('shows init progress', () => {
    const withInit = (p: Pod): void => {
      p.spec.initContainers = [{ name: 'init', image: 'busybox' }];
    };
    const running = { ...cs({ running: {} }), name: 'init' };
    expect(cells(pod({ phase: 'Pending', initContainerStatuses: [running] }, withInit))[2]).toBe('Init:0/1');
    const failing = { ...cs({ waiting: { reason: 'CrashLoopBackOff' } }), name: 'init' };
    expect(cells(pod({ phase: 'Pending', initContainerStatuses: [failing] }, withInit))[2]).toBe('Init:CrashLoopBackOff');
  });

  it('counts sidecars as containers', () => {
    const obj = pod({
      phase: 'Running',
      initContainerStatuses: [{ ...cs({ running: {} }, { ready: true, started: true }), name: 'proxy' }],
      containerStatuses: [cs({ running: {} }, { ready: true })],
    }, (p) => {
      p.spec.initContainers = [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }];
    });
    expect(cells(obj).slice(1, 3)).toEqual(['2/2', 'Running']);
  });

  it('shows Terminating, and Unknown for pods on lost nodes', () => {
    const deleting = (p: Pod): void => {
      p.metadata.deletionTimestamp = '2024-05-01T12:00:30Z';
    };
    expect(cells(pod({ phase: 'Running' }, deleting))[2]).toBe('Terminating');
    expect(cells(pod({ phase: 'Running', reason: 'NodeLost' }, deleting))[2]).toBe('Unknown');
    expect(cells(pod({ phase: 'Succeeded' }, deleting))[2]).toBe('Succeeded');
  });

  it('counts passed readiness gates', () => {
    const obj = pod({ phase: 'Running', conditions: [{ type: 'example.com/ok', status: 'True' }] }, (p) => {
      p.spec.readinessGates = [{ conditionType: 'example.com/ok' }, { conditionType: 'example.com/other' }];
    });
    expect(cells(obj)[8]).toBe('1/2');
  });
});

describe('pod strategy', () => {
  it('starts pods Pending with a QoS class computed after defaulting', () => {
    const obj = pod({ phase: 'Running' }, (p) => {
      p.spec.containers = [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' } } }];
    });
    podStrategy.prepareForCreate?.(obj);
    expect(obj.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('marks gated pods unschedulable', () => {
    const obj = pod(undefined, (p) => {
      p.spec.schedulingGates = [{ name: 'example.com/wait' }];
    });
    podStrategy.prepareForCreate?.(obj);
    expect((obj.status as Pod['status'])?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' });
    expect(cells(obj)[2]).toBe('SchedulingGated');
  });

  it('exposes the field selectors the scheduler and kubelet use', () => {
    const obj = pod({ phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] }, (p) => {
      p.spec.nodeName = 'n1';
      p.spec.restartPolicy = 'Always';
    });
    expect(podStrategy.selectableFields?.(obj)).toEqual({
      'spec.nodeName': 'n1', 'spec.restartPolicy': 'Always', 'spec.schedulerName': '', 'spec.serviceAccountName': '',
      'spec.hostNetwork': 'false', 'status.phase': 'Running', 'status.podIP': '10.0.0.1', 'status.nominatedNodeName': '',
    });
    expect(podStrategy.tracksGeneration).toBe(false);
  });
});
