// The election logic on a FakeClock with an in-memory lock; leader-election.test.ts runs the
// same elector against a real HTTP server with Lease objects.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { ApiError } from '../rest/errors.js';
import { statusBody } from '../rest/testing/fake-apiserver.js';
import { isLeaderElectionError } from './errors.js';
import { LeaderElector, type LeaderElectionConfig } from './leader-elector.js';
import type { LeaderElectionRecord, ObservedRecord, ResourceLock } from './lease-lock.js';

/** One shared record with a version, like a Lease; each MemoryLock is one candidate's view. */
class MemoryStore {
  record: LeaderElectionRecord | undefined;
  version = 0;
  writes = 0;
  failUpdates = false;
}

class MemoryLock implements ResourceLock {
  private seen = -1;
  constructor(
    private readonly store: MemoryStore,
    private readonly id: string,
  ) {}
  get(): Promise<ObservedRecord> {
    if (!this.store.record) return Promise.reject(new ApiError(statusBody(404, 'NotFound', 'leases "l" not found')));
    this.seen = this.store.version;
    return Promise.resolve({ record: { ...this.store.record }, raw: JSON.stringify(this.store.record) });
  }
  create(r: LeaderElectionRecord): Promise<void> {
    if (this.store.record) return Promise.reject(new ApiError(statusBody(409, 'AlreadyExists', 'exists')));
    this.store.record = { ...r };
    this.seen = ++this.store.version;
    return Promise.resolve();
  }
  update(r: LeaderElectionRecord): Promise<void> {
    if (this.store.failUpdates) return Promise.reject(new ApiError(statusBody(500, 'InternalError', 'etcd is down')));
    if (this.seen !== this.store.version) return Promise.reject(new ApiError(statusBody(409, 'Conflict', 'modified')));
    this.store.record = { ...r };
    this.store.writes++;
    this.seen = ++this.store.version;
    return Promise.resolve();
  }
  identity(): string {
    return this.id;
  }
  describe(): string {
    return 'default/l';
  }
}

function elector(store: MemoryStore, id: string, clock: FakeClock, extra: Partial<LeaderElectionConfig> = {}): LeaderElector {
  return new LeaderElector({
    lock: new MemoryLock(store, id),
    clock,
    wallClock: () => 1_700_000_000_000 + clock.now(),
    callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined },
    ...extra,
  });
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('LeaderElector logic', () => {
  it('takes a free lock by creating it, with client-go defaults', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const a = elector(store, 'a', clock);
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(a.isLeader()).toBe(true);
    expect(store.record).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaderTransitions: 0 });
    expect(store.record!.acquireTime).toBe(store.record!.renewTime);
  });

  it('judges expiry from when the record was last seen to change, not from its renewTime', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    // Held by x, renewed "long ago" by a clock that is not ours.
    store.record = { holderIdentity: 'x', leaseDurationSeconds: 15, renewTime: 0, acquireTime: 0, leaderTransitions: 3 };
    const b = elector(store, 'b', clock);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    expect(b.getLeader()).toBe('x');
    clock.advance(14_999);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    // x renews: the window starts over.
    store.record = { ...store.record, renewTime: 1 };
    store.version++;
    expect(await b.tryAcquireOrRenew()).toBe(false);
    clock.advance(14_999);
    expect(await b.tryAcquireOrRenew()).toBe(false);
    clock.advance(1);
    expect(await b.tryAcquireOrRenew()).toBe(true);
    expect(store.record).toMatchObject({ holderIdentity: 'b', leaderTransitions: 4 });
  });

  it('keeps acquireTime and transitions on renewal, and falls back to the slow path on conflict', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const errors: string[] = [];
    const a = elector(store, 'a', clock, { onError: (_e, where) => errors.push(where) });
    await a.tryAcquireOrRenew();
    const acquired = store.record!.acquireTime;
    clock.advance(2000);
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(store.record!.acquireTime).toBe(acquired);
    expect(store.record!.renewTime).toBe(acquired! + 2000);
    expect(errors).toEqual([]);
    // Someone else bumps the version (say, a label edit): the optimistic write conflicts.
    store.version++;
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(errors).toEqual(['optimistic update of default/l']);
    expect(store.record).toMatchObject({ holderIdentity: 'a', acquireTime: acquired, leaderTransitions: 0 });
  });

  it('lets exactly one of two candidates create the lock', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const [ra, rb] = await Promise.all([elector(store, 'a', clock).tryAcquireOrRenew(), elector(store, 'b', clock).tryAcquireOrRenew()]);
    expect([ra, rb].filter(Boolean)).toHaveLength(1);
  });

  it('a leader that cannot renew within renewDeadline stops leading before the lease expires', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const events: string[] = [];
    let leadSignal: AbortSignal | undefined;
    const a = elector(store, 'a', clock, {
      callbacks: {
        onStartedLeading: (s) => {
          leadSignal = s;
          events.push('started');
        },
        onStoppedLeading: () => events.push('stopped'),
        onNewLeader: (id) => events.push(`leader ${id}`),
      },
    });
    const ac = new AbortController();
    const running = a.run(ac.signal);
    await flush();
    expect(events).toEqual(['leader a', 'started']);
    store.failUpdates = true;
    for (let t = 0; t < 20_000 && !leadSignal?.aborted; t += 100) {
      clock.advance(100);
      await flush();
    }
    expect(leadSignal?.aborted).toBe(true);
    // Lost after renewDeadline (10 s) plus at most one retry period, inside the 15 s lease.
    expect(clock.now()).toBeLessThan(15_000);
    await running;
    expect(events.at(-1)).toBe('stopped');
  });

  it('rejects timings that would let two leaders overlap', () => {
    const store = new MemoryStore();
    const bad = (c: Partial<LeaderElectionConfig>): unknown => {
      try {
        elector(store, 'a', new FakeClock(), c);
      } catch (e) {
        return isLeaderElectionError(e) ? e.problem : e;
      }
      return undefined;
    };
    expect(bad({ leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).toBe('LEASE_NOT_LONGER_THAN_RENEW');
    expect(bad({ renewDeadlineMs: 2_400, retryPeriodMs: 2_000 })).toBe('RENEW_TOO_SHORT');
    expect(bad({ retryPeriodMs: 0 })).toBe('NOT_POSITIVE');
    expect(bad({ lock: new MemoryLock(store, '') })).toBe('NO_IDENTITY');
    expect(bad({})).toBeUndefined();
  });
});
