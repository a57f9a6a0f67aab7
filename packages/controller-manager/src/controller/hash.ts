// ComputeHash (A.2): FNV-1a 32-bit over a canonical dump of a pod template, with the collision
// count mixed in, printed in decimal and spelled in the "safe" alphabet so the result looks like
// Kubernetes' pod-template-hash (`5d59d67564`). Go's exact input (a go-spew dump) cannot be
// reproduced; the canonical JSON makes the hash change exactly when the template does, and
// ignores unset fields so `creationTimestamp: null` or `resources: {}` do not matter.
import type { PodTemplateSpec } from '@kubelite/api';
import { canonicalJson } from './semantic.js';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

function fnv1a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv1a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a(extra, h);
  }
  return safeEncode(String(h));
}

function safeEncode(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE[ch.charCodeAt(0) % SAFE.length];
  return out;
}
