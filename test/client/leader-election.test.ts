// Leader election on a real coordination.k8s.io/v1 Lease served by the real kube-apiserver: what
// two replicas of a scheduler or controller-manager rely on. Exactly one leads; a leader that
// steps down with releaseOnCancel hands over at once; one that just stops is replaced only after
// the lease duration; and the Lease reads as kubectl and other clients expect (holderIdentity,
// leaseTransitions, MicroTime with six fractional digits). Durations are short (lease 2 s, renew
// 1.5 s, retry 0.3 s) so the whole file takes seconds.
import {
  KubeClient,
  LeaderElector,
  LeaseLock,
  loadRestConfig,
  type Lease,
  type ResourceClient,
  type ResourceLock,
} from '@kubelite/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';

const NS = 'kube-system';
const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** Polls `cond` every 20 ms until it holds; fails naming `what` after timeoutMs. */
async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Candidate {
  id: string;
  elector: LeaderElector;
  stop: AbortController;
  /** true between onStartedLeading and the abort of its signal */
  leading: boolean;
  stoppedCalls: number;
  leaders: string[];
  done: Promise<void>;
}

describe('leader election on a real Lease', () => {
  let cluster: TestCluster;
  const clients: KubeClient[] = [];
  let leases: ResourceClient<Lease>;

  beforeAll(async () => {
    cluster = await startTestCluster();
    // Each candidate gets its own client and credential kind, as two processes would have.
    for (const kubeconfig of [cluster.tokenKubeconfig, cluster.certKubeconfig]) {
      clients.push(new KubeClient(loadRestConfig({ kubeconfig }), { userAgent: 'test-elector' }));
    }
    leases = clients[0]!.resource<Lease>('coordination.k8s.io', 'v1', 'leases').namespace(NS);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await cluster?.stop();
  });

  function campaign(lease: string, id: string, client: KubeClient, releaseOnCancel: boolean): Candidate {
    const c: Candidate = { id, elector: undefined as unknown as LeaderElector, stop: new AbortController(), leading: false, stoppedCalls: 0, leaders: [], done: Promise.resolve() };
    c.elector = new LeaderElector({
      lock: LeaseLock.forClient(client, NS, lease, id),
      leaseDurationMs: 2000,
      renewDeadlineMs: 1500,
      retryPeriodMs: 300,
      releaseOnCancel,
      callbacks: {
        onStartedLeading: (signal) => {
          c.leading = true;
          signal.addEventListener('abort', () => (c.leading = false), { once: true });
        },
        onStoppedLeading: () => c.stoppedCalls++,
        onNewLeader: (holder) => c.leaders.push(holder),
      },
    });
    c.done = c.elector.run(c.stop.signal);
    return c;
  }

  /** Waits for exactly one leader, then checks over several renewals that it stays the only one. */
  async function soleLeader(cands: Candidate[]): Promise<Candidate> {
    await until('a leader', () => cands.some((c) => c.leading));
    // An invariant over time, so it is sampled over a window (~4 renewals), not awaited as an event.
    const end = Date.now() + 1200;
    while (Date.now() < end) {
      expect(cands.filter((c) => c.leading).length).toBe(1);
      await new Promise((r) => setTimeout(r, 20));
    }
    return cands.find((c) => c.leading)!;
  }

  async function stopAll(cands: Candidate[]): Promise<void> {
    for (const c of cands) c.stop.abort();
    await Promise.all(cands.map((c) => c.done));
  }

  it('exactly one of two candidates leads, keeps renewing, and the Lease says who', async () => {
    const cands = [campaign('le-one', 'alpha', clients[0]!, true), campaign('le-one', 'beta', clients[1]!, true)];
    try {
      const leader = await soleLeader(cands);
      const follower = cands.find((c) => c !== leader)!;
      expect(leader.elector.isLeader()).toBe(true);
      expect(follower.elector.isLeader()).toBe(false);
      await until('the follower to learn the leader', () => follower.elector.getLeader() === leader.id);
      expect(follower.leaders).toEqual([leader.id]);

      const lease = await leases.get('le-one');
      expect(lease.spec).toMatchObject({ holderIdentity: leader.id, leaseDurationSeconds: 2, leaseTransitions: 0 });
      expect(lease.spec?.renewTime).toMatch(MICRO_TIME);
      expect(lease.spec?.acquireTime).toMatch(MICRO_TIME);
      // The leader renews every retry period: renewTime moves, acquireTime does not.
      await until('a renewal', async () => (await leases.get('le-one')).spec?.renewTime !== lease.spec?.renewTime, 3000);
      const renewed = await leases.get('le-one');
      expect(renewed.spec?.acquireTime).toBe(lease.spec?.acquireTime);
      expect(renewed.spec?.holderIdentity).toBe(leader.id);
    } finally {
      await stopAll(cands);
    }
  });

  it('a leader cancelled with releaseOnCancel hands over at once; the Lease counts the transition', async () => {
    const cands = [campaign('le-release', 'alpha', clients[0]!, true), campaign('le-release', 'beta', clients[1]!, true)];
    try {
      const leader = await soleLeader(cands);
      const follower = cands.find((c) => c !== leader)!;
      const cancelledAt = Date.now();
      leader.stop.abort();
      await leader.done;
      expect(leader.leading).toBe(false);
      expect(leader.stoppedCalls).toBe(1);
      // The release cleared holderIdentity; the follower sees that on its next retry (≤ 0.66 s)
      // rather than waiting out the 2 s lease it last saw renewed.
      await until('the follower to take over', () => follower.leading, 5000);
      expect(Date.now() - cancelledAt).toBeLessThan(1500);
      const lease = await leases.get('le-release');
      expect(lease.spec).toMatchObject({ holderIdentity: follower.id, leaseTransitions: 1 });
      expect(lease.spec?.renewTime).toMatch(MICRO_TIME);
      expect(lease.spec?.acquireTime).toMatch(MICRO_TIME);
    } finally {
      await stopAll(cands);
    }
  });

  it('a leader that stops without releasing is replaced only once its lease has expired', async () => {
    const cands = [campaign('le-expire', 'alpha', clients[0]!, false), campaign('le-expire', 'beta', clients[1]!, false)];
    try {
      const leader = await soleLeader(cands);
      const follower = cands.find((c) => c !== leader)!;
      const stoppedAt = Date.now();
      leader.stop.abort();
      await leader.done;
      expect((await leases.get('le-expire')).spec?.holderIdentity).toBe(leader.id);
      await until('the follower to take over', () => follower.leading, 6000);
      // The follower counts the 2 s from the last change it observed, which may precede the stop
      // by up to one jittered retry (0.66 s) plus a request: never much sooner than that.
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1000);
      const lease = await leases.get('le-expire');
      expect(lease.spec).toMatchObject({ holderIdentity: follower.id, leaseTransitions: 1 });
    } finally {
      await stopAll(cands);
    }
  });

  it('release still works when the cancel lands on a renewal in flight (the server applied it, the client never saw it)', async () => {
    // Regression: the aborted PUT had reached the apiserver, so the lock's copy of the Lease was
    // one resourceVersion behind and the release was refused with 409 Conflict; the successor
    // then had to wait out the whole lease. Deterministic here: the cancel is fired while the
    // second write (the first renewal) is on the wire.
    for (let round = 0; round < 3; round++) {
      const stop = new AbortController();
      const inner = LeaseLock.forClient(clients[0]!, NS, `le-inflight-${round}`, 'alpha');
      let writes = 0;
      const lock: ResourceLock = {
        get: (s) => inner.get(s),
        create: (r, s) => inner.create(r, s),
        identity: () => inner.identity(),
        describe: () => inner.describe(),
        update: (r, s) => {
          const sent = inner.update(r, s);
          if (++writes === 1) setTimeout(() => stop.abort(), round);
          return sent;
        },
      };
      const errors: string[] = [];
      const elector = new LeaderElector({
        lock,
        leaseDurationMs: 2000,
        renewDeadlineMs: 1500,
        retryPeriodMs: 300,
        releaseOnCancel: true,
        callbacks: { onStartedLeading: () => {}, onStoppedLeading: () => {} },
        onError: (e, where) => errors.push(`${where}: ${String(e)}`),
      });
      await elector.run(stop.signal);
      expect(errors.filter((e) => e.startsWith('release'))).toEqual([]);
      expect((await leases.get(`le-inflight-${round}`)).spec?.holderIdentity).toBe('');
    }
  });
});
