// The pod phase from its container statuses (upstream getPhase, reference §4.1). Regular init
// containers decide "still initializing" or "initialization failed"; sidecars count as running
// while they run but never hold a finished pod back; regular containers decide the rest, with
// restartPolicy telling "restarting" (Running) from "done" (Succeeded/Failed).
import type { Container, ContainerStatus, Pod, PodPhase } from '@kubelite/api';
import { isStaticPod } from '../config/static-pod.js';

export const TERMINAL_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed']);

/** A restartable init container (`restartPolicy: Always` on an init container). */
export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

export interface PhaseInput {
  pod: Pod;
  /** Init and regular container statuses together. */
  statuses: readonly ContainerStatus[];
  /** Being deleted and all stopped, or finished: containers will not be restarted. */
  podIsTerminal: boolean;
  /** A regular container exists in the current sandbox, so initialization already happened. */
  podHasInitialized: boolean;
}

interface Counts {
  pendingInit: number;
  pendingSidecars: number;
  failedInit: number;
  unknown: number;
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
}

const lastExit = (s: ContainerStatus): number | undefined => s.lastState?.terminated?.exitCode;

function countRegularInit(s: ContainerStatus | undefined, n: Counts): void {
  const state = s?.state;
  if (!state || state.running) n.pendingInit++;
  else if (state.terminated) {
    if (state.terminated.exitCode !== 0) n.failedInit++;
  } else if (state.waiting) {
    const code = lastExit(s);
    if (code === undefined) n.pendingInit++;
    else if (code !== 0) n.failedInit++;
  } else n.pendingInit++;
}

function countSidecar(s: ContainerStatus | undefined, n: Counts): void {
  const state = s?.state;
  if (!s) n.unknown++;
  else if (state?.running) {
    if (!s.started) n.pendingSidecars++;
    n.running++;
  } else if (state?.terminated) {
    // a stopped sidecar does not count for the phase
  } else if (state?.waiting) {
    if (lastExit(s) === undefined) {
      n.pendingSidecars++;
      n.waiting++;
    }
  } else {
    n.pendingSidecars++;
    n.unknown++;
  }
}

function countRegular(s: ContainerStatus | undefined, n: Counts): void {
  const state = s?.state;
  if (!s) n.unknown++;
  else if (state?.running) n.running++;
  else if (state?.terminated) {
    n.stopped++;
    if (state.terminated.exitCode === 0) n.succeeded++;
  } else if (state?.waiting) {
    if (lastExit(s) === undefined) n.waiting++;
    else n.stopped++;
  } else n.unknown++;
}

function allStopped(input: PhaseInput, n: Counts): PodPhase {
  const policy = input.pod.spec.restartPolicy ?? 'Always';
  // Terminal pods are not restarted whatever the policy; static pods are never made terminal here.
  if (input.podIsTerminal && !isStaticPod(input.pod)) return n.stopped === n.succeeded ? 'Succeeded' : 'Failed';
  if (policy === 'Always') return 'Running';
  if (n.stopped === n.succeeded) return 'Succeeded';
  if (policy === 'Never') return 'Failed';
  return 'Running';
}

export function getPhase(input: PhaseInput): PodPhase {
  const { spec } = input.pod;
  const byName = new Map(input.statuses.map((s) => [s.name, s]));
  const n: Counts = { pendingInit: 0, pendingSidecars: 0, failedInit: 0, unknown: 0, running: 0, waiting: 0, stopped: 0, succeeded: 0 };
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) countSidecar(byName.get(c.name), n);
    else countRegularInit(byName.get(c.name), n);
  }
  for (const c of spec.containers) countRegular(byName.get(c.name), n);

  if (n.failedInit > 0 && spec.restartPolicy === 'Never') return 'Failed';
  if (n.pendingInit > 0 || (n.pendingSidecars > 0 && !input.podHasInitialized) || n.waiting > 0) return 'Pending';
  if (n.running > 0 && n.unknown === 0) return 'Running';
  if (n.running === 0 && n.stopped > 0 && n.unknown === 0) return allStopped(input, n);
  return 'Pending';
}
