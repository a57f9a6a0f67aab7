// computePodActions (upstream kuberuntime_manager.go): compare a pod's spec with what the runtime
// has for it and decide the next step — a new sandbox, the next init container, containers to
// (re)start, containers to kill — without doing any of it. Pure, so every rule is unit-tested.
import type { Container, Pod } from '@kubelite/api';
import type { ContainerStatus, SandboxStatus } from '../runtime/types.js';
import { newestFirst, podSandboxChanged } from '../status/sandbox.js';
import { HASH } from './annotations.js';
import { containerHash } from './hash.js';

export interface KillRequest {
  id: string;
  name: string;
  /** The Killing event's message. */
  message: string;
}

export interface PodActions {
  /** Stop every container and sandbox of the pod (sandbox replaced, or the pod has finished). */
  killPod: boolean;
  createSandbox: boolean;
  /** The sandbox to use when not creating one. */
  sandboxId?: string;
  /** Attempt number of a new sandbox. */
  attempt: number;
  /** Start this init container next (after an optional restart of its failed instance). */
  nextInit?: Container;
  /** Init failed and restartPolicy is Never: the pod is Failed. */
  initFailed: boolean;
  containersToStart: Container[];
  containersToKill: KillRequest[];
}

export interface ActionInput {
  pod: Pod;
  sandboxes: SandboxStatus[];
  containers: ContainerStatus[];
  /** Containers the prober wants restarted (liveness/startup failure), by container id. */
  probeKills: ReadonlyMap<string, string>;
}

export function newestInstance(containers: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  let best: ContainerStatus | undefined;
  for (const c of containers) {
    if (c.name !== name) continue;
    if (!best || c.attempt > best.attempt || (c.attempt === best.attempt && c.createdAt > best.createdAt)) best = c;
  }
  return best;
}

export function shouldRestart(pod: Pod, c: ContainerStatus): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  if (c.state === 'running') return false;
  if (c.state !== 'exited') return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return c.exitCode !== 0;
  return true;
}

export function computePodActions(input: ActionInput): PodActions {
  const { pod, sandboxes, containers } = input;
  const spec = pod.spec!;
  const actions: PodActions = { killPod: false, createSandbox: false, attempt: 0, initFailed: false, containersToStart: [], containersToKill: [] };
  if (podSandboxChanged(pod, newestFirst(sandboxes))) {
    actions.killPod = sandboxes.length > 0 || containers.some((c) => c.state === 'running');
    actions.attempt = sandboxes.length ? Math.max(...sandboxes.map((s) => s.attempt)) + 1 : 0;
    // A Never pod whose containers already ran is finished; no second sandbox.
    if ((spec.restartPolicy ?? 'Always') === 'Never' && containers.length > 0) return { ...actions, killPod: true };
    actions.createSandbox = true;
    if (spec.initContainers?.length) actions.nextInit = spec.initContainers[0];
    else actions.containersToStart = [...spec.containers];
    return actions;
  }
  actions.sandboxId = newestFirst(sandboxes).find((s) => s.state === 'ready')!.id;
  const regularStarted = spec.containers.some((c) => newestInstance(containers, c.name));
  if (!regularStarted && spec.initContainers?.length) {
    const init = initActions(pod, containers);
    if (init !== 'done') {
      if (init === 'failed') return { ...actions, killPod: true, initFailed: true };
      if (init) actions.nextInit = init;
      return actions;
    }
  }
  for (const c of spec.containers) {
    const current = newestInstance(containers, c.name);
    if (!current) {
      actions.containersToStart.push(c);
      continue;
    }
    if (current.state === 'running') {
      const kill = killReason(c, current, input.probeKills);
      if (!kill) continue;
      const restart = kill.definitionChanged || (spec.restartPolicy ?? 'Always') !== 'Never';
      actions.containersToKill.push({ id: current.id, name: c.name, message: restart ? `${kill.message}, will be restarted` : kill.message });
      if (restart) actions.containersToStart.push(c);
    } else if (shouldRestart(pod, current)) actions.containersToStart.push(c);
  }
  const anyRunning = containers.some((c) => c.state === 'running' && spec.containers.some((s) => s.name === c.name));
  if (!anyRunning && actions.containersToStart.length === 0) actions.killPod = true;
  return actions;
}

function killReason(c: Container, current: ContainerStatus, probeKills: ReadonlyMap<string, string>): { message: string; definitionChanged: boolean } | undefined {
  const hash = current.annotations[HASH];
  if (hash && hash !== containerHash(c)) return { message: `Container ${c.name} definition changed`, definitionChanged: true };
  const probe = probeKills.get(current.id);
  if (probe) return { message: probe, definitionChanged: false };
  return undefined;
}

/** The init container to run next, 'done' when all succeeded, 'failed' for a Never pod's failed init, undefined to wait. */
function initActions(pod: Pod, containers: readonly ContainerStatus[]): Container | 'done' | 'failed' | undefined {
  for (const c of pod.spec!.initContainers ?? []) {
    const current = newestInstance(containers, c.name);
    if (!current) return c;
    if (current.state === 'running') return undefined;
    if (current.state === 'exited' && current.exitCode === 0) continue;
    if ((pod.spec!.restartPolicy ?? 'Always') === 'Never' && current.state === 'exited') return 'failed';
    return c;
  }
  return 'done';
}
