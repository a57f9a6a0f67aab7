// The status manager: the kubelet's statuses reach the API as PATCHes of pods/<name>/status, sent
// when a status changes and re-sent every 10 s while the last attempt failed (the API server may
// be one of our own static pods, still starting). A static pod's status goes onto its mirror pod.
import { canonicalJson, type Pod, type PodStatus } from '@kubelite/api';
import { isNotFound, type KubeClient, type Logger, type ResourceClient } from '@kubelite/client';

interface Entry {
  namespace: string;
  /** The API pod the status is written to (the mirror pod for a static pod). */
  name: string;
  uid?: string;
  status: PodStatus;
  sent?: string;
}

const SYNC_PERIOD_MS = 10_000;

export class StatusManager {
  private readonly pods: ResourceClient<Pod>;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    client: KubeClient,
    private readonly logger: Logger,
  ) {
    this.pods = client.resource<Pod>('', 'v1', 'pods');
  }

  start(): void {
    this.timer = setInterval(() => {
      for (const uid of this.entries.keys()) void this.send(uid);
    }, SYNC_PERIOD_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The last status the kubelet generated for a pod (by the kubelet's pod uid). */
  get(uid: string): PodStatus | undefined {
    return this.entries.get(uid)?.status;
  }

  /** `target` is the API object: the pod itself, or a static pod's mirror pod (uid undefined until it exists). */
  set(uid: string, target: { namespace: string; name: string; uid?: string }, status: PodStatus): void {
    const prev = this.entries.get(uid);
    const entry: Entry = { ...target, status, sent: prev && prev.uid === target.uid ? prev.sent : undefined };
    this.entries.set(uid, entry);
    void this.send(uid);
  }

  forget(uid: string): void {
    this.entries.delete(uid);
  }

  private async send(uid: string): Promise<void> {
    const e = this.entries.get(uid);
    if (!e || !e.uid || this.inflight.has(uid)) return;
    const body = canonicalJson(e.status);
    if (body === e.sent) return;
    this.inflight.add(uid);
    try {
      await this.pods.namespace(e.namespace).patch(e.name, 'merge', { metadata: { uid: e.uid }, status: e.status }, { subresource: 'status' });
      e.sent = body;
    } catch (err) {
      if (isNotFound(err)) this.logger.debug({ pod: `${e.namespace}/${e.name}` }, 'pod gone before its status was written');
      else this.logger.info({ pod: `${e.namespace}/${e.name}`, err: String(err) }, 'pod status update failed; retrying');
    } finally {
      this.inflight.delete(uid);
    }
    // A newer status may have arrived while this one was in flight.
    if (this.entries.get(uid)?.status !== e.status) void this.send(uid);
  }
}
