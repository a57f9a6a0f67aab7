import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortForwarder, type ForwardTarget } from './forwarder.js';
import { forwardOnce, sessionPair, silentLog, startPodPort } from './testing.js';

const target = (host: () => string): ForwardTarget => ({ podFullName: 'web_default', uid: 'uid-1', host });

describe('PortForwarder over a SPDY session', () => {
  let pod: Awaited<ReturnType<typeof startPodPort>>;
  beforeAll(async () => (pod = await startPodPort()));
  afterAll(() => pod.close());

  it('joins each error/data stream pair to its own connection to the pod port', async () => {
    const forwarder = new PortForwarder(target(() => '127.0.0.1'), { log: silentLog });
    const { client, server, wire } = sessionPair((s) => forwarder.onStream(s));
    const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
    const before = pod.connections();
    const [one, two] = await Promise.all([forwardOnce(client, pod.port, 0, request('/one')), forwardOnce(client, pod.port, 1, request('/two'))]);
    expect(one.error).toBe('');
    expect(one.data).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nhello \/one$/);
    expect(two.data).toMatch(/hello \/two$/);
    expect(pod.connections() - before).toBe(2);
    // What went on the wire really is SPDY/3: SYN_STREAMs with compressed header blocks.
    expect(wire[0]?.subarray(0, 4)).toEqual(Buffer.from([0x80, 0x03, 0x00, 0x01]));
    client.close();
    server.close();
  });

  it('writes why a connection failed on the error stream', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const forwarder = new PortForwarder(target(() => '127.0.0.1'), { log: silentLog });
    const { client, server } = sessionPair((s) => forwarder.onStream(s));
    const result = await forwardOnce(client, deadPort, 0, 'x');
    expect(result.data).toBe('');
    expect(result.error).toMatch(new RegExp(`^error forwarding port ${deadPort} to pod web_default, uid uid-1: failed to connect to 127\\.0\\.0\\.1:${deadPort}: .*ECONNREFUSED`));
    const noIp = new PortForwarder(target(() => { throw new Error('pod web_default has no IP address yet'); }), { log: silentLog });
    const pair2 = sessionPair((s) => noIp.onStream(s));
    expect((await forwardOnce(pair2.client, pod.port, 0, 'x')).error).toBe('error forwarding port ' + pod.port + ' to pod web_default, uid uid-1: pod web_default has no IP address yet');
    const bad = await forwardOnce(pair2.client, 0, 1, 'x');
    expect(bad.error).toContain('invalid port header "0"');
    for (const s of [client, server, pair2.client, pair2.server]) s.close();
  });

  it('resets a stream that never gets its partner', async () => {
    const forwarder = new PortForwarder(target(() => '127.0.0.1'), { log: silentLog, pairTimeoutMs: 100 });
    const { client, server } = sessionPair((s) => forwarder.onStream(s));
    const lonely = client.openStream({ streamtype: 'data', port: String(pod.port), requestid: '7' });
    const closed = await new Promise<string>((resolve) => {
      lonely.on('error', () => undefined);
      lonely.once('close', () => resolve('closed'));
      setTimeout(() => resolve('still open'), 2_000);
    });
    expect(closed).toBe('closed');
    client.close();
    server.close();
  });
});
