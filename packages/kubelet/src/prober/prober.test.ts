// One probe run: the handler chosen, the events users see, errored runs retried then discarded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container, Pod, Probe } from '@kubelite/api';
import { createLogger } from '@kubelite/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Prober, containerFieldPath, type ProbeTarget } from './prober.js';
import { FakeExecRuntime } from './testing/fake-runtime.js';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1' }, spec: { containers: [] } };
const app: Container = { name: 'app' };
const logger = createLogger('prober-test', 'json', 'silent');

function setup(runtime = new FakeExecRuntime()) {
  const events: string[] = [];
  const prober = new Prober((_p, type, reason, message, fieldPath) => events.push(`${type} ${reason} ${fieldPath}: ${message}`), logger);
  const target = (over: Partial<ProbeTarget> = {}): ProbeTarget => ({
    pod,
    container: app,
    containerId: 'c1',
    podIP: '127.0.0.1',
    runtime: () => runtime,
    fieldPath: containerFieldPath(app, false),
    ...over,
  });
  return { events, prober, target, runtime };
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

describe('Prober', () => {
  it('records an Unhealthy event with the output when the probe fails', async () => {
    const { events, prober, target } = setup(new FakeExecRuntime(() => ({ exitCode: 1, stderr: Buffer.from('disk full') })));
    expect(await prober.probe('liveness', { exec: { command: ['check'] } }, target())).toBe('failure');
    expect(events).toEqual(['Warning Unhealthy spec.containers{app}: Liveness probe failed: disk full']);
  });

  it('a success records nothing', async () => {
    const { events, prober, target } = setup();
    expect(await prober.probe('readiness', { exec: { command: ['true'] } }, target())).toBe('success');
    expect(events).toEqual([]);
  });

  it('an errored probe is retried three times, reported once and not counted', async () => {
    const { events, prober, target, runtime } = setup(new FakeExecRuntime(() => Promise.reject(new Error('container not running'))));
    expect(await prober.probe('startup', { exec: { command: ['x'] } }, target())).toBeUndefined();
    expect(runtime.calls).toHaveLength(3);
    expect(events).toEqual([
      'Warning Unhealthy spec.containers{app}: Startup probe errored and resulted in unknown state: cannot exec in container "app": container not running',
    ]);
    const bad: Probe = { tcpSocket: { port: 'admin' } };
    expect(await prober.probe('readiness', bad, target())).toBeUndefined();
    expect(events.at(-1)).toContain('Readiness probe errored and resulted in unknown state: port "admin" not found in container "app"');
    expect(await prober.probe('readiness', {}, target())).toBeUndefined();
    expect(events.at(-1)).toContain('missing probe handler for web_default(u1):app');
  });

  it('a redirect to another host succeeds with a ProbeWarning event', async () => {
    server = createServer((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.3:9/' });
      res.end('bye');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const sidecar: Container = { name: 'proxy', restartPolicy: 'Always' };
    const { events, prober, target } = setup();
    const r = await prober.probe('readiness', { httpGet: { path: '/', port } }, target({ container: sidecar, fieldPath: containerFieldPath(sidecar, true) }));
    expect(r).toBe('success');
    expect(events).toEqual(['Warning ProbeWarning spec.initContainers{proxy}: Readiness probe warning: Probe terminated redirects, Response body: bye']);
  });
});
