// events.k8s.io/v1 <-> core/v1 Event. Kubernetes stores both under /registry/events in the core
// shape and converts per request; these are those conversions (pkg/apis/events/v1/conversion.go).
import type { KubeObject } from '../../meta.js';
import type { EventsV1Event } from './event-types.js';

/** The core/v1 fields an Event carries, loosely typed so both packages can share this module. */
export interface CoreEventShape extends KubeObject {
  involvedObject?: Record<string, unknown>;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  action?: string;
  related?: Record<string, unknown> | null;
  reportingComponent?: string;
  reportingInstance?: string;
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined && value !== null && value !== '') target[key] = value;
}

/** events.k8s.io/v1 → core/v1 (what is stored). */
export function eventsV1ToCore(e: EventsV1Event): CoreEventShape {
  const out: CoreEventShape = { apiVersion: 'v1', kind: 'Event', metadata: e.metadata, involvedObject: { ...(e.regarding ?? {}) } };
  set(out, 'reason', e.reason);
  set(out, 'message', e.note);
  if (e.deprecatedSource && (e.deprecatedSource.component || e.deprecatedSource.host)) out.source = { ...e.deprecatedSource };
  else out.source = {};
  out.firstTimestamp = e.deprecatedFirstTimestamp ?? null;
  out.lastTimestamp = e.deprecatedLastTimestamp ?? null;
  set(out, 'count', e.deprecatedCount);
  set(out, 'type', e.type);
  out.eventTime = e.eventTime ?? null;
  if (e.series) out.series = { count: e.series.count, lastObservedTime: e.series.lastObservedTime };
  set(out, 'action', e.action);
  if (e.related) out.related = { ...e.related };
  set(out, 'reportingComponent', e.reportingController);
  set(out, 'reportingInstance', e.reportingInstance);
  return out;
}

/** core/v1 → events.k8s.io/v1 (what events.k8s.io clients read). */
export function coreEventToV1(e: CoreEventShape): EventsV1Event {
  const out: EventsV1Event = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: e.metadata, eventTime: e.eventTime ?? null };
  if (e.series) out.series = { count: e.series.count ?? 0, lastObservedTime: e.series.lastObservedTime ?? '' };
  set(out, 'reportingController', e.reportingComponent);
  set(out, 'reportingInstance', e.reportingInstance);
  set(out, 'action', e.action);
  set(out, 'reason', e.reason);
  if (e.involvedObject) out.regarding = { ...e.involvedObject };
  if (e.related) out.related = { ...e.related };
  set(out, 'note', e.message);
  set(out, 'type', e.type);
  if (e.source && (e.source.component || e.source.host)) out.deprecatedSource = { ...e.source };
  out.deprecatedFirstTimestamp = e.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = e.lastTimestamp ?? null;
  set(out, 'deprecatedCount', e.count);
  return out;
}
