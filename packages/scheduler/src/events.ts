// The events.k8s.io/v1 recorder the scheduler reports through: Warning FailedScheduling (action
// Scheduling) and Normal Scheduled (action Binding), reportingController default-scheduler.
// Events are best effort, as upstream's broadcaster: they go through a bounded queue drained by a
// few concurrent writers, and overflow is dropped (counted) rather than slowing scheduling down.
// An event repeating the last one about the same object within 6 minutes becomes a series
// update, patched at most every 10 seconds, instead of a new object.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { EventsV1Event, Pod } from '@kubelite/api';
import { formatMicroTime, type KubeClient, type Logger, type ResourceClient } from '@kubelite/client';

export const MAX_EVENT_MESSAGE = 1024;
const SERIES_WINDOW_MS = 6 * 60_000;
const SERIES_PATCH_MIN_MS = 10_000;
const QUEUE_LIMIT = 1000;
const WRITERS = 1;
const REMEMBERED = 4096;

export interface EventRecorderOptions {
  client: KubeClient;
  reportingController: string;
  logger: Logger;
  onDrop?: () => void;
}

interface Sent {
  name: string;
  namespace: string;
  count: number;
  lastAt: number;
  lastPatchAt: number;
  firstEventTime: string;
}

type Job = () => Promise<void>;

export function truncateMessage(msg: string): string {
  const suffix = ' ...';
  return msg.length <= MAX_EVENT_MESSAGE ? msg : msg.slice(0, MAX_EVENT_MESSAGE - suffix.length) + suffix;
}

export class EventRecorder {
  private readonly events: ResourceClient<EventsV1Event>;
  private readonly instance: string;
  private readonly sent = new Map<string, Sent>();
  private readonly queue: Job[] = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly opts: EventRecorderOptions) {
    this.events = opts.client.resource<EventsV1Event>('events.k8s.io', 'v1', 'events');
    this.instance = `${opts.reportingController}-${hostname()}`;
  }

  record(pod: Pod, type: 'Normal' | 'Warning', reason: string, action: string, message: string): void {
    const note = truncateMessage(message);
    const key = `${pod.metadata.uid ?? ''}\x00${reason}\x00${action}\x00${note}`;
    const now = Date.now();
    const prev = this.sent.get(key);
    if (prev && now - prev.lastAt < SERIES_WINDOW_MS) {
      prev.count++;
      prev.lastAt = now;
      if (now - prev.lastPatchAt < SERIES_PATCH_MIN_MS) return;
      prev.lastPatchAt = now;
      this.enqueue(() => this.patchSeries(prev));
      return;
    }
    const ns = pod.metadata.namespace ?? 'default';
    const eventTime = formatMicroTime(now);
    const name = `${pod.metadata.name}.${now.toString(16)}${randomBytes(2).toString('hex')}`;
    if (this.sent.size >= REMEMBERED) this.sent.delete(this.sent.keys().next().value!);
    this.sent.set(key, { name, namespace: ns, count: 1, lastAt: now, lastPatchAt: now, firstEventTime: eventTime });
    const ev: EventsV1Event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      eventTime,
      reportingController: this.opts.reportingController,
      reportingInstance: this.instance,
      action,
      reason,
      type,
      note,
      regarding: { kind: 'Pod', apiVersion: 'v1', namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
    };
    this.enqueue(async () => void (await this.events.namespace(ns).create(ev)));
  }

  private async patchSeries(s: Sent): Promise<void> {
    const patch = { series: { count: s.count, lastObservedTime: formatMicroTime(s.lastAt) } };
    await this.events.namespace(s.namespace).patch(s.name, 'merge', patch);
  }

  private enqueue(job: Job): void {
    if (this.queue.length >= QUEUE_LIMIT) {
      this.opts.onDrop?.();
      return;
    }
    this.queue.push(job);
    this.drain();
  }

  private drain(): void {
    while (this.running < WRITERS && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      job()
        .catch((err: unknown) => this.opts.logger.debug({ err: err instanceof Error ? err.message : String(err) }, 'event not written'))
        .finally(() => {
          this.running--;
          if (this.queue.length > 0) this.drain();
          else if (this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }

  /** Resolves once queued events are written (bounded by timeoutMs), for shutdown. */
  flush(timeoutMs = 2000): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
