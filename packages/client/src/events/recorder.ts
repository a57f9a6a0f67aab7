// client-go's event recorder, reduced to what users see: a core/v1 Event per (object, type,
// reason, message), and when the same thing happens again the existing Event's count and
// lastTimestamp are bumped instead of a new Event being created (the correlator's dedup).
// Recording never blocks or fails the controller: writes are fire-and-forget and logged.
import type { Event, KubeObject, ObjectReference } from '@kubelite/api';
import type { Logger } from '../logger.js';
import { isNotFound } from '../rest/errors.js';
import type { KubeClient } from '../rest/kube-client.js';
import type { ResourceClient } from '../rest/resource.js';

export type EventType = 'Normal' | 'Warning';

interface Seen {
  name: string;
  namespace: string;
  count: number;
  /** chains writes to one Event so counts go up in order */
  last: Promise<void>;
}

/** How many distinct events are remembered for dedup (client-go's LRU is 4096 too). */
const CACHE_SIZE = 4096;

/** metav1.Time on the wire: RFC 3339 in UTC, whole seconds. */
export const rfc3339 = (d: Date = new Date()): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function objectReference(obj: KubeObject, fallbackKind?: string, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = {
    kind: obj.kind ?? fallbackKind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private readonly events: ResourceClient<Event>;

  constructor(
    client: KubeClient,
    readonly component: string,
    private readonly log: Logger,
    /** `source.host`: the node a kubelet reports from */
    private readonly host?: string,
  ) {
    this.events = client.resource<Event>('', 'v1', 'events');
  }

  event(obj: KubeObject, type: EventType, reason: string, message: string, kind?: string): void {
    this.record(objectReference(obj, kind), type, reason, message);
  }

  /** An event about one part of an object, e.g. `spec.containers{app}` of a pod (kubelet events). */
  eventOn(obj: KubeObject, fieldPath: string, type: EventType, reason: string, message: string): void {
    this.record(objectReference(obj, undefined, fieldPath), type, reason, message);
  }

  private record(ref: ObjectReference, type: EventType, reason: string, message: string): void {
    const namespace = ref.namespace || 'default';
    const key = [ref.kind, namespace, ref.name, ref.uid, ref.fieldPath, type, reason, message].join('\u0000');
    const prev = this.seen.get(key);
    if (prev) {
      this.seen.delete(key); // re-insert: most recently used last
      this.seen.set(key, prev);
      prev.count++;
      const count = prev.count;
      prev.last = prev.last.then(() => this.bump(prev, count, key, ref, type, reason, message));
      return;
    }
    const now = new Date();
    const name = `${ref.name}.${(BigInt(now.getTime()) * 1_000_000n + BigInt(this.seen.size)).toString(16)}`;
    const entry: Seen = { name, namespace, count: 1, last: Promise.resolve() };
    this.seen.set(key, entry);
    if (this.seen.size > CACHE_SIZE) this.seen.delete(this.seen.keys().next().value as string);
    entry.last = this.create(entry, ref, type, reason, message, now);
  }

  private async create(e: Seen, ref: ObjectReference, type: string, reason: string, message: string, now: Date): Promise<void> {
    const body: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: e.name, namespace: e.namespace },
      involvedObject: ref,
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      reportingComponent: this.component,
      reportingInstance: '',
    };
    try {
      await this.events.namespace(e.namespace).create(body);
    } catch (err) {
      this.log.debug({ err: String(err), reason }, 'could not record event');
    }
  }

  private async bump(e: Seen, count: number, key: string, ref: ObjectReference, type: string, reason: string, message: string): Promise<void> {
    try {
      await this.events.namespace(e.namespace).patch(e.name, 'merge', { count, lastTimestamp: rfc3339(new Date()) });
    } catch (err) {
      // The Event expired (its lease) or was deleted: start a new one.
      if (isNotFound(err)) {
        this.seen.delete(key);
        this.record(ref, type as EventType, reason, message);
      } else this.log.debug({ err: String(err), reason }, 'could not update event');
    }
  }
}
