// DefaultTolerationSeconds: every pod tolerates a not-ready or unreachable node for 300 s before
// taint-based eviction removes it, unless it says otherwise — so a brief node hiccup does not
// reschedule the whole node's pods.
import type { AdmissionAttributes, AdmissionPlugin } from './types.js';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Some toleration already tolerates `key` with NoExecute (an empty key or effect matches all). */
function covers(tolerations: readonly Toleration[], key: string): boolean {
  const keyMatches = (t: Toleration): boolean => (t.key ?? '') === '' || t.key === key;
  const effectMatches = (t: Toleration): boolean => (t.effect ?? '') === '' || t.effect === 'NoExecute';
  return tolerations.some((t) => keyMatches(t) && effectMatches(t));
}

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds';

  constructor(private readonly seconds = DEFAULT_TOLERATION_SECONDS) {}

  admit(a: AdmissionAttributes): void {
    // Updates too, as upstream: a replace that leaves the defaults out gets them back, so it does
    // not read as removing tolerations (which pod update validation forbids).
    if ((a.operation !== 'CREATE' && a.operation !== 'UPDATE') || a.subresource !== '' || a.resource.group !== '' || a.resource.resource !== 'pods') return;
    const spec = a.object?.spec as { tolerations?: Toleration[] } | undefined;
    if (!spec || typeof spec !== 'object') return;
    const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
    for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
      if (!covers(tolerations, key)) {
        tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: this.seconds });
      }
    }
    spec.tolerations = tolerations;
  }
}
