import { describe, expect, it } from 'vitest';
import type { Pod } from '@kubelite/api';
import type { ContainerStatus, SandboxStatus } from '../runtime/types.js';
import { HASH } from './annotations.js';
import { containerHash } from './hash.js';
import { computePodActions } from './pod-actions.js';

const ref = { uid: 'u1', name: 'p', namespace: 'default' };
const pod = (extra: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'default', uid: 'u1' },
  spec: { containers: [{ name: 'app', image: 'img:1' }], ...extra },
});
const sandbox = (over: Partial<SandboxStatus> = {}): SandboxStatus => ({
  id: 'sb1', pod: ref, attempt: 0, state: 'ready', ip: '172.17.0.2', hostNetwork: false, createdAt: new Date(1000), labels: {}, annotations: {}, ...over,
});
const container = (p: Pod, over: Partial<ContainerStatus> = {}): ContainerStatus => ({
  id: 'c1', sandboxId: 'sb1', pod: ref, name: 'app', attempt: 0, state: 'running', createdAt: new Date(2000), image: 'img:1', imageRef: 'docker://sha256:x',
  labels: {}, annotations: { [HASH]: containerHash(p.spec!.containers[0]!) }, ...over,
});
const none = new Map<string, string>();

describe('computePodActions', () => {
  it('creates a sandbox and starts every container for a new pod', () => {
    const a = computePodActions({ pod: pod(), sandboxes: [], containers: [], probeKills: none });
    expect(a).toMatchObject({ createSandbox: true, killPod: false, attempt: 0 });
    expect(a.containersToStart.map((c) => c.name)).toEqual(['app']);
  });

  it('leaves a running pod alone', () => {
    const p = pod();
    const a = computePodActions({ pod: p, sandboxes: [sandbox()], containers: [container(p)], probeKills: none });
    expect(a).toMatchObject({ createSandbox: false, killPod: false, sandboxId: 'sb1', containersToStart: [], containersToKill: [] });
  });

  it('replaces a dead sandbox with attempt + 1 and kills what is left', () => {
    const p = pod();
    const a = computePodActions({ pod: p, sandboxes: [sandbox({ state: 'notready', attempt: 2 })], containers: [container(p)], probeKills: none });
    expect(a).toMatchObject({ createSandbox: true, killPod: true, attempt: 3 });
  });

  it('restarts exited containers by restartPolicy', () => {
    const exited = (policy: 'Always' | 'OnFailure' | 'Never', exitCode: number) => {
      const p = pod({ restartPolicy: policy });
      return computePodActions({ pod: p, sandboxes: [sandbox()], containers: [container(p, { state: 'exited', exitCode })], probeKills: none });
    };
    expect(exited('Always', 0).containersToStart).toHaveLength(1);
    expect(exited('OnFailure', 1).containersToStart).toHaveLength(1);
    expect(exited('OnFailure', 0)).toMatchObject({ containersToStart: [], killPod: true });
    expect(exited('Never', 1)).toMatchObject({ containersToStart: [], killPod: true });
  });

  it('kills and restarts a container whose definition changed or that failed liveness', () => {
    const p = pod();
    const changed = computePodActions({ pod: p, sandboxes: [sandbox()], containers: [container(p, { annotations: { [HASH]: 'old' } })], probeKills: none });
    expect(changed.containersToKill).toEqual([{ id: 'c1', name: 'app', message: 'Container app definition changed, will be restarted' }]);
    expect(changed.containersToStart).toHaveLength(1);
    const live = computePodActions({ pod: p, sandboxes: [sandbox()], containers: [container(p)], probeKills: new Map([['c1', 'Container app failed liveness probe']]) });
    expect(live.containersToKill[0]?.message).toBe('Container app failed liveness probe, will be restarted');
  });

  it('runs init containers one at a time, and fails a Never pod on init failure', () => {
    const p = pod({ initContainers: [{ name: 'i1', image: 'img:1' }, { name: 'i2', image: 'img:1' }] });
    const init = (over: Partial<ContainerStatus>) => container(p, { name: 'i1', id: 'i1', ...over });
    expect(computePodActions({ pod: p, sandboxes: [sandbox()], containers: [init({ state: 'running' })], probeKills: none }).nextInit).toBeUndefined();
    expect(computePodActions({ pod: p, sandboxes: [sandbox()], containers: [init({ state: 'exited', exitCode: 0 })], probeKills: none }).nextInit?.name).toBe('i2');
    const never = { ...p, spec: { ...p.spec!, restartPolicy: 'Never' as const } };
    expect(computePodActions({ pod: never, sandboxes: [sandbox()], containers: [init({ state: 'exited', exitCode: 1 })], probeKills: none })).toMatchObject({ initFailed: true, killPod: true });
  });
});
