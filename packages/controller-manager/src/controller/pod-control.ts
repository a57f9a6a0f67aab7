// Creating and deleting pods for a controller (controller_utils PodControl + slowStartBatch):
// pods are stamped from the owner's template with a controller ownerReference, created in
// batches of 1, 2, 4, … so a failing template costs one request and not hundreds, and every
// action is recorded as an Event on the owner.
import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from '@kubelite/api';
import { isNotFound, type KubeClient, type ResourceClient } from '@kubelite/client';
import { errText } from './base-controller.js';
import type { EventRecorder } from '@kubelite/client';
import { deepCopy } from './pod-util.js';

/** Upstream's burstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;
export const SLOW_START_INITIAL_BATCH = 1;

export function podFromTemplate(template: PodTemplateSpec, namespace: string, generateName: string, ref: OwnerReference): Pod {
  const t = deepCopy(template);
  const meta = t.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [ref],
    },
    spec: t.spec,
  };
}

/**
 * Runs fn `count` times in doubling batches; stops after the first batch with a failure.
 * Returns how many calls succeeded (calls never made count as neither).
 */
export async function slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<{ ok: number; err?: unknown }> {
  let remaining = count;
  let ok = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    ok += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { ok, err: failed.reason };
    remaining -= batch;
  }
  return { ok };
}

export class PodControl {
  private readonly pods: ResourceClient<Pod>;

  constructor(
    client: KubeClient,
    private readonly recorder: EventRecorder,
  ) {
    this.pods = client.resource<Pod>('', 'v1', 'pods');
  }

  async create(owner: KubeObject, ownerKind: string, pod: Pod): Promise<Pod> {
    try {
      const created = await this.pods.namespace(pod.metadata.namespace ?? '').create(pod);
      this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`, ownerKind);
      return created;
    } catch (err) {
      this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errText(err)}`, ownerKind);
      throw err;
    }
  }

  /** Deletes a pod; a pod already gone counts as deleted. */
  async delete(owner: KubeObject, ownerKind: string, pod: Pod): Promise<void> {
    const name = pod.metadata.name ?? '';
    try {
      await this.pods.namespace(pod.metadata.namespace ?? '').delete(name, { preconditions: { uid: pod.metadata.uid } });
      this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, ownerKind);
    } catch (err) {
      if (isNotFound(err)) return;
      this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${errText(err)}`, ownerKind);
      throw err;
    }
  }
}
