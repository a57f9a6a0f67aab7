// ConfigMap and Secret validation (ValidateConfigMap, ValidateSecret and their updates).
import { forbidden, invalid, required, tooLong, type FieldError } from '../../field.js';
import { decodeBase64 } from './base64.js';
import type { ConfigMap, Secret } from './config-types.js';
import { isConfigMapKey, key, messagesToErrors } from './field-helpers.js';
import { semanticEqual } from './semantic.js';
import { utf8Length } from '../../validation.js';

/** 1 MiB: the most a ConfigMap's or Secret's data may hold (etcd's value limit leaves headroom). */
export const MAX_SECRET_SIZE = 1024 * 1024;
const IMMUTABLE = 'field is immutable when `immutable` is set';

// Keys checked, values decoded from base64; returns the decoded size.
function validateBinaryMap(data: Record<string, string> | undefined, path: string, errs: FieldError[]): number {
  let size = 0;
  for (const [k, v] of Object.entries(data ?? {})) {
    errs.push(...messagesToErrors(isConfigMapKey(k), key(path, k), k));
    const decoded = decodeBase64(typeof v === 'string' ? v : '');
    if (decoded.ok) size += decoded.bytes.length;
    else errs.push(invalid(key(path, k), '<secret contents redacted>', decoded.error));
  }
  return size;
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    errs.push(...messagesToErrors(isConfigMapKey(k), key('data', k), k));
    if (cm.binaryData && k in cm.binaryData) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += utf8Length(v);
  }
  size += validateBinaryMap(cm.binaryData, 'binaryData', errs);
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('', '', MAX_SECRET_SIZE));
  return errs;
}

function validateImmutableData(
  next: { immutable?: boolean; data?: unknown; binaryData?: unknown },
  prev: { immutable?: boolean; data?: unknown; binaryData?: unknown },
  binary: boolean,
): FieldError[] {
  if (prev.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE));
  if (!semanticEqual(next.data, prev.data)) errs.push(forbidden('data', IMMUTABLE));
  if (binary && !semanticEqual(next.binaryData, prev.binaryData)) errs.push(forbidden('binaryData', IMMUTABLE));
  return errs;
}

export function validateConfigMapUpdate(next: ConfigMap, prev: ConfigMap): FieldError[] {
  return validateImmutableData(next, prev, true);
}

const REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateSecretType(s: Secret): FieldError[] {
  const data = s.data ?? {};
  const type = s.type ?? '';
  if (type === 'kubernetes.io/service-account-token') {
    const name = 'kubernetes.io/service-account.name';
    return s.metadata.annotations?.[name] ? [] : [required(key('metadata.annotations', name))];
  }
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    return [required(key('data', 'username')), required(key('data', 'password'))];
  }
  const errs: FieldError[] = [];
  for (const k of REQUIRED_KEYS[type] ?? []) if (!(k in data)) errs.push(required(key('data', k)));
  if (errs.length > 0 || (type !== 'kubernetes.io/dockercfg' && type !== 'kubernetes.io/dockerconfigjson')) return errs;
  const k = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
  const decoded = decodeBase64(data[k] ?? '');
  if (!decoded.ok) return errs;
  try {
    JSON.parse(decoded.bytes.toString('utf8'));
  } catch (e) {
    errs.push(invalid(key('data', k), '<secret contents redacted>', e instanceof Error ? e.message : String(e)));
  }
  return errs;
}

export function validateSecret(s: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const size = validateBinaryMap(s.data, 'data', errs);
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('data', '', MAX_SECRET_SIZE));
  errs.push(...validateSecretType(s));
  return errs;
}

export function validateSecretUpdate(next: Secret, prev: Secret): FieldError[] {
  const errs: FieldError[] = [];
  if ((next.type ?? '') !== (prev.type ?? '')) errs.push(invalid('type', next.type ?? '', 'field is immutable'));
  errs.push(...validateImmutableData(next, prev, false));
  return errs;
}
