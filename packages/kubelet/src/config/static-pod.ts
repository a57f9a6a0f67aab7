// How a manifest file becomes a pod (reference §7, upstream config/common.go): a deterministic
// UID from the node, the file and the pod's content — so editing the file makes a new pod, and a
// restarted kubelet recognises (and adopts) the containers it started from an unchanged file.
import { createHash } from 'node:crypto';
import { canonicalJson, fieldErrorMessage, setDefaultsPod, validatePod, type Pod } from '@kubelite/api';
import { kubeletError } from '../errors.js';

export const CONFIG_SOURCE = 'kubernetes.io/config.source';
export const CONFIG_HASH = 'kubernetes.io/config.hash';
export const CONFIG_SEEN = 'kubernetes.io/config.seen';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';

export function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata.annotations?.[CONFIG_SOURCE];
  return source !== undefined && source !== 'api';
}

export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR] !== undefined;
}

/** Turns a parsed manifest into the kubelet's pod; throws BAD_MANIFEST when it is not a valid Pod. */
export function staticPodFromManifest(raw: unknown, path: string, nodeName: string, seen: Date): Pod {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw kubeletError('BAD_MANIFEST', path, 'not an object');
  const pod = structuredClone(raw) as Pod;
  if (pod.kind !== undefined && pod.kind !== 'Pod') throw kubeletError('BAD_MANIFEST', path, `kind ${pod.kind} is not Pod`);
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  pod.metadata ??= {};
  const meta = pod.metadata;
  if (!meta.name) throw kubeletError('BAD_MANIFEST', path, 'metadata.name is required');
  const uid =
    meta.uid ||
    createHash('md5').update(`host:${nodeName}`).update(`file:${path}`).update(canonicalJson(raw)).digest('hex');
  meta.uid = uid;
  meta.name = `${meta.name}-${nodeName.toLowerCase()}`;
  meta.namespace ||= 'default';
  meta.annotations = { ...meta.annotations, [CONFIG_HASH]: uid, [CONFIG_SOURCE]: 'file', [CONFIG_SEEN]: seen.toISOString() };
  pod.spec ??= { containers: [] };
  pod.spec.nodeName = nodeName;
  const tolerations = pod.spec.tolerations ?? [];
  if (!tolerations.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute')) {
    pod.spec.tolerations = [...tolerations, { operator: 'Exists', effect: 'NoExecute' }];
  }
  setDefaultsPod(pod);
  pod.status = { phase: 'Pending' };
  const errs = validatePod(pod);
  if (errs.length > 0) throw kubeletError('BAD_MANIFEST', path, errs.map(fieldErrorMessage).join('; '));
  return pod;
}
