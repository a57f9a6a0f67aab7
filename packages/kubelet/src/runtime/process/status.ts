// What the process runtime's state files say about a container or sandbox, in the runtime
// interface's terms (the same exit reasons Docker containers get, reference §3.3).
import { createHash } from 'node:crypto';
import { timestampMs } from '../log-time.js';
import type { ContainerStatus, ImageInfo, SandboxStatus } from '../types.js';
import { isAlive } from './proc.js';
import type { ContainerRecord, ExitRecord, SandboxRecord, StartedRecord } from './store.js';

const date = (text: string | undefined): Date | undefined => {
  if (!text) return undefined;
  const ms = timestampMs(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
};

export type ContainerView = Pick<ContainerStatus, 'state' | 'startedAt' | 'finishedAt' | 'exitCode' | 'reason' | 'message'>;

export function containerView(record: ContainerRecord, started: StartedRecord | undefined, exit: ExitRecord | undefined): ContainerView {
  const createdAt = date(record.createdAt);
  if (exit?.cannotRun) {
    return { state: 'exited', startedAt: createdAt, finishedAt: createdAt, exitCode: exit.exitCode, reason: 'ContainerCannotRun', message: exit.message };
  }
  if (exit) {
    return {
      state: 'exited',
      startedAt: date(started?.startedAt),
      finishedAt: date(exit.finishedAt),
      exitCode: exit.exitCode,
      reason: exit.exitCode === 0 ? 'Completed' : 'Error',
    };
  }
  if (!started) return { state: 'created' };
  // The supervisor may be between the process's exit and its exit record: still "running".
  if (isAlive(started.pid, started.pidStartTime) || isAlive(started.shimPid, started.shimStartTime)) {
    return { state: 'running', startedAt: date(started.startedAt) };
  }
  return {
    state: 'unknown',
    startedAt: date(started.startedAt),
    message: 'the process and its supervisor are gone without recording an exit status',
  };
}

export function isRunning(view: ContainerView): boolean {
  return view.state === 'running';
}

/** A stand-in image: the process runtime runs host binaries, the image name is informational. */
export function syntheticImage(image: string): ImageInfo {
  const id = `sha256:${createHash('sha256').update(image).digest('hex')}`;
  return { id, repoTags: [image], repoDigests: [], sizeBytes: 0 };
}

export function toContainerStatus(record: ContainerRecord, view: ContainerView): ContainerStatus {
  return {
    id: record.id,
    sandboxId: record.sandboxId,
    pod: record.pod,
    name: record.name,
    attempt: record.attempt,
    createdAt: date(record.createdAt) ?? new Date(0),
    ...view,
    image: record.image,
    imageRef: `process://${syntheticImage(record.image).id}`,
    labels: record.labels,
    annotations: record.annotations,
    logPath: record.logPath,
  };
}

export function toSandboxStatus(record: SandboxRecord): SandboxStatus {
  return {
    id: record.id,
    pod: record.pod,
    attempt: record.attempt,
    state: record.state,
    hostNetwork: true,
    createdAt: date(record.createdAt) ?? new Date(0),
    labels: record.labels,
    annotations: record.annotations,
  };
}
