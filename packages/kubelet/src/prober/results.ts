// The latest verdict of one probe kind per container instance (upstream results.Manager). Keyed
// by the runtime's container id, so a restarted container starts from the initial value again.
import type { ProbeResult } from './types.js';

export class ProbeResults {
  private readonly byContainer = new Map<string, ProbeResult>();

  get(containerId: string): ProbeResult | undefined {
    return this.byContainer.get(containerId);
  }

  /** Returns whether the stored value changed (a first value counts as a change). */
  set(containerId: string, result: ProbeResult): boolean {
    const changed = this.byContainer.get(containerId) !== result;
    this.byContainer.set(containerId, result);
    return changed;
  }

  remove(containerId: string): void {
    this.byContainer.delete(containerId);
  }

  get size(): number {
    return this.byContainer.size;
  }
}
