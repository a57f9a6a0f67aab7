// Objects in etcd are JSON without metadata.resourceVersion: the version is etcd's mod_revision,
// so storing it would only go stale. It is removed on the way in and set on the way out.
import { StorageError } from './errors.js';
import type { ObjectInput, StoredObject } from './interfaces.js';

export function encodeObject(obj: ObjectInput): Buffer {
  if (obj.metadata === undefined) return Buffer.from(JSON.stringify(obj));
  const { resourceVersion: _dropped, ...metadata } = obj.metadata;
  return Buffer.from(JSON.stringify({ ...obj, metadata }));
}

export function decodeObject(value: Buffer, resourceVersion: number | string, key: string): StoredObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new StorageError('InvalidObject', `value at ${key} is not JSON`, key);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new StorageError('InvalidObject', `value at ${key} is not a JSON object`, key);
  }
  const obj = parsed as Record<string, unknown>;
  const meta = obj.metadata;
  const metadata = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta : {};
  return { ...obj, metadata: { ...metadata, resourceVersion: String(resourceVersion) } } as StoredObject;
}

/** Same as decodeObject but for watch/list paths that report rather than throw. */
export function tryDecodeObject(value: Buffer, resourceVersion: number | string, key: string): StoredObject | Error {
  try {
    return decodeObject(value, resourceVersion, key);
  } catch (err) {
    return err as Error;
  }
}

/** The metav1.Status a watch ERROR event carries, built from a storage error. */
export function statusObject(err: Error): StoredObject {
  const se = err instanceof StorageError ? err : undefined;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
    reason: se?.reason ?? 'InternalError',
    code: se?.httpStatus ?? 500,
  } as StoredObject;
}
