// The Node object this kubelet registers and the status it reports every 10 s (reference §6):
// conditions MemoryPressure, DiskPressure, PIDPressure, then Ready last; heartbeat times move on
// every report, transition times only when a status flips.
import type { ContainerImage, Node, NodeCondition, NodeStatus, Taint } from '@kubelite/api';
import type { ImageInfo } from '../runtime/types.js';
import type { MachineInfo } from './machine.js';

export interface NodeStatusInput {
  machine: MachineInfo;
  nodeIP: string;
  hostname: string;
  port: number;
  runtimeVersion: string;
  /** undefined: ready; otherwise why not (KubeletNotReady's message). */
  notReadyMessage?: string;
  images: ImageInfo[];
  previous?: NodeStatus;
  now: Date;
}

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const MAX_IMAGES = 50;
const MAX_NAMES = 5;

export function registrationNode(name: string, labels: Record<string, string>, taints: Taint[]): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64', ...labels },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: taints.length ? { taints } : {},
  };
}

function condition(type: string, healthy: boolean, ok: [string, string], bad: [string, string], input: NodeStatusInput, healthyStatus: 'True' | 'False'): NodeCondition {
  const status = healthy ? healthyStatus : healthyStatus === 'True' ? 'False' : 'True';
  const [reason, message] = healthy ? ok : bad;
  const prev = input.previous?.conditions?.find((c) => c.type === type);
  const now = rfc3339(input.now);
  return { type, status, lastHeartbeatTime: now, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now, reason, message };
}

export function nodeStatus(input: NodeStatusInput): NodeStatus {
  const ready = input.notReadyMessage === undefined;
  return {
    capacity: input.machine.capacity,
    allocatable: input.machine.allocatable,
    conditions: [
      condition('MemoryPressure', true, ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'], ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'], input, 'False'),
      condition('DiskPressure', true, ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'], ['KubeletHasDiskPressure', 'kubelet has disk pressure'], input, 'False'),
      condition('PIDPressure', true, ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'], ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available'], input, 'False'),
      condition('Ready', ready, ['KubeletReady', 'kubelet is posting ready status'], ['KubeletNotReady', input.notReadyMessage ?? ''], input, 'True'),
    ],
    addresses: [
      { type: 'InternalIP', address: input.nodeIP },
      { type: 'Hostname', address: input.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: input.port } },
    nodeInfo: { ...input.machine.nodeInfo, containerRuntimeVersion: input.runtimeVersion },
    images: nodeImages(input.images),
  };
}

function nodeImages(images: ImageInfo[]): ContainerImage[] {
  return [...images]
    .filter((i) => i.repoTags.length + i.repoDigests.length > 0)
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [...i.repoDigests, ...i.repoTags].slice(0, MAX_NAMES), sizeBytes: i.sizeBytes }));
}

/** Status equality for "did anything change" — heartbeat times excluded, as upstream compares. */
export function statusChanged(a: NodeStatus | undefined, b: NodeStatus): boolean {
  const strip = (s: NodeStatus | undefined): string =>
    JSON.stringify({ ...s, conditions: s?.conditions?.map((c) => ({ ...c, lastHeartbeatTime: undefined })) });
  return strip(a) !== strip(b);
}
