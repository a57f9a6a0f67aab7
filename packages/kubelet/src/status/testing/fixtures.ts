// Builders for the status tests: a pod, its sandboxes and container instances as the runtime
// reports them, with only what a test cares about spelled out.
import type { Container, Pod, PodStatus } from '@kubelite/api';
import type { ContainerState, ContainerStatus, SandboxStatus } from '../../runtime/types.js';
import type { StatusInput } from '../generate.js';

export const UID = 'uid-1';
export const NOW = new Date('2024-05-01T10:00:00.789Z');
export const POD_REF = { uid: UID, name: 'web', namespace: 'default' };

export function at(secondsBeforeNow: number): Date {
  return new Date(NOW.getTime() - secondsBeforeNow * 1000);
}

export function makePod(spec: Partial<Pod['spec']> = {}, status?: PodStatus, meta: Partial<Pod['metadata']> = {}): Pod {
  const containers: Container[] = spec.containers ?? [{ name: 'app', image: 'busybox:latest' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: UID, ...meta },
    spec: { restartPolicy: 'Always', ...spec, containers },
    ...(status ? { status } : {}),
  };
}

export function sandbox(over: Partial<SandboxStatus> = {}): SandboxStatus {
  return {
    id: 'sb1',
    pod: POD_REF,
    attempt: 0,
    state: 'ready',
    ip: '172.17.0.5',
    hostNetwork: false,
    createdAt: at(100),
    labels: {},
    annotations: {},
    ...over,
  };
}

interface InstanceOptions {
  attempt?: number;
  id?: string;
  state?: ContainerState;
  exitCode?: number;
  reason?: string;
  message?: string;
  created?: number;
  sandboxId?: string;
}

/** An instance of container `name`, created `created` seconds before NOW (default 50). */
export function instance(name: string, o: InstanceOptions = {}): ContainerStatus {
  const attempt = o.attempt ?? 0;
  const created = o.created ?? 50 - attempt;
  const state = o.state ?? 'running';
  const c: ContainerStatus = {
    id: o.id ?? `${name}-${attempt}`,
    sandboxId: o.sandboxId ?? 'sb1',
    pod: POD_REF,
    name,
    attempt,
    state,
    createdAt: at(created),
    image: 'busybox:latest',
    imageRef: 'docker://sha256:abc',
    labels: {},
    annotations: {},
  };
  if (state === 'running' || state === 'exited') c.startedAt = at(created - 0.5);
  if (state === 'exited') {
    c.finishedAt = new Date(at(created).getTime() + 1500);
    c.exitCode = o.exitCode ?? 0;
    c.reason = o.reason ?? (c.exitCode === 0 ? 'Completed' : 'Error');
  }
  if (o.message) c.message = o.message;
  return c;
}

/** Probes that answer from sets of container names (everything started and ready by default). */
export function probes(unready: string[] = [], notStarted: string[] = []): StatusInput['probes'] {
  return {
    ready: (name) => !unready.includes(name),
    started: (name) => !notStarted.includes(name),
  };
}

export function input(pod: Pod, over: Partial<StatusInput> = {}): StatusInput {
  return {
    pod,
    sandboxes: [sandbox()],
    containers: [],
    runtimeName: 'docker',
    reasonCache: new Map(),
    probes: probes(),
    nodeIPs: ['10.0.0.1'],
    podIsTerminal: false,
    now: NOW,
    ...over,
  };
}
