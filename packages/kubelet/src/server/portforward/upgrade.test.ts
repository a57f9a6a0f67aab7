import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { SpdySession } from './session.js';
import { forwardOnce, silentLog, startPodPort } from './testing.js';
import { TUNNEL_PROTOCOL } from './upgrade.js';

type Answer = { upgraded: true; res: IncomingMessage; socket: Duplex; head: Buffer } | { upgraded: false; status: number; body: string };

const SPDY = { connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'portforward.k8s.io' };
// `ws` (client and server) will not take a subprotocol with '/', so the handshake is written by hand.
const websocket = (protocol: string) => ({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol': protocol });

function upgrade(h: Harness, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.base}${path}`, { headers, ca: h.ca, cert: h.client.cert, key: h.client.key, timeout: 5_000 });
    req.on('upgrade', (res, socket, head) => resolve({ upgraded: true, res, socket, head }));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ upgraded: false, status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer to the upgrade within 5 s')));
    req.on('error', reject).end();
  });
}

describe('kubelet /portForward upgrade', () => {
  let h: Harness;
  let pod: Awaited<ReturnType<typeof startPodPort>>;
  beforeAll(async () => {
    h = await startHarness();
    pod = await startPodPort();
    const web = h.pods.addPod('web', ['app']);
    if (web.status) web.status.podIP = '127.0.0.1';
  });
  afterAll(async () => {
    await h.close();
    await pod.close();
  });

  it('switches to SPDY/3.1 and forwards a connection to the pod IP', async () => {
    const answer = await upgrade(h, '/portForward/default/web?port=' + pod.port, SPDY);
    if (!answer.upgraded) throw new Error(`not upgraded: ${answer.status} ${answer.body}`);
    expect(answer.res.headers).toMatchObject({ upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'portforward.k8s.io' });
    const socket = answer.socket;
    const client = new SpdySession({ send: (b) => new Promise((res, rej) => socket.write(b, (e) => (e ? rej(e) : res()))), close: () => socket.destroy() }, { server: false, log: silentLog });
    socket.on('data', (d: Buffer) => client.receive(d));
    if (answer.head.length > 0) client.receive(answer.head);
    const result = await forwardOnce(client, pod.port, 0, 'GET /spdy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(result).toMatchObject({ error: '', data: expect.stringMatching(/hello \/spdy$/) });
    client.close();
  });

  it('accepts the WebSocket tunnel subprotocol and echoes it', async () => {
    const answer = await upgrade(h, '/portForward/default/web', websocket(TUNNEL_PROTOCOL));
    if (!answer.upgraded) throw new Error(`not upgraded: ${answer.status} ${answer.body}`);
    expect(answer.res.headers['sec-websocket-protocol']).toBe(TUNNEL_PROTOCOL);
    answer.socket.destroy();
  });

  it('refuses an unknown pod, another subprotocol and a request that does not upgrade', async () => {
    expect(await upgrade(h, '/portForward/default/nope', websocket(TUNNEL_PROTOCOL))).toEqual({ upgraded: false, status: 404, body: 'pod does not exist' });
    const other = await upgrade(h, '/portForward/default/web', websocket('v5.channel.k8s.io'));
    expect(other).toMatchObject({ upgraded: false, status: 400, body: expect.stringContaining('unable to negotiate protocol') });
    expect(await h.get('/portForward/default/nope')).toMatchObject({ status: 404 });
    expect(await h.get('/portForward/default/web')).toMatchObject({ status: 400, body: 'unable to upgrade: missing upgrade headers in request' });
  });
});
