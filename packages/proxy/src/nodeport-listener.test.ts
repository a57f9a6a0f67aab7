import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { createLogger } from '@kubelite/client';
import { afterEach, describe, expect, it } from 'vitest';
import { isProxyError } from './errors.js';
import type { BalancerEndpoint } from './load-balancer.js';
import { ProxyMetrics } from './metrics.js';
import { NodePortListener, type NodePortTarget } from './nodeport-listener.js';

const log = createLogger('test', 'json', 'silent');
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Serves on 127.0.0.1; `handler` gets each connection. */
async function server(handler: (s: import('node:net').Socket) => void): Promise<number> {
  const srv: Server = createServer({ allowHalfOpen: true }, handler);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  cleanup.push(() => new Promise<void>((r) => srv.close(() => r())));
  return (srv.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

class FixedTarget implements NodePortTarget {
  readonly id = 'default/web:http';
  readonly failed: string[] = [];
  private i = 0;
  constructor(private readonly endpoints: BalancerEndpoint[]) {}
  pick(): BalancerEndpoint | undefined {
    const e = this.endpoints[this.i % Math.max(1, this.endpoints.length)];
    this.i++;
    return e;
  }
  dialFailed(_client: string, e: BalancerEndpoint): void {
    this.failed.push(`${e.host}:${e.port}`);
  }
}

async function listener(target: NodePortTarget, metrics = new ProxyMetrics()): Promise<NodePortListener> {
  const l = new NodePortListener('127.0.0.1', await closedPort(), target, log, metrics);
  await l.listen();
  cleanup.push(() => l.drain(0));
  cleanup.push(() => l.close());
  return l;
}

/** Sends `text`, half-closes, and collects everything until the far end closes (or an error code). */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (got += d));
    s.on('end', () => {
      s.end();
      resolve(got);
    });
    s.on('error', (err: NodeJS.ErrnoException) => resolve(`!${err.code}`));
    s.end(text);
  });
}

const shout = (s: import('node:net').Socket): void => {
  let body = '';
  s.setEncoding('utf8');
  s.on('data', (d: string) => (body += d));
  // answers only after the client's FIN: works only if half-close is passed through
  s.on('end', () => s.end(body.toUpperCase()));
};

describe('NodePortListener', () => {
  it('forwards a connection, passing a half-close through both ways', async () => {
    const metrics = new ProxyMetrics();
    const l = await listener(new FixedTarget([{ host: '127.0.0.1', port: await server(shout) }]), metrics);
    expect(await exchange(l.port, 'hello')).toBe('HELLO');
    expect((await metrics.connections.get()).values).toEqual([
      expect.objectContaining({ labels: { service_port: 'default/web:http', result: 'forwarded' }, value: 1 }),
    ]);
  });

  it('tries the next endpoint when a dial fails', async () => {
    const dead = await closedPort();
    const target = new FixedTarget([{ host: '127.0.0.1', port: dead }, { host: '127.0.0.1', port: await server(shout) }]);
    const l = await listener(target);
    expect(await exchange(l.port, 'again')).toBe('AGAIN');
    expect(target.failed).toEqual([`127.0.0.1:${dead}`]);
  });

  it('resets the connection at once when there is no endpoint, and after every dial failed', async () => {
    const metrics = new ProxyMetrics();
    const l = await listener(new FixedTarget([]), metrics);
    expect(await exchange(l.port, 'x')).toBe('!ECONNRESET');
    const allDead = await listener(new FixedTarget([{ host: '127.0.0.1', port: await closedPort() }]), metrics);
    expect(await exchange(allDead.port, 'x')).toBe('!ECONNRESET');
    const results = (await metrics.connections.get()).values.map((v) => `${v.labels.result}=${v.value}`).sort();
    expect(results).toEqual(['dial_failed=1', 'rejected=1']);
  });

  it('stops accepting on close while forwarded connections carry on; drain cuts what is left', async () => {
    const echo = await server((s) => s.pipe(s));
    const l = await listener(new FixedTarget([{ host: '127.0.0.1', port: echo }]));
    const s = connect({ host: '127.0.0.1', port: l.port });
    s.setEncoding('utf8');
    let got = '';
    s.on('data', (d: string) => (got += d));
    const closed = new Promise<void>((r) => s.on('close', () => r()));
    s.write('one;');
    await until(() => got === 'one;');
    expect(l.connections).toBe(1);
    l.close();
    expect(await exchange(l.port, 'new')).toBe('!ECONNREFUSED');
    s.write('two;');
    await until(() => got === 'one;two;');
    await l.drain(0);
    await closed;
    expect(l.connections).toBe(0);
  });

  it('reports a port in use with the address and the reason', async () => {
    const port = await server(() => undefined);
    const l = new NodePortListener('127.0.0.1', port, new FixedTarget([]), log, new ProxyMetrics());
    const err = await l.listen().catch((e: unknown) => e);
    expect(isProxyError(err) && err.problem).toBe('LISTEN_FAILED');
    expect((err as Error).message).toBe(`can't open port "nodePort for default/web:http" (127.0.0.1:${port}/tcp): listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
  });
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
