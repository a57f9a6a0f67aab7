// The apiserver's operational flags as an operator sees them: anonymous access, the in-flight
// limit, CORS, a self-signed certificate when none is given, and the metrics they show up in.
import { request } from 'node:https';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@kubelite/client';
import { ApiServer } from '@kubelite/apiserver';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { startEtcd, type EtcdServer } from '../support/etcd-servers.js';
import { api } from '../support/http.js';

describe('apiserver flags', () => {
  const clusters: TestCluster[] = [];
  afterAll(async () => {
    for (const c of clusters) await c.stop();
  });
  const start = async (args: string[]): Promise<TestCluster> => {
    const c = await startTestCluster({ apiserverArgs: args });
    clusters.push(c);
    return c;
  };

  it('--anonymous-auth=false answers 401 Status; true with AlwaysDeny lets anonymous in to be refused (403)', async () => {
    const closed = await start([]);
    const r = await api(closed, 'GET', '/api/v1/namespaces', { token: null });
    expect(r.status).toBe(401);
    expect(r.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await api(closed, 'GET', '/api/v1/namespaces', { token: 'not-a-token' })).status).toBe(401);
    const deny = await start(['--anonymous-auth', 'true', '--authorization-mode', 'AlwaysDeny']);
    const forbidden = await api(deny, 'GET', '/api/v1/namespaces', { token: null });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toMatchObject({ reason: 'Forbidden', message: expect.stringContaining('system:anonymous') });
  });

  it('--max-requests-inflight sheds excess concurrent reads with 429 and Retry-After', async () => {
    const c = await start(['--max-requests-inflight', '1']);
    const results = await Promise.all(Array.from({ length: 40 }, () => api(c, 'GET', '/api/v1/namespaces/default/configmaps?limit=500')));
    const codes = results.map((r) => r.status);
    expect(codes).toContain(200);
    const shed = results.find((r) => r.status === 429);
    expect(shed, `codes: ${codes.join(',')}`).toBeDefined();
    expect(shed?.headers['retry-after']).toBe('1');
    expect(shed?.json()).toMatchObject({ reason: 'TooManyRequests', code: 429 });
    // Health checks are never shed.
    expect((await api(c, 'GET', '/readyz')).status).toBe(200);
  });

  it('--cors-allowed-origins answers allowed origins (and their preflight) only', async () => {
    const c = await start(['--cors-allowed-origins', '^https://dash\\.example$']);
    const preflight = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = request(`${c.url}/api/v1/namespaces`, { method: 'OPTIONS', ca: readFileSync(c.caFile), headers: { origin: 'https://dash.example', 'access-control-request-method': 'GET' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      });
      req.on('error', reject);
      req.end();
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://dash.example');
    expect(preflight.headers['access-control-allow-methods']).toContain('PATCH');
    const other = await api(c, 'GET', '/api/v1/namespaces');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('/metrics counts requests by verb, resource and code, and shows registered watchers', async () => {
    const c = clusters[0] ?? (await start([]));
    await api(c, 'GET', '/api/v1/namespaces/default/pods/missing');
    const text = (await api(c, 'GET', '/metrics')).text;
    expect(text).toMatch(/apiserver_request_total\{verb="GET",group="",version="v1",resource="pods",subresource="",scope="resource",component="apiserver",code="404"\} \d+/);
    expect(text).toMatch(/apiserver_request_duration_seconds_bucket\{/);
    expect(text).toMatch(/apiserver_current_inflight_requests/);
  });
});

describe('apiserver without a serving certificate', () => {
  let etcd: EtcdServer | undefined;
  let server: ApiServer | undefined;
  const certDir = mkdtempSync(join(tmpdir(), 'kubelite-certdir-'));
  afterAll(async () => {
    await server?.stop();
    await etcd?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('makes a self-signed one in --cert-dir, as kube-apiserver does, and reuses it on restart', async () => {
    etcd = await startEtcd('etcd-lite');
    const opts = {
      etcdServers: etcd.clientUrl,
      bindAddress: '127.0.0.1',
      securePort: 0,
      certDir,
      anonymousAuth: false,
      authorizationMode: 'AlwaysAllow',
      serviceClusterIPRange: '10.96.0.0/12',
      serviceNodePortRange: '30000-32767',
      corsAllowedOrigins: [],
      maxRequestsInflight: 400,
      maxMutatingRequestsInflight: 200,
      watchCache: true,
      etcdCompactionIntervalMs: 0,
      logger: createLogger('test', 'json', 'silent'),
    };
    server = await ApiServer.start(opts);
    expect(existsSync(join(certDir, 'apiserver.crt'))).toBe(true);
    const fingerprint = async (port: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const req = request(`https://127.0.0.1:${port}/healthz`, { rejectUnauthorized: false }, (res) => {
          const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
          res.resume();
          resolve(cert.fingerprint256);
        });
        req.on('error', reject);
        req.end();
      });
    const first = await fingerprint(server.port);
    await server.stop();
    server = await ApiServer.start(opts);
    expect(await fingerprint(server.port)).toBe(first);
  });
});
