// The labels that make a runtime's containers self-describing (reference §1.4): a restarted
// kubelet rebuilds pods, attempts and kill parameters from them alone. Docker has no annotations,
// so annotations travel as `annotation.<key>` labels, as dockershim stored them.
import { SANDBOX_CONTAINER_NAME } from './naming.js';
import type { ContainerConfig, PodRef, SandboxConfig } from './types.js';

export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const CONTAINER_NAME_LABEL = 'io.kubernetes.container.name';
export const CONTAINER_TYPE_LABEL = 'io.kubernetes.docker.type';
export const SANDBOX_ID_LABEL = 'io.kubernetes.sandbox.id';
export const LOG_PATH_LABEL = 'io.kubernetes.container.logpath';
/** Ours: which kubelet created it, so kubelets sharing one daemon never touch each other's work. */
export const NODE_NAME_LABEL = 'io.kubelite.node.name';
export const ANNOTATION_PREFIX = 'annotation.';

export const SANDBOX_TYPE = 'podsandbox';
export const CONTAINER_TYPE = 'container';

const INTERNAL = new Set([
  POD_NAME_LABEL,
  POD_NAMESPACE_LABEL,
  POD_UID_LABEL,
  CONTAINER_NAME_LABEL,
  CONTAINER_TYPE_LABEL,
  SANDBOX_ID_LABEL,
  LOG_PATH_LABEL,
  NODE_NAME_LABEL,
]);

export type Labels = Record<string, string>;

function withAnnotations(labels: Labels, annotations: Labels): Labels {
  const out: Labels = { ...labels };
  for (const [k, v] of Object.entries(annotations)) out[ANNOTATION_PREFIX + k] = v;
  return out;
}

function podLabels(pod: PodRef): Labels {
  return { [POD_NAME_LABEL]: pod.name, [POD_NAMESPACE_LABEL]: pod.namespace, [POD_UID_LABEL]: pod.uid };
}

export function sandboxLabels(config: SandboxConfig, nodeName: string): Labels {
  return {
    ...withAnnotations(config.labels, config.annotations),
    ...podLabels(config.pod),
    [CONTAINER_NAME_LABEL]: SANDBOX_CONTAINER_NAME,
    [CONTAINER_TYPE_LABEL]: SANDBOX_TYPE,
    [NODE_NAME_LABEL]: nodeName,
  };
}

export function containerLabels(config: ContainerConfig, pod: PodRef, sandboxId: string, nodeName: string): Labels {
  return {
    ...withAnnotations(config.labels, config.annotations),
    ...podLabels(pod),
    [CONTAINER_NAME_LABEL]: config.name,
    [CONTAINER_TYPE_LABEL]: CONTAINER_TYPE,
    [SANDBOX_ID_LABEL]: sandboxId,
    [LOG_PATH_LABEL]: config.logPath,
    [NODE_NAME_LABEL]: nodeName,
  };
}

export function podRefFromLabels(labels: Labels): PodRef | undefined {
  const uid = labels[POD_UID_LABEL];
  const name = labels[POD_NAME_LABEL];
  const namespace = labels[POD_NAMESPACE_LABEL];
  if (uid === undefined || name === undefined || namespace === undefined) return undefined;
  return { uid, name, namespace };
}

/** Splits stored labels back into what the caller gave: its own labels and its annotations. */
export function splitLabels(stored: Labels): { labels: Labels; annotations: Labels } {
  const labels: Labels = {};
  const annotations: Labels = {};
  for (const [k, v] of Object.entries(stored)) {
    if (k.startsWith(ANNOTATION_PREFIX)) annotations[k.slice(ANNOTATION_PREFIX.length)] = v;
    else if (!INTERNAL.has(k)) labels[k] = v;
  }
  return { labels, annotations };
}
