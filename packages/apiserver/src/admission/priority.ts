// Priority: without PriorityClasses served, every pod gets the default priority 0 (what
// Kubernetes' Priority admission resolves when no class is named and no default class exists),
// so the scheduler's queue can order by spec.priority without guessing.
import type { AdmissionAttributes, AdmissionPlugin } from './types.js';

export class Priority implements AdmissionPlugin {
  readonly name = 'Priority';

  admit(a: AdmissionAttributes): void {
    if (a.subresource !== '' || a.resource.group !== '' || a.resource.resource !== 'pods') return;
    const spec = a.object?.spec as { priority?: number } | undefined;
    if (!spec || typeof spec !== 'object' || spec.priority !== undefined) return;
    if (a.operation === 'CREATE') spec.priority = 0;
    // An update that leaves priority out keeps the one resolved at create (priority is immutable,
    // so dropping it would fail validation).
    if (a.operation === 'UPDATE') {
      const old = (a.oldObject?.spec ?? {}) as { priority?: number };
      if (old.priority !== undefined) spec.priority = old.priority;
    }
  }
}
