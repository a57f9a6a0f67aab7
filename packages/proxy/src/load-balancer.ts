// Endpoint choice for one service port: round-robin over the usable endpoints, as the userspace
// proxier did, with sessionAffinity ClientIP layered on top: a client IP keeps the endpoint it
// was last given while that endpoint stays usable and the client came back within the timeout
// (measured from its last connection, like the iptables `recent` match).

export interface BalancerEndpoint {
  host: string;
  port: number;
}

interface Affinity {
  endpoint: string;
  lastUsedMs: number;
}

/** Reap expired affinity entries after this many picks, so the map cannot grow without bound. */
const REAP_EVERY = 1024;

export const endpointId = (e: BalancerEndpoint): string => (e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`);

export class RoundRobinBalancer {
  private endpoints: BalancerEndpoint[] = [];
  private ids: string[] = [];
  private next = 0;
  private affinityTimeoutMs = 0;
  private readonly affinity = new Map<string, Affinity>();
  private picks = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Replaces the endpoint set; order is made stable so the rotation does not depend on list order. */
  setEndpoints(endpoints: readonly BalancerEndpoint[]): void {
    const sorted = [...endpoints].sort((a, b) => endpointId(a).localeCompare(endpointId(b)));
    const ids = sorted.map(endpointId);
    if (ids.join(',') === this.ids.join(',')) return;
    this.endpoints = sorted;
    this.ids = ids;
    this.next = ids.length === 0 ? 0 : this.next % ids.length;
    const live = new Set(ids);
    for (const [client, a] of this.affinity) if (!live.has(a.endpoint)) this.affinity.delete(client);
  }

  /** 0 turns ClientIP affinity off (and forgets every client). */
  setAffinityTimeout(ms: number): void {
    if (ms === this.affinityTimeoutMs) return;
    this.affinityTimeoutMs = ms;
    this.affinity.clear();
  }

  get size(): number {
    return this.endpoints.length;
  }

  pick(clientIp: string): BalancerEndpoint | undefined {
    if (this.endpoints.length === 0) return undefined;
    const now = this.now();
    if (this.affinityTimeoutMs > 0) {
      if (++this.picks % REAP_EVERY === 0) this.reap(now);
      const a = this.affinity.get(clientIp);
      const i = a && now - a.lastUsedMs <= this.affinityTimeoutMs ? this.ids.indexOf(a.endpoint) : -1;
      if (a && i >= 0) {
        a.lastUsedMs = now;
        return this.endpoints[i];
      }
    }
    const index = this.next;
    this.next = (this.next + 1) % this.endpoints.length;
    const chosen = this.endpoints[index];
    if (chosen && this.affinityTimeoutMs > 0) this.affinity.set(clientIp, { endpoint: this.ids[index] ?? '', lastUsedMs: now });
    return chosen;
  }

  /** A connection to the client's endpoint failed: let the next pick choose afresh. */
  resetAffinity(clientIp: string): void {
    this.affinity.delete(clientIp);
  }

  private reap(now: number): void {
    for (const [client, a] of this.affinity) if (now - a.lastUsedMs > this.affinityTimeoutMs) this.affinity.delete(client);
  }
}
