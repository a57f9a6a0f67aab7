import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueClientCert } from '@kubelite/client';
import { collect, startHarness, type Harness } from './testing/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.pods.addPod('web', ['app']);
});

afterAll(async () => h.close());

describe('kubelet API server', () => {
  it('requires a client certificate from --client-ca-file, except for /healthz', async () => {
    expect(await h.get('/pods', { cert: null })).toMatchObject({ status: 401, body: 'Unauthorized' });
    const stranger = await issueClientCert(await createCa({ commonName: 'other-ca' }), { user: 'mallory' });
    expect((await h.get('/pods', { cert: stranger })).status).toBe(401);
    expect((await h.get('/containerLogs/default/web/app', { cert: null })).status).toBe(401);
    expect(await h.get('/healthz', { cert: null })).toMatchObject({ status: 200, body: 'ok' });
    expect((await h.get('/pods')).status).toBe(200);
  });

  it('refuses a WebSocket exec without a client certificate', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`wss://127.0.0.1:${h.server.port}/exec/default/web/app?command=ls&stdout=1`, ['v5.channel.k8s.io'], { ca: h.ca });
    await expect(collect(ws)).rejects.toMatchObject({ status: 401 });
  });

  it('lists its pods as a PodList', async () => {
    const r = await h.get('/pods');
    expect(r.headers['content-type']).toBe('application/json');
    const list = JSON.parse(r.body) as { kind: string; items: { metadata: { name: string } }[] };
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p) => p.metadata.name)).toEqual(['web']);
    const running = JSON.parse((await h.get('/runningpods/')).body) as { items: { spec: { containers: { name: string }[] } }[] };
    expect(running.items[0]?.spec.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('serves metrics that count its requests, and 404s unknown paths', async () => {
    expect(await h.get('/nope')).toMatchObject({ status: 404, body: '404 page not found' });
    const m = await h.get('/metrics');
    expect(m.status).toBe(200);
    expect(m.body).toMatch(/kubelet_http_requests_total\{method="GET",path="pods",server_type="readwrite",long_running="false"\} \d+/);
    expect((await h.get('/pods', { method: 'DELETE' })).status).toBe(405);
  });

  it('answers a port-forward that does not upgrade with 400', async () => {
    expect(await h.get('/portForward/default/web?port=80')).toMatchObject({ status: 400, body: 'unable to upgrade: missing upgrade headers in request' });
  });

  it('runs without client authentication when no CA is given', async () => {
    const open = await startHarness({ requireClientCert: false });
    try {
      expect((await open.get('/pods', { cert: null })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
