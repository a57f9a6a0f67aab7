// events.k8s.io/v1 Event validation: the legacy rules every Event passes plus the strict rules
// for events written through events.k8s.io (pkg/apis/core/validation/events.go, 1.32). Field paths
// are the core names, as Kubernetes validates the stored (core) form.
import { invalid, required, type FieldError } from '../../field.js';
import { isDNS1123Subdomain, isQualifiedName, utf8Length } from '../../validation.js';
import { semanticEqual, validateImmutableField } from '../apps/semantic.js';
import { normalizeMicroTime } from './microtime.js';
import type { EventsV1Event } from './event-types.js';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

export function setDefaultsEventsV1Event(e: EventsV1Event): void {
  normalizeMicroTime(e as { eventTime?: string | null }, 'eventTime');
  if (e.series) normalizeMicroTime(e.series as { lastObservedTime?: string }, 'lastObservedTime');
}

function tooLongText(fld: string, limit: number): FieldError {
  return invalid(fld, '', `can have at most ${limit} characters`);
}

// legacyValidateEvent for an event with eventTime set (every events.k8s.io event has one).
function validateReporting(e: EventsV1Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = e.metadata.namespace ?? '';
  if (!e.regarding?.namespace && ns !== 'default' && ns !== 'kube-system') {
    errs.push(invalid('involvedObject.namespace', e.regarding?.namespace ?? '', 'does not match event.namespace'));
  }
  const controller = e.reportingController ?? '';
  if (controller === '') errs.push(required('reportingController'));
  for (const msg of isQualifiedName(controller)) errs.push(invalid('reportingController', controller, msg));
  const instance = e.reportingInstance ?? '';
  if (instance === '') errs.push(required('reportingInstance'));
  if (utf8Length(instance) > REPORTING_INSTANCE_LIMIT) errs.push(tooLongText('reportingInstance', REPORTING_INSTANCE_LIMIT));
  const action = e.action ?? '';
  if (action === '') errs.push(required('action'));
  if (utf8Length(action) > ACTION_LIMIT) errs.push(tooLongText('action', ACTION_LIMIT));
  const reason = e.reason ?? '';
  if (reason === '') errs.push(required('reason'));
  if (utf8Length(reason) > REASON_LIMIT) errs.push(tooLongText('reason', REASON_LIMIT));
  if (utf8Length(e.note ?? '') > NOTE_LIMIT) errs.push(tooLongText('message', NOTE_LIMIT));
  return errs;
}

function validateSeries(e: EventsV1Event): FieldError[] {
  if (!e.series) return [];
  const errs: FieldError[] = [];
  if ((e.series.count ?? 0) < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
  if (!e.series.lastObservedTime) errs.push(required('series.lastObservedTime'));
  return errs;
}

function validateStrict(e: EventsV1Event): FieldError[] {
  const errs = validateSeries(e);
  if (!e.eventTime) errs.push(required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${e.type ?? ''}`));
  if (e.deprecatedFirstTimestamp) errs.push(invalid('firstTimestamp', '', 'needs to be unset'));
  if (e.deprecatedLastTimestamp) errs.push(invalid('lastTimestamp', '', 'needs to be unset'));
  if (e.deprecatedCount) errs.push(invalid('count', '', 'needs to be unset'));
  if (e.deprecatedSource?.component || e.deprecatedSource?.host) errs.push(invalid('source', '', 'needs to be unset'));
  return errs;
}

function validateNamespace(e: EventsV1Event): FieldError[] {
  const ns = e.metadata.namespace ?? '';
  return isDNS1123Subdomain(ns).map((msg) => invalid('namespace', ns, msg));
}

/** ValidateEventCreate for events.k8s.io/v1. */
export function validateEventsV1Event(e: EventsV1Event): FieldError[] {
  const errs = e.eventTime ? validateReporting(e) : [];
  errs.push(...validateNamespace(e));
  errs.push(...validateStrict(e));
  return errs;
}

/** ValidateEventUpdate for events.k8s.io/v1: the event's identity and story do not change. */
export function validateEventsV1EventUpdate(e: EventsV1Event, old: EventsV1Event): FieldError[] {
  const errs = e.eventTime ? validateReporting(e) : [];
  errs.push(...validateNamespace(e));
  if (!semanticEqual(e.series, old.series)) errs.push(...validateSeries(e));
  const pairs: Array<[unknown, unknown, string]> = [
    [e.regarding, old.regarding, 'involvedObject'],
    [e.reason, old.reason, 'reason'],
    [e.note, old.note, 'message'],
    [e.deprecatedSource, old.deprecatedSource, 'source'],
    [e.deprecatedFirstTimestamp, old.deprecatedFirstTimestamp, 'firstTimestamp'],
    [e.deprecatedLastTimestamp, old.deprecatedLastTimestamp, 'lastTimestamp'],
    [e.deprecatedCount, old.deprecatedCount, 'count'],
    [e.type, old.type, 'type'],
    [e.eventTime, old.eventTime, 'eventTime'],
    [e.action, old.action, 'action'],
    [e.related, old.related, 'related'],
    [e.reportingController, old.reportingController, 'reportingController'],
    [e.reportingInstance, old.reportingInstance, 'reportingInstance'],
  ];
  for (const [a, b, fld] of pairs) errs.push(...validateImmutableField(a, b, fld));
  return errs;
}
