// tcpSocket, exec and grpc probes: TCP and gRPC against servers this test starts on 127.0.0.1,
// exec against the fake runtime.
import { createServer as createHttp2Server, type Http2Server } from 'node:http2';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Container } from '@kubelite/api';
import { afterEach, describe, expect, it } from 'vitest';
import { ProbeError } from './errors.js';
import { expandProbeCommand, probeExec } from './exec.js';
import { decodeCheckResponse, encodeCheckRequest, probeGrpc } from './grpc.js';
import { resolveContainerPort } from './ports.js';
import { probeTcp } from './tcp.js';
import { FakeExecRuntime } from './testing/fake-runtime.js';

const servers: (Server | Http2Server)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen<S extends Server | Http2Server>(server: S): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('ports', () => {
  const c: Container = { name: 'app', ports: [{ name: 'web', containerPort: 8080 }] };
  it('resolves numbers, names and numbers written as strings', () => {
    expect(resolveContainerPort(81, c)).toBe(81);
    expect(resolveContainerPort('web', c)).toBe(8080);
    expect(resolveContainerPort('9090', c)).toBe(9090);
    expect(() => resolveContainerPort(70000, c)).toThrow('invalid port number: 70000');
  });
});

describe('tcpSocket probe', () => {
  it('succeeds when the port accepts a connection', async () => {
    const port = await listen(createServer((s) => s.end()));
    expect(await probeTcp('127.0.0.1', port, 1000)).toEqual({ result: 'success', output: '' });
  });

  it('fails with the dial error when nothing listens', async () => {
    const port = await closedPort();
    expect(await probeTcp('127.0.0.1', port, 1000)).toEqual({ result: 'failure', output: `dial tcp 127.0.0.1:${port}: connect: connection refused` });
  });
});

describe('exec probe', () => {
  const c: Container = { name: 'app', env: [{ name: 'FILE', value: '/tmp/healthy' }, { name: 'FROM', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] };

  it('expands $(VAR) from literal env values only', () => {
    expect(expandProbeCommand(['cat', '$(FILE)', '$(FROM)', '$(NOPE)', '$$(FILE)'], c)).toEqual(['cat', '/tmp/healthy', '', '$(NOPE)', '$(FILE)']);
  });

  it('exit 0 is success; otherwise failure with stdout and stderr', async () => {
    const rt = new FakeExecRuntime(({ command }) =>
      command[1] === 'ok' ? { stdout: Buffer.from('fine') } : { exitCode: 1, stdout: Buffer.from('out;'), stderr: Buffer.from('cat: /tmp/healthy: No such file') },
    );
    expect(await probeExec(rt, 'cid', c, ['check', 'ok'], 1000)).toEqual({ result: 'success', output: 'fine' });
    expect(await probeExec(rt, 'cid', c, ['check', 'bad'], 2000)).toEqual({ result: 'failure', output: 'out;cat: /tmp/healthy: No such file' });
    expect(rt.calls[1]).toEqual({ containerId: 'cid', command: ['check', 'bad'], timeoutMs: 2000 });
  });

  it('a timeout is a failure naming the command', async () => {
    const rt = new FakeExecRuntime(() => ({ exitCode: -1, timedOut: true }));
    expect(await probeExec(rt, 'cid', c, ['sh', '-c', 'sleep 5'], 1000)).toEqual({ result: 'failure', output: 'command "sh -c sleep 5" timed out' });
  });

  it('a runtime error is an error, not a failure', async () => {
    const rt = new FakeExecRuntime(() => {
      throw new Error('No such container: cid');
    });
    await expect(probeExec(rt, 'cid', c, ['true'], 1000)).rejects.toThrow(ProbeError);
  });
});

// A grpc.health.v1 server: answers each service name from `statuses`, NOT_FOUND for others.
async function healthServer(statuses: Record<string, number>, seenServices: string[]): Promise<number> {
  const server = createHttp2Server();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (headers[':path'] !== '/grpc.health.v1.Health/Check') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown service' }, { endStream: true });
        return;
      }
      const body = Buffer.concat(chunks);
      const service = body.length > 7 ? body.subarray(7).toString('utf8') : '';
      seenServices.push(service);
      const status = statuses[service];
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () =>
        stream.sendTrailers(status === undefined ? { 'grpc-status': '5', 'grpc-message': 'unknown%20service' } : { 'grpc-status': '0' }),
      );
      if (status === undefined) stream.end();
      else stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, status]));
    });
  });
  return listen(server);
}

describe('grpc probe', () => {
  it('encodes the request and decodes the response frames', () => {
    expect([...encodeCheckRequest('')]).toEqual([0, 0, 0, 0, 0]);
    expect([...encodeCheckRequest('db')]).toEqual([0, 0, 0, 0, 4, 0x0a, 2, 0x64, 0x62]);
    expect(decodeCheckResponse(Buffer.from([0, 0, 0, 0, 2, 0x08, 2]))).toBe(2);
  });

  it('SERVING is success; NOT_SERVING and unknown services are failures', async () => {
    const seen: string[] = [];
    const port = await healthServer({ '': 1, db: 2 }, seen);
    expect(await probeGrpc('127.0.0.1', port, '', 1000)).toEqual({ result: 'success', output: 'service healthy' });
    expect(await probeGrpc('127.0.0.1', port, 'db', 1000)).toEqual({ result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' });
    expect(await probeGrpc('127.0.0.1', port, 'cache', 1000)).toEqual({
      result: 'failure',
      output: 'error: health rpc probe failed: rpc error: code = NotFound desc = unknown service',
    });
    expect(seen).toEqual(['', 'db', 'cache']);
  });

  it('fails when nothing listens', async () => {
    const port = await closedPort();
    const r = await probeGrpc('127.0.0.1', port, '', 1000);
    expect(r).toEqual({ result: 'failure', output: `error: failed to connect service at "127.0.0.1:${port}": dial tcp 127.0.0.1:${port}: connect: connection refused` });
  });
});
