// The metadata rules every kind shares (k8s.io/apiserver rest.BeforeCreate / BeforeUpdate): what
// the server assigns on create, what a client may never change, and when generation moves.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { generateName, type ObjectMeta } from '@kubelite/api';
import type { KObject } from './strategy.js';
import { rfc3339 } from './context.js';

/** Fields outside metadata and status: a change there is a spec change and bumps generation. */
function specPart(obj: KObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/** Create: server-owned metadata replaced, name generated from generateName when empty. */
export function prepareMetaForCreate(obj: KObject, namespace: string | undefined, now: Date, tracksGeneration: boolean): void {
  const m = obj.metadata;
  if (namespace === undefined) delete m.namespace;
  else m.namespace = namespace;
  if (!m.name && m.generateName) m.name = generateName(m.generateName);
  m.uid = randomUUID();
  m.creationTimestamp = rfc3339(now);
  delete m.resourceVersion;
  delete m.selfLink;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  if (tracksGeneration) m.generation = 1;
  else delete m.generation;
  dropEmpty(m);
}

/**
 * Update: identity and lifecycle fields come from the stored object whatever the client sent;
 * generation moves only when the spec part changed.
 */
export function prepareMetaForUpdate(next: KObject, old: KObject, tracksGeneration: boolean): void {
  const m = next.metadata;
  const o = old.metadata;
  m.name = o.name;
  copyOrDelete(m, o, 'namespace');
  copyOrDelete(m, o, 'uid');
  copyOrDelete(m, o, 'creationTimestamp');
  copyOrDelete(m, o, 'deletionTimestamp');
  copyOrDelete(m, o, 'deletionGracePeriodSeconds');
  delete m.generateName;
  if (o.generateName) m.generateName = o.generateName;
  delete m.resourceVersion;
  delete m.selfLink;
  if (tracksGeneration) {
    const gen = o.generation ?? 1;
    m.generation = isDeepStrictEqual(specPart(next), specPart(old)) ? gen : gen + 1;
  } else {
    copyOrDelete(m, o, 'generation');
  }
  dropEmpty(m);
}

function copyOrDelete<K extends keyof ObjectMeta>(m: ObjectMeta, o: ObjectMeta, k: K): void {
  if (o[k] === undefined || o[k] === null) delete m[k];
  else m[k] = o[k];
}

// Empty maps and lists are not stored (Go's omitempty), so a no-op update stays a no-op.
function dropEmpty(m: ObjectMeta): void {
  for (const k of ['labels', 'annotations'] as const) {
    const v = m[k];
    if (v && Object.keys(v).length === 0) delete m[k];
  }
  for (const k of ['finalizers', 'ownerReferences', 'managedFields'] as const) {
    const v = m[k];
    if (Array.isArray(v) && v.length === 0) delete m[k];
  }
}

/** Two versions differ in anything but resourceVersion and managedFields timestamps. */
export function sameObject(a: KObject, b: KObject): boolean {
  return isDeepStrictEqual(withoutVolatile(a), withoutVolatile(b));
}

function withoutVolatile(o: KObject): KObject {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}
