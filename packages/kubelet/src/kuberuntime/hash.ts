// The container hash stored with every container: a changed spec means "definition changed" and
// a restart. It must be stable across kubelet versions and restarts, or every container would be
// restarted on upgrade: hash the canonical JSON of the spec, nothing process-specific.
import { createHash } from 'node:crypto';
import { canonicalJson, type Container } from '@kubelite/api';

export function containerHash(container: Container): string {
  // Resources can be resized in place upstream; they are part of the definition here.
  return createHash('sha256').update(canonicalJson(container)).digest('hex').slice(0, 16);
}
