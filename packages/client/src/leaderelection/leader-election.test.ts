// Leader election over HTTP against Lease objects on a real (fake) API server, on the real clock
// with second-scale timings: creation, takeover after expiry, release on cancel, conflicts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../rest/kube-client.js';
import { FakeApiServer, statusBody } from '../rest/testing/fake-apiserver.js';
import { LeaderElector, type LeaderElectionConfig } from './leader-elector.js';
import { LeaseLock, type Lease } from './lease-lock.js';

const MICROTIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const LEASES = 'coordination.k8s.io/v1/leases';

let server: FakeApiServer;
let client: KubeClient;
const running: AbortController[] = [];

beforeEach(async () => {
  server = new FakeApiServer();
  client = new KubeClient({ server: await server.start(), insecureSkipTlsVerify: false, namespace: 'default' }, { qps: -1 });
});

afterEach(async () => {
  for (const ac of running.splice(0)) ac.abort();
  client.close();
  await server.stop();
});

interface Candidate {
  id: string;
  elector: LeaderElector;
  events: string[];
  stop: AbortController;
  done: Promise<void>;
  leading?: AbortSignal;
}

function candidate(id: string, extra: Partial<LeaderElectionConfig> = {}): Candidate {
  const events: string[] = [];
  const stop = new AbortController();
  running.push(stop);
  const c: Partial<Candidate> = { id, events, stop };
  c.elector = new LeaderElector({
    lock: LeaseLock.forClient(client, 'kube-system', 'kube-scheduler', id),
    leaseDurationMs: 1000,
    renewDeadlineMs: 600,
    retryPeriodMs: 100,
    callbacks: {
      onStartedLeading: (signal) => {
        c.leading = signal;
        events.push('started');
      },
      onStoppedLeading: () => events.push('stopped'),
      onNewLeader: (leader) => events.push(`leader ${leader}`),
    },
    ...extra,
  });
  c.done = c.elector.run(stop.signal);
  return c as Candidate;
}

const lease = (): Lease | undefined => server.getObject(LEASES, 'kube-system', 'kube-scheduler');

async function waitFor(cond: () => boolean, ms = 5000): Promise<number> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

describe('leader election on Leases', () => {
  it('creates the Lease and keeps renewing it', async () => {
    const a = candidate('a');
    await waitFor(() => a.events.includes('started'));
    expect(a.events).toEqual(['leader a', 'started']);
    const spec = lease()!.spec!;
    expect(spec).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(spec.acquireTime).toMatch(MICROTIME);
    expect(spec.renewTime).toMatch(MICROTIME);
    const create = server.requests.find((r) => r.method === 'POST')!;
    expect(create.url.pathname).toBe('/apis/coordination.k8s.io/v1/namespaces/kube-system/leases');
    const firstRenew = spec.renewTime;
    await waitFor(() => lease()!.spec!.renewTime !== firstRenew);
    expect(lease()!.spec!.acquireTime).toBe(spec.acquireTime);
    // Renewals are conditional PUTs carrying the resourceVersion last seen.
    const put = server.requests.find((r) => r.method === 'PUT')!;
    expect((JSON.parse(put.body) as Lease).metadata.resourceVersion).toBeDefined();
  });

  it('a second candidate waits, then takes over once the leader is gone and the lease expired', async () => {
    const a = candidate('a');
    await waitFor(() => a.elector.isLeader());
    const b = candidate('b');
    await waitFor(() => b.events.includes('leader a'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(b.elector.isLeader()).toBe(false);

    // a dies without releasing: b must wait out the lease duration.
    a.stop.abort();
    await a.done;
    expect(a.leading?.aborted).toBe(true);
    expect(a.events.at(-1)).toBe('stopped');
    const took = await waitFor(() => b.elector.isLeader());
    expect(took).toBeGreaterThanOrEqual(600);
    await waitFor(() => b.events.includes('started'));
    expect(lease()!.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('with releaseOnCancel the holder is cleared and a successor takes over at once', async () => {
    const slow = { leaseDurationMs: 5000, renewDeadlineMs: 3000, retryPeriodMs: 100, releaseOnCancel: true };
    const a = candidate('a', slow);
    await waitFor(() => a.elector.isLeader());
    const b = candidate('b', slow);
    await waitFor(() => b.events.includes('leader a'));
    a.stop.abort();
    await a.done;
    expect(lease()!.spec?.holderIdentity === '' || lease()!.spec?.holderIdentity === 'b').toBe(true);
    const took = await waitFor(() => b.elector.isLeader());
    // Far sooner than the 5 s it would take to expire.
    expect(took).toBeLessThan(2000);
    expect(lease()!.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('survives a conflicting write and loses leadership when renewals keep failing', async () => {
    const errors: string[] = [];
    const a = candidate('a', { onError: (_e, where) => errors.push(where) });
    await waitFor(() => a.events.includes('started'));
    // Someone edits the Lease: a's next optimistic PUT conflicts, the slow path recovers.
    const current = lease()!;
    server.put(LEASES, { ...current, metadata: { ...current.metadata, labels: { edited: 'yes' } } });
    await waitFor(() => errors.includes('optimistic update of kube-system/kube-scheduler'));
    await waitFor(() => lease()!.metadata.labels?.edited === 'yes' && lease()!.spec!.holderIdentity === 'a' && errors.length === 1);
    expect(a.elector.isLeader()).toBe(true);

    // Now every write fails: a gives up within renewDeadline (+ a retry), before the lease expires.
    const failing = { status: 500, body: statusBody(500, 'InternalError', 'etcd is down') };
    for (let i = 0; i < 50; i++) server.inject.push({ match: (r) => r.method === 'PUT', answer: failing });
    const lost = await waitFor(() => a.leading?.aborted === true);
    expect(lost).toBeLessThan(1500);
    await a.done;
    expect(a.events.at(-1)).toBe('stopped');
    expect(errors).toContain('renew');
  });

  it('two candidates starting together elect exactly one leader', async () => {
    const a = candidate('a');
    const b = candidate('b');
    await waitFor(() => a.elector.isLeader() || b.elector.isLeader());
    await new Promise((r) => setTimeout(r, 500));
    expect([a.elector.isLeader(), b.elector.isLeader()].filter(Boolean)).toHaveLength(1);
    const leader = lease()!.spec!.holderIdentity;
    expect(a.events.includes('started')).toBe(leader === 'a');
    expect(b.events.includes('started')).toBe(leader === 'b');
  });
});
