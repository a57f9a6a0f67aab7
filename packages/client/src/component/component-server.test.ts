import { request } from 'node:https';
import { afterAll, describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { startComponentServer, type ComponentServer } from './component-server.js';

const get = (port: number, path: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(`https://127.0.0.1:${port}${path}`, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('component server', () => {
  let healthy = true;
  let server: ComponentServer;
  afterAll(async () => server?.close());

  it('serves health (plain and verbose, failing with 500) and metrics over HTTPS', async () => {
    const registry = new Registry();
    new Counter({ name: 'scheduler_schedule_attempts_total', help: 'attempts', registers: [registry] }).inc(3);
    server = await startComponentServer({
      bindAddress: '127.0.0.1',
      securePort: 0,
      registry,
      checks: [{ name: 'leaderElection', check: async () => { if (!healthy) throw new Error('lost'); } }],
    });
    expect(await get(server.port, '/healthz')).toEqual({ status: 200, body: 'ok' });
    expect((await get(server.port, '/readyz?verbose')).body).toBe('[+]ping ok\n[+]leaderElection ok\nreadyz check passed\n');
    healthy = false;
    const failing = await get(server.port, '/healthz');
    expect(failing.status).toBe(500);
    expect(failing.body).toContain('[-]leaderElection failed: reason withheld');
    expect((await get(server.port, '/livez')).status).toBe(200);
    expect((await get(server.port, '/metrics')).body).toMatch(/^scheduler_schedule_attempts_total 3$/m);
    expect((await get(server.port, '/nope')).status).toBe(404);
  });
});
