// ImageLocality (Score): nodes that already have the pod's images score higher, by image size
// scaled by how widely the image is spread (to avoid piling pods on the one node that has it),
// clamped to [23 MiB, 1000 MiB × containers] and mapped to 0–100.
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { Handle, ScorePlugin } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';

export const IMAGE_LOCALITY = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: `:latest` is implied when the last path part has no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function newImageLocality(handle: Handle): ScorePlugin {
  return {
    name: IMAGE_LOCALITY,
    score(_s: CycleState, pod: PodInfo, node: NodeInfo): number {
      if (node.imageStates.size === 0) return 0;
      const containers = [...(pod.pod.spec.initContainers ?? []), ...pod.pod.spec.containers];
      const total = handle.nodes().length;
      let sum = 0;
      for (const c of containers) {
        const st = c.image ? node.imageStates.get(normalizedImageName(c.image)) : undefined;
        if (st) sum += Math.trunc(st.size * (st.numNodes / total));
      }
      const max = MAX_CONTAINER_THRESHOLD * containers.length;
      const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
      return Math.trunc((100 * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
    },
  };
}
