// core/v1 Event validation as the legacy API applies it (legacyValidateEvent): old-style events
// must name a matching namespace; new-style ones (eventTime set) must say who reported what.
import { invalid, required, type FieldError } from '../../field.js';
import { isDNS1123Subdomain, isQualifiedName, utf8Length } from '../../validation.js';
import type { Event } from './event-types.js';
import { messagesToErrors } from './field-helpers.js';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

function tooMany(field: string, value: string | undefined, limit: number): FieldError[] {
  return utf8Length(value ?? '') > limit ? [invalid(field, '', `can have at most ${limit} characters`)] : [];
}

function validateNewStyle(ev: Event, namespace: string): FieldError[] {
  const errs: FieldError[] = [];
  const involvedNs = ev.involvedObject?.namespace ?? '';
  if (involvedNs === '' && namespace !== 'default' && namespace !== 'kube-system') {
    errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  }
  const component = ev.reportingComponent ?? '';
  if (component === '') errs.push(required('reportingComponent'));
  errs.push(...messagesToErrors(isQualifiedName(component), 'reportingComponent', component));
  if (!ev.reportingInstance) errs.push(required('reportingInstance'));
  errs.push(...tooMany('reportingInstance', ev.reportingInstance, REPORTING_INSTANCE_LIMIT));
  if (!ev.action) errs.push(required('action'));
  errs.push(...tooMany('action', ev.action, ACTION_LIMIT));
  if (!ev.reason) errs.push(required('reason'));
  errs.push(...tooMany('reason', ev.reason, REASON_LIMIT));
  errs.push(...tooMany('message', ev.message, NOTE_LIMIT));
  return errs;
}

export function validateEvent(ev: Event): FieldError[] {
  const namespace = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  let errs: FieldError[] = [];
  if (!ev.eventTime) {
    // Cluster-scoped objects' events may live in "default", for compatibility with old clients.
    const ok = involvedNs === '' ? namespace === '' || namespace === 'default' : namespace === involvedNs;
    if (!ok) errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  } else {
    errs = validateNewStyle(ev, namespace);
  }
  errs.push(...messagesToErrors(isDNS1123Subdomain(namespace), 'namespace', namespace));
  return errs;
}
