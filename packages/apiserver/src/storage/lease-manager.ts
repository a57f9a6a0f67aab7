// Lease reuse for objects with a TTL, after Kubernetes' etcd3 leaseManager: granting a lease per
// object would flood etcd with leases (Events are written constantly), so objects with the same
// TTL share one lease for a short while. The lease is granted a little longer than asked
// (min(5% of TTL, 60 s)) so every object attached to it lives at least its TTL, and at most that
// much longer. No keep-alive: the lease simply expires and etcd deletes the objects.
import type { EtcdClient } from './etcd-client.js';

const REUSE_DURATION_SECONDS = 60;
const REUSE_DURATION_PERCENT = 0.05;
/** Bound the number of keys one lease deletes at once when it expires (a single big revision). */
const MAX_OBJECTS_PER_LEASE = 1000;

interface CachedLease {
  id: string;
  expiresAt: number;
  attached: number;
}

export class LeaseManager {
  private readonly byTtl = new Map<number, CachedLease>();
  /** One grant in flight per TTL, so a burst of creates shares one lease instead of racing. */
  private readonly inflight = new Map<number, Promise<string>>();

  constructor(
    private readonly client: EtcdClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** A lease ID (decimal string, exact 64-bit) that keeps an object for at least ttlSeconds. */
  async getLease(ttlSeconds: number): Promise<string> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    const reuse = Math.min(Math.floor(REUSE_DURATION_PERCENT * ttl), REUSE_DURATION_SECONDS);
    const now = this.now();
    const prev = this.byTtl.get(ttl);
    if (prev) {
      // Valid: it outlives this object's TTL. Sufficient: not by more than the reuse slack.
      const valid = now + ttl * 1000 < prev.expiresAt;
      const sufficient = now + (ttl + reuse) * 1000 > prev.expiresAt;
      if (valid && sufficient && prev.attached < MAX_OBJECTS_PER_LEASE) {
        prev.attached++;
        return prev.id;
      }
    }
    const pending = this.inflight.get(ttl);
    if (pending) return pending;
    const grant = (async () => {
      try {
        const res = await this.client.leaseGrant({ TTL: ttl + reuse });
        this.byTtl.set(ttl, { id: res.ID, expiresAt: now + (ttl + reuse) * 1000, attached: 1 });
        return res.ID;
      } finally {
        this.inflight.delete(ttl);
      }
    })();
    this.inflight.set(ttl, grant);
    return grant;
  }
}
