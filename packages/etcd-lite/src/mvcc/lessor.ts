// Leases: a TTL that keys can be attached to; when it expires or is revoked every attached key is
// deleted in one revision. Lease records are persisted with their expiry time, so a lease keeps
// its remaining TTL across a restart; keep-alive refreshes are checkpointed once a second.
import { EtcdError } from '../errors.js';
import { randomId } from '../ids.js';
import type { Backend } from '../storage/backend.js';
import { leaseBounds, leaseKey } from '../storage/layout.js';
import type { WriteContext } from './committer.js';
import { keyString } from './key-index.js';
import type { LeaseId } from './types.js';
import type { LeaseAttachments } from './write-txn.js';

/** etcd's minimum TTL with its default heartbeat (100 ms) and election (1 s) settings. */
export const MIN_LEASE_TTL = 2;
export const MAX_LEASE_TTL = 9_000_000_000;
const EXPIRY_CHECK_MS = 500;
const CHECKPOINT_MS = 1000;

export interface Lease {
  id: LeaseId;
  /** granted TTL in seconds */
  ttl: number;
  /** wall-clock expiry, ms */
  expiresAt: number;
  keys: Map<string, Buffer>;
  revoking: boolean;
}

interface LeaseRecord {
  id: string;
  ttl: number;
  expiresAt: number;
}

/** Submits a unit of work to the committer (the lessor's only way to write). */
export type Submit = <T>(work: (ctx: WriteContext) => T | Promise<T>) => Promise<T>;

export class Lessor implements LeaseAttachments {
  private readonly leases = new Map<LeaseId, Lease>();
  private readonly dirty = new Set<LeaseId>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly submit: Submit,
    private readonly now: () => number = Date.now,
  ) {}

  async recover(backend: Backend, attached: { key: Buffer; lease: LeaseId }[]): Promise<void> {
    for await (const [, v] of backend.iterate(leaseBounds)) {
      const r = JSON.parse(v.toString()) as LeaseRecord;
      this.leases.set(r.id, { id: r.id, ttl: r.ttl, expiresAt: r.expiresAt, keys: new Map(), revoking: false });
    }
    for (const { key, lease } of attached) this.leases.get(lease)?.keys.set(keyString(key), key);
  }

  /** Starts expiring leases and checkpointing keep-alives. */
  start(onError: (err: unknown) => void): void {
    const guard = (p: Promise<unknown>) => p.catch(onError);
    this.timers.push(setInterval(() => guard(this.expire()), EXPIRY_CHECK_MS));
    this.timers.push(setInterval(() => guard(this.checkpoint()), CHECKPOINT_MS));
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  get count(): number {
    return this.leases.size;
  }

  // LeaseAttachments, used by write txns
  exists(id: LeaseId): boolean {
    return this.leases.has(id);
  }
  attach(id: LeaseId, key: Buffer): void {
    this.leases.get(id)?.keys.set(keyString(key), key);
  }
  detach(id: LeaseId, key: Buffer): void {
    this.leases.get(id)?.keys.delete(keyString(key));
  }

  grant(requestedId: LeaseId, ttl: number): Promise<Lease> {
    if (ttl > MAX_LEASE_TTL) return Promise.reject(new EtcdError('LEASE_TTL_TOO_LARGE'));
    return this.submit((ctx) => {
      let id = requestedId;
      if (id === '0') id = this.newId();
      else if (this.leases.has(id)) throw new EtcdError('LEASE_EXISTS', `lease ${id}`);
      const granted = Math.max(ttl, MIN_LEASE_TTL);
      const lease: Lease = { id, ttl: granted, expiresAt: this.now() + granted * 1000, keys: new Map(), revoking: false };
      this.leases.set(id, lease);
      ctx.persist(this.record(lease));
      return lease;
    });
  }

  /** Deletes the lease and all its keys in one revision. */
  revoke(id: LeaseId): Promise<void> {
    return this.submit((ctx) => {
      const lease = this.leases.get(id);
      if (lease === undefined) throw new EtcdError('LEASE_NOT_FOUND', `lease ${id}`);
      if (lease.keys.size > 0) {
        const txn = ctx.txn();
        const keys = [...lease.keys.values()].sort(Buffer.compare);
        for (const key of keys) txn.deleteRange({ key, end: null });
      }
      this.leases.delete(id);
      this.dirty.delete(id);
      ctx.persist({ type: 'del', key: leaseKey(BigInt(id)) });
    });
  }

  /** Renews a lease; returns its TTL, or 0 when it does not exist (etcd's keep-alive answer). */
  keepAlive(id: LeaseId): number {
    const lease = this.leases.get(id);
    if (lease === undefined || lease.revoking || lease.expiresAt <= this.now()) return 0;
    lease.expiresAt = this.now() + lease.ttl * 1000;
    this.dirty.add(id);
    return lease.ttl;
  }

  /** Remaining seconds (-1 for an unknown lease), granted TTL and attached keys. */
  timeToLive(id: LeaseId): { ttl: number; grantedTtl: number; keys: Buffer[] } {
    const lease = this.leases.get(id);
    if (lease === undefined) return { ttl: -1, grantedTtl: 0, keys: [] };
    const remaining = Math.max(-1, Math.floor((lease.expiresAt - this.now()) / 1000));
    return { ttl: remaining, grantedTtl: lease.ttl, keys: [...lease.keys.values()].sort(Buffer.compare) };
  }

  list(): LeaseId[] {
    return [...this.leases.keys()];
  }

  private async expire(): Promise<void> {
    const now = this.now();
    const due = [...this.leases.values()].filter((l) => !l.revoking && l.expiresAt <= now);
    for (const lease of due) lease.revoking = true;
    await Promise.all(
      due.map((l) =>
        this.revoke(l.id).catch((err: unknown) => {
          // revoked meanwhile by a client: nothing left to do
          if (!(err instanceof EtcdError && err.code === 'LEASE_NOT_FOUND')) throw err;
        }),
      ),
    );
  }

  private async checkpoint(): Promise<void> {
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    await this.submit((ctx) => {
      for (const id of ids) {
        const lease = this.leases.get(id);
        if (lease !== undefined) ctx.persist(this.record(lease));
      }
    });
  }

  private record(lease: Lease) {
    const r: LeaseRecord = { id: lease.id, ttl: lease.ttl, expiresAt: lease.expiresAt };
    return { type: 'put' as const, key: leaseKey(BigInt(lease.id)), value: Buffer.from(JSON.stringify(r)) };
  }

  private newId(): LeaseId {
    for (;;) {
      const id = randomId();
      if (!this.leases.has(id)) return id;
    }
  }
}
