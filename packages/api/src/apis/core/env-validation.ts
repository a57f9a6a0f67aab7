// Environment of a container: env and envFrom (ValidateEnv, ValidateEnvFrom).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import { nameIsDNSSubdomain } from '../../validation.js';
import type { EnvFromSource, EnvVar, KeySelector, ObjectFieldSelector } from './container-types.js';
import { child, index, isConfigMapKey, isRelaxedEnvVarName, messagesToErrors, sortedValues } from './field-helpers.js';

const DOWNWARD_ENV_FIELDS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
// A single label or annotation may be addressed by key: metadata.labels['app'].
const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

function validateFieldRef(ref: ObjectFieldSelector, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.apiVersion) errs.push(required(child(path, 'apiVersion')));
  if (!ref.fieldPath) return [...errs, required(child(path, 'fieldPath'))];
  if (SUBSCRIPT.test(ref.fieldPath)) return errs;
  if (!DOWNWARD_ENV_FIELDS.includes(ref.fieldPath)) {
    errs.push(notSupported(child(path, 'fieldPath'), ref.fieldPath, sortedValues(DOWNWARD_ENV_FIELDS)));
  }
  return errs;
}

function validateKeySelector(sel: KeySelector, path: string): FieldError[] {
  const errs = messagesToErrors(nameIsDNSSubdomain(sel.name ?? '', false), child(path, 'name'), sel.name ?? '');
  if (!sel.key) errs.push(required(child(path, 'key')));
  else errs.push(...messagesToErrors(isConfigMapKey(sel.key), child(path, 'key'), sel.key));
  return errs;
}

function validateValueFrom(ev: EnvVar, path: string): FieldError[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errs.push(...validateFieldRef(from.fieldRef, child(path, 'fieldRef')));
  }
  if (from.resourceFieldRef) {
    sources++;
    if (!from.resourceFieldRef.resource) errs.push(required(child(path, 'resourceFieldRef', 'resource')));
  }
  if (from.configMapKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.configMapKeyRef, child(path, 'configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.secretKeyRef, child(path, 'secretKeyRef')));
  }
  if (sources === 0) {
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if ((ev.value ?? '') !== '') {
    errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

export function validateEnv(vars: readonly EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = index(path, i);
    const name = ev.name ?? '';
    if (name === '') errs.push(required(child(p, 'name')));
    errs.push(...messagesToErrors(isRelaxedEnvVarName(name), child(p, 'name'), name));
    errs.push(...validateValueFrom(ev, child(p, 'valueFrom')));
  });
  return errs;
}

function validateRefName(name: string | undefined, path: string): FieldError[] {
  if (!name) return [required(child(path, 'name'))];
  return messagesToErrors(nameIsDNSSubdomain(name, false), child(path, 'name'), name);
}

export function validateEnvFrom(sources: readonly EnvFromSource[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((src, i) => {
    const p = index(path, i);
    if (src.prefix) errs.push(...messagesToErrors(isRelaxedEnvVarName(src.prefix), child(p, 'prefix'), src.prefix));
    let n = 0;
    if (src.configMapRef) {
      n++;
      errs.push(...validateRefName(src.configMapRef.name, child(p, 'configMapRef')));
    }
    if (src.secretRef) {
      n++;
      errs.push(...validateRefName(src.secretRef.name, child(p, 'secretRef')));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
