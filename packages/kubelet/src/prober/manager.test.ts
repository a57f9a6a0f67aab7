// ProberManager and its workers on a FakeClock (reference §5): exec probes through the fake
// runtime resolve within a few event-loop turns, so each step advances time and then drains them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container, Pod, Probe } from '@kubelite/api';
import { FakeClock, createLogger } from '@kubelite/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ProberManager } from './manager.js';
import { FakeExecRuntime } from './testing/fake-runtime.js';
import type { ProbeTargetView } from './types.js';

const UID = 'pod-1';
const logger = createLogger('prober-test', 'json', 'silent');

function makePod(containers: Container[], extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: UID }, spec: { restartPolicy: 'Always', ...extra, containers } };
}
const exec = (cmd: string, more: Partial<Probe> = {}): Probe => ({ exec: { command: [cmd] }, periodSeconds: 1, ...more });

function harness(random = 0) {
  const clock = new FakeClock(1_000_000);
  const failing = new Set<string>();
  const runtime = new FakeExecRuntime(({ command }) => (failing.has(command[0]!) ? { exitCode: 1, stdout: Buffer.from('nope') } : {}));
  const views = new Map<string, ProbeTargetView>();
  const kills: string[] = [];
  const changes: string[] = [];
  const events: { reason: string; message: string; fieldPath: string }[] = [];
  const manager = new ProberManager({
    runtimeFor: () => runtime,
    view: (uid, name) => views.get(`${uid}/${name}`),
    onKill: (_pod, name, id, kind, message) => kills.push(`${name} ${id} ${kind}: ${message}`),
    onChange: (uid) => changes.push(uid),
    recordEvent: (_pod, _type, reason, message, fieldPath) => events.push({ reason, message, fieldPath }),
    clock,
    random: () => random,
    logger,
  });
  const calls = (cmd: string) => runtime.calls.filter((c) => c.command[0] === cmd).length;
  const setContainer = (name: string, id: string, state: 'running' | 'exited' = 'running', deleting = false, startedAgoMs = 500) =>
    views.set(`${UID}/${name}`, { podIP: '127.0.0.1', container: { id, state, startedAt: new Date(Date.now() - startedAgoMs) }, deleting });
  const drain = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  /** Advances `ms` in half-second steps (timers on a boundary fire in their own step), draining probes after each. */
  const step = async (ms: number) => {
    let left = ms;
    do {
      const d = Math.min(500, left);
      clock.advance(d);
      await drain();
      left -= d;
    } while (left > 0);
  };
  return { clock, failing, runtime, views, kills, changes, events, manager, calls, setContainer, step };
}

let managers: ProberManager[] = [];
afterEach(() => {
  for (const m of managers) m.stop();
  managers = [];
});
function start(random = 0) {
  const h = harness(random);
  managers.push(h.manager);
  return h;
}

describe('readiness', () => {
  it('starts unready on a new instance, turns ready on success, unready after failureThreshold failures', async () => {
    const h = start();
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', readinessProbe: exec('ready', { failureThreshold: 3 }) }]));
    expect(h.manager.isStarted(UID, 'app', 'c1')).toBe(true);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    await h.step(0);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(true);
    expect(h.changes.length).toBeGreaterThan(0);
    h.failing.add('ready');
    await h.step(2000);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(true);
    await h.step(1000);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    expect(h.events.filter((e) => e.reason === 'Unhealthy')).toHaveLength(3);
    expect(h.events[0]).toEqual({ reason: 'Unhealthy', message: 'Readiness probe failed: nope', fieldPath: 'spec.containers{app}' });
    expect(h.kills).toEqual([]);
  });

  it('holds the initial verdicts until the first probe after initialDelaySeconds', async () => {
    const h = start();
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', readinessProbe: exec('ready', { initialDelaySeconds: 3 }), livenessProbe: exec('alive', { initialDelaySeconds: 3 }) }]));
    await h.step(2000);
    expect(h.runtime.calls).toHaveLength(0);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    expect(h.kills).toEqual([]);
    await h.step(1000);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(true);
  });

  it('with no readiness probe, a running started container is ready; a stopped one is not', () => {
    const h = start();
    h.manager.addPod(makePod([{ name: 'app' }]));
    h.setContainer('app', 'c1');
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(true);
    h.setContainer('app', 'c1', 'exited');
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    expect(h.manager.isStarted(UID, 'app', 'c1')).toBe(false);
  });

  it('a status update asking about an unprobed instance pulls its first probe forward', async () => {
    const h = start();
    h.manager.addPod(makePod([{ name: 'app', readinessProbe: exec('ready', { periodSeconds: 10 }) }]));
    await h.step(0); // first tick: no container yet
    h.setContainer('app', 'c1');
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    await h.step(0);
    expect(h.calls('ready')).toBe(1);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(true);
    h.failing.add('ready');
    await h.step(30_000);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    const before = h.calls('ready');
    h.manager.isReady(UID, 'app', 'c1');
    await h.step(0);
    expect(h.calls('ready')).toBe(before); // already probed this instance: no extra runs
  });
});

describe('startup and liveness', () => {
  it('runs only the startup probe until it succeeds, then only liveness', async () => {
    const h = start();
    h.failing.add('started');
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', startupProbe: exec('started', { failureThreshold: 10 }), livenessProbe: exec('alive') }]));
    await h.step(2000);
    expect(h.calls('started')).toBe(3);
    expect(h.calls('alive')).toBe(0);
    expect(h.manager.isStarted(UID, 'app', 'c1')).toBe(false);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(false);
    h.failing.delete('started');
    await h.step(1000);
    expect(h.manager.isStarted(UID, 'app', 'c1')).toBe(true);
    expect(h.manager.isReady(UID, 'app', 'c1')).toBe(true);
    await h.step(3000);
    expect(h.calls('started')).toBe(4);
    expect(h.calls('alive')).toBeGreaterThanOrEqual(3);
  });

  it('a startup probe failing failureThreshold times kills the container and waits for a new instance', async () => {
    const h = start();
    h.failing.add('started');
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', startupProbe: exec('started', { failureThreshold: 2 }) }]));
    await h.step(5000);
    expect(h.kills).toEqual(['app c1 startup: Container app failed startup probe']);
    expect(h.calls('started')).toBe(2);
    h.setContainer('app', 'c2');
    await h.step(1000);
    expect(h.calls('started')).toBe(3);
    expect(h.manager.isStarted(UID, 'app', 'c2')).toBe(false);
  });

  it('liveness failing failureThreshold times kills once, then holds until the next instance', async () => {
    const h = start();
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', livenessProbe: exec('alive', { failureThreshold: 3 }) }]));
    await h.step(1000);
    h.failing.add('alive');
    await h.step(10_000);
    expect(h.kills).toEqual(['app c1 liveness: Container app failed liveness probe']);
    const held = h.calls('alive');
    await h.step(5000);
    expect(h.calls('alive')).toBe(held);
    expect(h.events.filter((e) => e.message === 'Liveness probe failed: nope')).toHaveLength(3);
    h.failing.delete('alive');
    h.setContainer('app', 'c2');
    await h.step(1000);
    expect(h.calls('alive')).toBe(held + 1);
    expect(h.kills).toHaveLength(1);
  });

  it('waits initialDelaySeconds after the container started', async () => {
    const h = start();
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', livenessProbe: exec('alive', { initialDelaySeconds: 5 }) }]));
    await h.step(4000);
    expect(h.calls('alive')).toBe(0);
    await h.step(1000);
    expect(h.calls('alive')).toBe(1);
  });
});

describe('worker lifetime', () => {
  it('stops for a terminated container that will not restart; keeps going when it will', async () => {
    const never = start();
    never.setContainer('app', 'c1', 'exited');
    never.manager.addPod(makePod([{ name: 'app', readinessProbe: exec('ready') }], { restartPolicy: 'Never' }));
    await never.step(1000);
    expect(never.manager.workerCount).toBe(0);
    const always = start();
    always.setContainer('app', 'c1', 'exited');
    always.manager.addPod(makePod([{ name: 'app', readinessProbe: exec('ready') }]));
    await always.step(1000);
    expect(always.manager.workerCount).toBe(1);
    expect(always.manager.isReady(UID, 'app', 'c1')).toBe(false);
  });

  it('a pod being deleted: liveness reports success and stops, readiness keeps probing', async () => {
    const h = start();
    h.failing.add('alive');
    h.setContainer('app', 'c1', 'running', true);
    h.manager.addPod(makePod([{ name: 'app', livenessProbe: exec('alive', { failureThreshold: 1 }), readinessProbe: exec('ready') }]));
    await h.step(3000);
    expect(h.calls('alive')).toBe(0);
    expect(h.calls('ready')).toBeGreaterThan(0);
    expect(h.kills).toEqual([]);
    expect(h.manager.workerCount).toBe(1);
  });

  it('addPod is idempotent; removePod and stop end every worker', async () => {
    const h = start();
    h.setContainer('app', 'c1');
    const pod = makePod([{ name: 'app', readinessProbe: exec('ready'), livenessProbe: exec('alive') }]);
    h.manager.addPod(pod);
    h.manager.addPod(pod);
    expect(h.manager.workerCount).toBe(2);
    await h.step(1000);
    const calls = h.runtime.calls.length;
    h.manager.removePod(UID);
    await h.step(5000);
    expect(h.runtime.calls.length).toBe(calls);
    expect(h.manager.workerCount).toBe(0);
  });

  it('spreads first probes over a period while the kubelet is fresh, not afterwards', async () => {
    const fresh = start(0.5);
    fresh.setContainer('app', 'c1');
    fresh.manager.addPod(makePod([{ name: 'app', livenessProbe: exec('alive', { periodSeconds: 10 }) }]));
    fresh.clock.advance(4999);
    await fresh.step(0);
    expect(fresh.calls('alive')).toBe(0);
    await fresh.step(1);
    expect(fresh.calls('alive')).toBe(1);
    const old = start(0.5);
    old.clock.advance(60_000);
    old.setContainer('app', 'c1');
    old.manager.addPod(makePod([{ name: 'app', livenessProbe: exec('alive', { periodSeconds: 10 }) }]));
    await old.step(0);
    expect(old.calls('alive')).toBe(1);
  });

  it('probes sidecars (events on spec.initContainers) and ignores probes elsewhere', async () => {
    const h = start();
    h.failing.add('ready');
    h.setContainer('proxy', 'p1');
    const initContainers = [
      { name: 'proxy', restartPolicy: 'Always', readinessProbe: exec('ready') },
      { name: 'setup', readinessProbe: exec('ready') },
    ];
    h.manager.addPod(makePod([{ name: 'app' }], { initContainers }));
    expect(h.manager.workerCount).toBe(1);
    await h.step(0);
    expect(h.events[0]).toEqual({ reason: 'Unhealthy', message: 'Readiness probe failed: nope', fieldPath: 'spec.initContainers{proxy}' });
  });
});

describe('httpGet through the manager', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  it('follows a real server from ready to unready', async () => {
    let code = 200;
    server = createServer((_req, res) => {
      res.statusCode = code;
      res.end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const h = start();
    h.setContainer('app', 'c1');
    h.manager.addPod(makePod([{ name: 'app', readinessProbe: { httpGet: { path: '/ready', port }, periodSeconds: 1, failureThreshold: 1 } }]));
    const until = async (want: boolean) => {
      for (let i = 0; i < 100 && h.manager.isReady(UID, 'app', 'c1') !== want; i++) {
        h.clock.advance(1000);
        await new Promise((r) => setTimeout(r, 10));
      }
      return h.manager.isReady(UID, 'app', 'c1');
    };
    expect(await until(true)).toBe(true);
    code = 503;
    expect(await until(false)).toBe(false);
    expect(h.events.at(-1)?.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
  });
});
