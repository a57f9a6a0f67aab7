// events.k8s.io/events (pkg/registry/core/event: the same storage and printer as core/v1 events,
// read through the events.k8s.io/v1 shape).
import { setDefaultsEventsV1Event, validateEventsV1Event, validateEventsV1EventUpdate, type EventsV1Event } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { column, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { view } from './common.js';

const DOCS = {
  lastSeen: 'The time at which the most recent occurrence of this event was recorded.',
  type: 'Type of this event (Normal, Warning), new types could be added in the future',
  reason: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
  object: 'The object that this event is about.',
  subobject:
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
  source: 'The component reporting this event. Should be a short machine understandable string.',
  message: 'A human-readable description of the status of this operation.',
  firstSeen: 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
  count: 'The number of times this event has occurred.',
};

/** formatEventSource: component (or reporting controller), then ", host" when there is one. */
function eventSource(e: EventsV1Event): string {
  const component = e.deprecatedSource?.component || e.reportingController || '';
  const host = e.deprecatedSource?.host || e.reportingInstance || '';
  return host === '' ? component : `${component}, ${host}`;
}

function eventTarget(e: EventsV1Event): string {
  const kind = (e.regarding?.kind ?? '').toLowerCase();
  return e.regarding?.name ? `${kind}/${e.regarding.name}` : kind;
}

export const eventsV1Table: TablePrinter = {
  columns: [
    column('Last Seen', 'string', DOCS.lastSeen),
    column('Type', 'string', DOCS.type),
    column('Reason', 'string', DOCS.reason),
    column('Object', 'string', DOCS.object),
    column('Subobject', 'string', DOCS.subobject, 1),
    column('Source', 'string', DOCS.source, 1),
    column('Message', 'string', DOCS.message),
    column('First Seen', 'string', DOCS.firstSeen, 1),
    column('Count', 'string', DOCS.count, 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const e = view<EventsV1Event>(obj);
    const first = e.deprecatedFirstTimestamp
      ? translateTimestampSince(e.deprecatedFirstTimestamp, now)
      : translateTimestampSince(e.eventTime, now);
    let last = e.deprecatedLastTimestamp ? translateTimestampSince(e.deprecatedLastTimestamp, now) : first;
    let count = e.deprecatedCount || 1;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count;
    }
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      eventTarget(e),
      e.regarding?.fieldPath ?? '',
      eventSource(e),
      (e.note ?? '').trim(),
      first,
      count,
      e.metadata.name ?? '',
    ];
  },
};

/** The field selectors events.k8s.io/v1 accepts (its field-label conversions), by their v1 names. */
function eventFields(e: EventsV1Event): Record<string, string> {
  const r = e.regarding ?? {};
  return {
    'regarding.kind': r.kind ?? '',
    'regarding.namespace': r.namespace ?? '',
    'regarding.name': r.name ?? '',
    'regarding.uid': r.uid ?? '',
    'regarding.apiVersion': r.apiVersion ?? '',
    'regarding.resourceVersion': r.resourceVersion ?? '',
    'regarding.fieldPath': r.fieldPath ?? '',
    reason: e.reason ?? '',
    reportingController: e.reportingController ?? '',
    type: e.type ?? '',
  };
}

export const eventsV1Strategy: Strategy = {
  defaults: (obj) => setDefaultsEventsV1Event(view<EventsV1Event>(obj)),
  validate: (obj) => validateEventsV1Event(view<EventsV1Event>(obj)),
  validateUpdate: (obj, old) => validateEventsV1EventUpdate(view<EventsV1Event>(obj), view<EventsV1Event>(old)),
  selectableFields: (obj) => eventFields(view<EventsV1Event>(obj)),
  table: eventsV1Table,
  tracksGeneration: false,
};
