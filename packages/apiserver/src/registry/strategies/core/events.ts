// Events (core/v1): legacy validation, the field selectors `kubectl describe` and
// `kubectl events` use, and the `kubectl get events` columns (printEvent).
import { validateEvent, type Event } from '@kubelite/api';
import { humanDuration, translateTimestampSince } from '../../printers/age.js';
import { column, NAME_COLUMN } from '../../printers/core-columns.js';
import { isZeroTime } from '../../printers/core-format.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

function since(t: string | null | undefined, now: Date): string {
  if (isZeroTime(t)) return '<unknown>';
  const ms = Date.parse(t ?? '');
  return Number.isNaN(ms) ? '<unknown>' : humanDuration(now.getTime() - ms);
}

/** `Source`: component (or reporting controller), then `, host` (or reporting instance) if any. */
function formatSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance === '' ? component : `${component}, ${instance}`;
}

function eventCells(ev: Event, now: Date): unknown[] {
  const first = isZeroTime(ev.firstTimestamp) ? since(ev.eventTime, now) : translateTimestampSince(ev.firstTimestamp, now);
  let last = isZeroTime(ev.lastTimestamp) ? first : translateTimestampSince(ev.lastTimestamp, now);
  let count = ev.count ?? 0;
  if (ev.series) {
    last = since(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // events.k8s.io singletons carry no count
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
  return [
    last, ev.type ?? '', ev.reason ?? '', target, ev.involvedObject?.fieldPath ?? '', formatSource(ev),
    (ev.message ?? '').trim(), first, count, ev.metadata.name ?? '',
  ];
}

export const EVENT_TABLE: TablePrinter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    column('Object', 'The object that this event is about.'),
    column('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', { wide: true }),
    column('Source', 'The component reporting this event. Should be a short machine understandable string.', { wide: true }),
    column('Message', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', { wide: true }),
    column('Count', 'The number of times this event has occurred.', { wide: true }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells: (obj, now) => eventCells(typed<Event>(obj), now),
};

function selectableFields(obj: KObject): Record<string, string> {
  const ev = typed<Event>(obj);
  const ref = ev.involvedObject ?? {};
  return {
    'involvedObject.kind': ref.kind ?? '',
    'involvedObject.namespace': ref.namespace ?? '',
    'involvedObject.name': ref.name ?? '',
    'involvedObject.uid': ref.uid ?? '',
    'involvedObject.apiVersion': ref.apiVersion ?? '',
    'involvedObject.resourceVersion': ref.resourceVersion ?? '',
    'involvedObject.fieldPath': ref.fieldPath ?? '',
    reason: ev.reason ?? '',
    reportingComponent: ev.reportingComponent ?? '',
    source: ev.source?.component || ev.reportingComponent || '',
    type: ev.type ?? '',
  };
}

export const eventStrategy: Strategy = {
  validate: (obj) => validateEvent(typed<Event>(obj)),
  selectableFields,
  table: EVENT_TABLE,
  tracksGeneration: false,
};
