// kube-proxy as users see it: a real apiserver, KubeProxy in-process listening on 127.0.0.1, and
// NodePort Services whose EndpointSlices (written through the API, no controller-manager)
// point at busybox containers that answer with their names.
import { connect } from 'node:net';
import type { EndpointSlice, Event, Node, Service } from '@kubelite/api';
import { KubeClient, createLogger, loadRestConfig, type ResourceClient } from '@kubelite/client';
import { FAILED_NODEPORT_REASON, KubeProxy } from '@kubelite/proxy';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { describeDocker } from '../support/describe-docker.js';
import { ensureTestImages, removeContainers } from '../support/docker.js';
import { until } from '../support/until.js';
import {
  backendLabel,
  freeNodePort,
  hit,
  nodePortService,
  replies,
  sliceFor,
  startBackend,
  tally,
  type Backend,
} from './helpers.js';

describeDocker('kube-proxy: NodePort forwarding', () => {
  let cluster: TestCluster;
  let client: KubeClient;
  let proxy: KubeProxy;
  let services: ResourceClient<Service>;
  let slices: ResourceClient<EndpointSlice>;
  const backends: Backend[] = [];
  const ports = new Set<number>();
  const label = backendLabel();
  let a: Backend, b: Backend, c: Backend, d: Backend;

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = new KubeClient(loadRestConfig({ kubeconfig: cluster.tokenKubeconfig }), { qps: -1 });
    services = client.resource<Service>('', 'v1', 'services').namespace('default');
    slices = client.resource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices').namespace('default');
    ensureTestImages();
    for (const name of ['a', 'b', 'c', 'd']) backends.push(await startBackend(name, label));
    [a, b, c, d] = backends as [Backend, Backend, Backend, Backend];
    proxy = new KubeProxy(
      {
        kubeconfig: cluster.tokenKubeconfig,
        hostnameOverride: 'proxy-node',
        nodePortAddresses: ['127.0.0.1'],
        healthzBindAddress: '127.0.0.1:0',
        metricsBindAddress: '127.0.0.1:0',
        minSyncPeriodMs: 20,
        kubeApiQps: -1,
        shutdownDrainMs: 200,
      },
      { logger: createLogger('kube-proxy', 'json', 'silent') },
    );
    await proxy.start();
  });
  afterAll(async () => {
    await proxy?.stop();
    removeContainers(label);
    client?.close();
    await cluster?.stop();
  });

  const createService = async (name: string, extra: Partial<NonNullable<Service['spec']>> = {}): Promise<number> => {
    const nodePort = await freeNodePort(ports);
    await services.create(nodePortService(name, nodePort, extra));
    return nodePort;
  };
  const setReady = async (svc: string, be: Backend, ready: boolean): Promise<void> => {
    await slices.patch(`${svc}-${be.name}`, 'merge', { endpoints: [{ addresses: [be.host], conditions: { ready } }] });
  };
  /** Waits until `n` hits land only on the expected backends. */
  const untilOnly = (port: number, names: string[], n = 6): Promise<string[]> =>
    until(`nodePort ${port} to reach only ${names.join(',')}`, async () => {
      const got = await replies(port, n);
      return got.every((r) => names.includes(r)) && names.every((x) => got.includes(x)) ? got : undefined;
    }, 10_000, 50);

  it('spreads connections round-robin over the ready endpoints, following readiness and slice changes', async () => {
    const port = await createService('web');
    for (const be of [a, b, c]) await slices.create(sliceFor('web', be));
    await untilOnly(port, ['a', 'b', 'c']);

    const got = await replies(port, 9);
    expect(tally(got)).toEqual({ a: 3, b: 3, c: 3 });
    // strict rotation: every window of three distinct
    for (let i = 0; i + 3 <= got.length; i++) expect(new Set(got.slice(i, i + 3)).size).toBe(3);

    await setReady('web', b, false);
    await untilOnly(port, ['a', 'c']);
    expect(tally(await replies(port, 6))).toEqual({ a: 3, c: 3 });

    // Endpoint changes: c's slice goes, d's arrives.
    await slices.delete('web-c');
    await slices.create(sliceFor('web', d));
    await untilOnly(port, ['a', 'd']);
    expect(tally(await replies(port, 4))).toEqual({ a: 2, d: 2 });

    await setReady('web', b, true);
    await untilOnly(port, ['a', 'b', 'd']);
  });

  it('maps the service port to the slice port of the same name, ignoring other names', async () => {
    const port = await createService('named');
    await slices.create(sliceFor('named', a, true, 'other'));
    await slices.create(sliceFor('named', c, true, 'http'));
    await untilOnly(port, ['c'], 3);
  });

  it('closes connections at once when no endpoint is ready', async () => {
    const port = await createService('empty');
    await slices.create(sliceFor('empty', a));
    await untilOnly(port, ['a'], 1);
    await setReady('empty', a, false);
    await until('connections to be refused', async () => {
      const h = await hit(port);
      return 'error' in h;
    }, 10_000, 50);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const h = await hit(port);
      expect('error' in h ? h.error : h.reply).toMatch(/^(ECONNRESET|CLOSED)$/);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP, until it stops being ready', async () => {
    const port = await createService('sticky', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    for (const be of [a, b, c]) await slices.create(sliceFor('sticky', be));
    await until('three endpoints behind the sticky Service', () => proxy.servicePorts().find((p) => p.id === 'default/sticky:http')?.endpoints === 3);
    const first = await replies(port, 6);
    expect(new Set(first).size).toBe(1);
    const stuck = first[0]!;
    const be = backends.find((x) => x.name === stuck)!;
    await setReady('sticky', be, false);
    const moved = await until('the client to move off its not-ready endpoint', async () => {
      const r = await replies(port, 1);
      return r[0] !== stuck && r[0]?.length === 1 ? r[0] : undefined;
    }, 10_000, 50);
    expect(await replies(port, 5)).toEqual(Array(5).fill(moved));
  });

  it('closes the nodePort when the Service is deleted, letting open connections finish', async () => {
    const port = await createService('gone');
    await slices.create(sliceFor('gone', a));
    await untilOnly(port, ['a'], 1);
    // An open connection through the proxy, echoing.
    const s = connect({ host: '127.0.0.1', port });
    s.setEncoding('utf8');
    let received = '';
    s.on('data', (x: string) => (received += x));
    await until('the greeting', () => received.includes('a\n'), 3000, 20);

    await services.delete('gone');
    await until('the nodePort to be closed', async () => {
      const h = await hit(port);
      return 'error' in h && h.error === 'ECONNREFUSED';
    }, 10_000, 50);
    expect(proxy.openSockets().some((x) => x.port === port)).toBe(false);
    s.write('still here\n');
    await until('the echo on the old connection', () => received.includes('still here\n'), 3000, 20);
    s.destroy();
  });

  it('moves to the new nodePort when the Service’s nodePort changes', async () => {
    const oldPort = await createService('moving');
    await slices.create(sliceFor('moving', c));
    await untilOnly(oldPort, ['c'], 1);
    const newPort = await freeNodePort(ports);
    await services.patch('moving', 'merge', { spec: { ports: [{ name: 'http', port: 80, targetPort: 'web', nodePort: newPort }] } });
    await untilOnly(newPort, ['c'], 1);
    expect(await hit(oldPort)).toEqual({ error: 'ECONNREFUSED' });
  });

  it('reports a nodePort it cannot open (Event on the Service) and opens it once the port is free', async () => {
    const nodePort = await freeNodePort(ports);
    const squatter = (await import('node:net')).createServer();
    await new Promise<void>((r) => squatter.listen(nodePort, '127.0.0.1', () => r()));
    await services.create(nodePortService('busy', nodePort));
    await slices.create(sliceFor('busy', d));
    const events = client.resource<Event>('', 'v1', 'events').namespace('default');
    const ev = await until('a FailedToOpenNodePort event', async () =>
      (await events.list({ fieldSelector: 'involvedObject.name=busy' })).items.find((e) => e.reason === FAILED_NODEPORT_REASON),
    );
    expect(ev.type).toBe('Warning');
    expect(ev.involvedObject.kind).toBe('Service');
    expect(ev.message).toContain(`127.0.0.1:${nodePort}/tcp`);
    expect(ev.message).toContain('EADDRINUSE');
    await new Promise<void>((r) => squatter.close(() => r()));
    await untilOnly(nodePort, ['d'], 1);
  });

  it('serves /healthz, /livez and /metrics over plain HTTP', async () => {
    const health = await fetch(`http://127.0.0.1:${proxy.healthzPort}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/json');
    const body = (await health.json()) as { lastUpdated: string; currentTime: string; nodeEligible: boolean };
    expect(body.nodeEligible).toBe(true);
    expect(body.lastUpdated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+0000 UTC$/);
    expect((await fetch(`http://127.0.0.1:${proxy.healthzPort}/livez`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${proxy.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^kubeproxy_sync_proxy_rules_duration_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^kubeproxy_nodeport_connections_total\{service_port="default\/web:http",result="forwarded"\} [1-9]/m);
    expect(metrics).toMatch(/^kubeproxy_nodeport_connections_total\{service_port="default\/empty:http",result="rejected"\} [1-9]/m);
    expect(metrics).toMatch(/^kubeproxy_sync_proxy_rules_endpoint_changes_total [1-9]/m);
  });

  it('fails /healthz (not /livez) while its Node is marked for deletion', async () => {
    const nodes = client.resource<Node>('', 'v1', 'nodes');
    const taint = { key: 'ToBeDeletedByClusterAutoscaler', value: '1700000000', effect: 'NoSchedule' };
    await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'proxy-node' }, spec: { taints: [taint] } });
    const url = `http://127.0.0.1:${proxy.healthzPort}`;
    await until('/healthz to fail', async () => (await fetch(`${url}/healthz`)).status === 503);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ nodeEligible: false });
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    await nodes.patch('proxy-node', 'merge', { spec: { taints: null } });
    await until('/healthz to pass again', async () => (await fetch(`${url}/healthz`)).status === 200);
  });
});
