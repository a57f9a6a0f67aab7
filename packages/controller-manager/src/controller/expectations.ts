// ControllerExpectations / UIDTrackingControllerExpectations: what a controller has asked the
// API for and not yet seen come back through its informer. While a controller key has
// outstanding expectations (younger than 5 minutes) the controller does not create or delete
// again, so a slow watch can never make it act twice on the same shortfall.
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  /** pod keys whose deletion we are waiting to observe */
  del: Set<string>;
  at: number;
}

export class ControllerExpectations {
  private readonly items = new Map<string, Expectation>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when nothing is outstanding, or what is outstanding has expired. */
  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del.size === 0) return true;
    return this.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.items.set(key, { add: n, del: new Set(), at: this.now() });
  }

  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.items.set(key, { add: 0, del: new Set(podKeys), at: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e && e.add > 0) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.items.get(key)?.del.delete(podKey);
  }

  /** A create failed or was never attempted: stop waiting for it. */
  lowerCreations(key: string, n: number): void {
    const e = this.items.get(key);
    if (e) e.add = Math.max(0, e.add - n);
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}
