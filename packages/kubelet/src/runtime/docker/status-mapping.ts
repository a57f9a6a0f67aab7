// Docker inspect output → the runtime's sandbox and container statuses, with dockershim's reading
// of container state (reference §3.3) and image ids (§3.1).
import type { ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import { CONTAINER_NAME_LABEL, LOG_PATH_LABEL, SANDBOX_ID_LABEL, podRefFromLabels, splitLabels } from '../labels.js';
import { timestampMs } from '../log-time.js';
import { parseName } from '../naming.js';
import type { ContainerStatus, ImageInfo, SandboxStatus } from '../types.js';

/** Docker's "never happened" time. */
const ZERO_TIME_PREFIX = '0001-01-01';

function dockerTime(text: string | undefined): Date | undefined {
  if (!text || text.startsWith(ZERO_TIME_PREFIX)) return undefined;
  const ms = timestampMs(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

type ExitView = Pick<ContainerStatus, 'state' | 'startedAt' | 'finishedAt' | 'exitCode' | 'reason' | 'message'>;

/** dockershim's ContainerStatus state rules, in its order. */
export function exitView(info: ContainerInspectInfo): ExitView {
  const s = info.State;
  const createdAt = dockerTime(info.Created);
  const startedAt = dockerTime(s.StartedAt);
  const finishedAt = dockerTime(s.FinishedAt);
  const message = s.Error ? s.Error : undefined;
  if (s.Running || s.Paused) return { state: 'running', startedAt };
  if (finishedAt) {
    const reason = s.OOMKilled ? 'OOMKilled' : s.ExitCode === 0 ? 'Completed' : 'Error';
    return { state: 'exited', startedAt, finishedAt, exitCode: s.ExitCode, reason, message };
  }
  if (s.ExitCode !== 0) {
    // The start itself failed (e.g. no such executable): Docker leaves it "created" with the
    // runc error; users see it terminated at its creation time.
    return { state: 'exited', startedAt: createdAt, finishedAt: createdAt, exitCode: s.ExitCode, reason: 'ContainerCannotRun', message };
  }
  if (s.Status === 'created') return { state: 'created' };
  return { state: 'unknown', message };
}

export function toContainerStatus(info: ContainerInspectInfo, imageRef: string): ContainerStatus | undefined {
  const stored = info.Config.Labels ?? {};
  const pod = podRefFromLabels(stored);
  const parsed = parseName(info.Name);
  if (!pod || !parsed) return undefined;
  const { labels, annotations } = splitLabels(stored);
  return {
    id: info.Id,
    sandboxId: stored[SANDBOX_ID_LABEL] ?? '',
    pod,
    name: stored[CONTAINER_NAME_LABEL] ?? parsed.containerName,
    attempt: parsed.attempt,
    createdAt: dockerTime(info.Created) ?? new Date(0),
    ...exitView(info),
    image: info.Config.Image,
    imageRef,
    labels,
    annotations,
    logPath: stored[LOG_PATH_LABEL],
  };
}

interface NetworkSettingsWithIp {
  IPAddress?: string;
  GlobalIPv6Address?: string;
  Networks?: Record<string, { IPAddress?: string; GlobalIPv6Address?: string }>;
}

/** The pod IP: the sandbox's own address (joined containers show none, reference §1.6). */
function sandboxIp(info: ContainerInspectInfo): string | undefined {
  if (!info.State.Running || info.HostConfig.NetworkMode === 'host') return undefined;
  const ns = info.NetworkSettings as unknown as NetworkSettingsWithIp;
  const networks = Object.values(ns.Networks ?? {});
  const candidates = [ns.IPAddress, ...networks.map((n) => n.IPAddress), ns.GlobalIPv6Address, ...networks.map((n) => n.GlobalIPv6Address)];
  return candidates.find((ip): ip is string => typeof ip === 'string' && ip !== '');
}

export function toSandboxStatus(info: ContainerInspectInfo): SandboxStatus | undefined {
  const stored = info.Config.Labels ?? {};
  const pod = podRefFromLabels(stored);
  const parsed = parseName(info.Name);
  if (!pod || !parsed) return undefined;
  const { labels, annotations } = splitLabels(stored);
  return {
    id: info.Id,
    pod,
    attempt: parsed.attempt,
    state: info.State.Running ? 'ready' : 'notready',
    ip: sandboxIp(info),
    hostNetwork: info.HostConfig.NetworkMode === 'host',
    createdAt: dockerTime(info.Created) ?? new Date(0),
    labels,
    annotations,
  };
}

/** `docker-pullable://repo@sha256:…` when the image came from a registry, else `docker://<id>`. */
export function imageRefOf(image: Pick<ImageInspectInfo, 'Id' | 'RepoDigests'>): string {
  const digest = image.RepoDigests?.[0];
  return digest ? `docker-pullable://${digest}` : `docker://${image.Id}`;
}

export function toImageInfo(image: Pick<ImageInspectInfo, 'Id' | 'RepoTags' | 'RepoDigests' | 'Size'>): ImageInfo {
  return { id: image.Id, repoTags: image.RepoTags ?? [], repoDigests: image.RepoDigests ?? [], sizeBytes: image.Size };
}
