// httpGet probes against HTTP(S) servers this test starts on 127.0.0.1.
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Container, HTTPGetAction } from '@kubelite/api';
import { createCa, issueServingCert } from '@kubelite/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ProbeError } from './errors.js';
import { httpProbeRequest, probeHttp } from './http.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
}

async function serve(handler: RequestListener, make: () => Server = () => createServer()): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = make();
  server.on('request', (req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const app: Container = { name: 'app', ports: [{ name: 'http', containerPort: 0 }] };
const probe = (action: Partial<HTTPGetAction> & { port: number | string }, timeoutMs = 1000, container = app) =>
  probeHttp(httpProbeRequest({ path: '/', ...action }, container, '127.0.0.1'), timeoutMs);

describe('httpGet probe', () => {
  it('succeeds on 2xx and sends kube-probe headers, no keep-alive, no compression', async () => {
    const { port, seen } = await serve((_req, res) => res.end('fine'));
    expect(await probe({ port, path: '/healthz?full=1' })).toEqual({ result: 'success', output: 'fine' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/healthz?full=1');
    expect(seen[0]?.headers).toMatchObject({ 'user-agent': 'kube-probe/1.32', accept: '*/*', connection: 'close', host: `127.0.0.1:${port}` });
    expect(seen[0]?.headers['accept-encoding']).toBeUndefined();
  });

  it('fails on 500 with the status code only, not the body', async () => {
    const { port } = await serve((_req, res) => {
      res.statusCode = 500;
      res.end('secret stack trace');
    });
    expect(await probe({ port })).toEqual({ result: 'failure', output: 'HTTP probe failed with statuscode: 500' });
  });

  it('resolves named ports from the container and honours user headers', async () => {
    const { port, seen } = await serve((_req, res) => res.end());
    const container: Container = { name: 'app', ports: [{ name: 'http', containerPort: port }] };
    const httpHeaders = [
      { name: 'user-agent', value: 'mine/1' },
      { name: 'Accept', value: '' },
      { name: 'X-Multi', value: 'a' },
      { name: 'x-multi', value: 'b' },
      { name: 'Host', value: 'example.test' },
    ];
    expect((await probe({ port: 'http', httpHeaders }, 1000, container)).result).toBe('success');
    const h = seen[0]!.headers;
    expect(h['user-agent']).toBe('mine/1');
    expect(h.accept).toBeUndefined();
    expect(h['x-multi']).toBe('a, b');
    expect(h.host).toBe('example.test');
    expect(seen[0]!.rawHeaders).toContain('X-Multi');
  });

  it('rejects an unknown named port as an error, not a failure', () => {
    expect(() => httpProbeRequest({ port: 'metrics', path: '/' }, app, '127.0.0.1')).toThrow(ProbeError);
    expect(() => httpProbeRequest({ port: 'metrics', path: '/' }, app, '127.0.0.1')).toThrow('port "metrics" not found in container "app"');
    expect(() => httpProbeRequest({ port: 80, path: '/' }, app, undefined)).toThrow('no IP yet');
  });

  it('follows redirects on the same host', async () => {
    const { port, seen } = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(302, { location: '/new' });
        res.end();
      } else res.end('moved here');
    });
    expect(await probe({ port, path: '/old' })).toEqual({ result: 'success', output: 'moved here' });
    expect(seen.map((s) => s.url)).toEqual(['/old', '/new']);
  });

  it('does not follow a redirect to another host: success with a warning', async () => {
    const { port, seen } = await serve((_req, res) => {
      res.writeHead(301, { location: 'http://127.0.0.2:1/elsewhere' });
      res.end('go away');
    });
    expect(await probe({ port })).toEqual({ result: 'warning', output: 'Probe terminated redirects, Response body: go away' });
    expect(seen).toHaveLength(1);
  });

  it('gives up after ten requests of a redirect loop', async () => {
    const { port, seen } = await serve((req, res) => {
      res.writeHead(302, { location: `/hop${seen.length}` });
      res.end();
    });
    const r = await probe({ port, path: '/hop0' });
    expect(r.result).toBe('failure');
    expect(r.output).toMatch(/^Get "http:\/\/127\.0\.0\.1:\d+\/hop10": stopped after 10 redirects$/);
    expect(seen).toHaveLength(10);
  });

  it('fails with Go-worded errors on refused connections and timeouts', async () => {
    const port = await closedPort();
    expect(await probe({ port, path: '/healthz' })).toEqual({
      result: 'failure',
      output: `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
    const slow = await serve(() => undefined);
    const started = Date.now();
    const r = await probe({ port: slow.port }, 300);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toEqual({
      result: 'failure',
      output: `Get "http://127.0.0.1:${slow.port}/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  });

  it('reads at most 10 KiB of a body', async () => {
    const { port } = await serve((_req, res) => res.end('x'.repeat(1024 * 1024)));
    const r = await probe({ port });
    expect(r.result).toBe('success');
    expect(r.output).toHaveLength(10 * 1024);
  });

  it('does not verify certificates on HTTPS', async () => {
    const ca = await createCa({ commonName: 'probe-test-ca' });
    const cert = await issueServingCert(ca, { dnsNames: ['nowhere.test'], ipAddresses: [] });
    const { port, seen } = await serve((_req, res) => res.end('tls ok'), () => createTlsServer({ cert: cert.cert, key: cert.key }));
    expect(await probe({ port, scheme: 'HTTPS' })).toEqual({ result: 'success', output: 'tls ok' });
    expect(seen).toHaveLength(1);
  });
});
