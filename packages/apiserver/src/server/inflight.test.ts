// InflightLimiter: --max-requests-inflight / --max-mutating-requests-inflight. The gauge it sets
// is the one Prometheus scrapes, so the tests read it back from the registry.
import { beforeEach, describe, expect, it } from 'vitest';
import { InflightLimiter, isLongRunning } from './inflight.js';
import { ApiMetrics } from './metrics.js';
import { parseRequestInfo } from './request-info.js';

const req = (method: string, path: string, query: Record<string, string> = {}) => parseRequestInfo(method, path, query);
const LIST = req('GET', '/api/v1/namespaces/default/pods');
const CREATE = req('POST', '/api/v1/namespaces/default/pods');

let metrics: ApiMetrics;

async function gauge(kind: 'readOnly' | 'mutating'): Promise<number | undefined> {
  const m = await metrics.inflight.get();
  return m.values.find((v) => v.labels.request_kind === kind)?.value;
}

/** Acquires and insists on admission. */
function admit(l: InflightLimiter, method: string, info = method === 'GET' ? LIST : CREATE): () => void {
  const r = l.acquire(method, info);
  if (typeof r !== 'function') throw new Error(`${method} was not admitted (${String(r)})`);
  return r;
}

beforeEach(() => {
  metrics = new ApiMetrics();
});

describe('InflightLimiter', () => {
  it('refuses read-only requests over the read-only limit, and admits again after a release', () => {
    const l = new InflightLimiter(2, 1, metrics);
    const a = admit(l, 'GET');
    admit(l, 'GET');
    expect(l.acquire('GET', LIST)).toBe(false);
    a();
    expect(typeof l.acquire('GET', LIST)).toBe('function');
  });

  it('counts mutating requests separately from reads', () => {
    const l = new InflightLimiter(1, 1, metrics);
    admit(l, 'GET');
    const w = admit(l, 'POST');
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(l.acquire(m, CREATE)).toBe(false);
    expect(l.acquire('GET', LIST)).toBe(false);
    w();
    expect(typeof l.acquire('DELETE', req('DELETE', '/api/v1/namespaces/default/pods/web'))).toBe('function');
  });

  it('treats a limit of 0 as unlimited', () => {
    const l = new InflightLimiter(0, 0, metrics);
    for (let i = 0; i < 1000; i++) admit(l, 'GET');
    expect(typeof l.acquire('POST', CREATE)).toBe('function');
  });

  it('exempts watches and other long-running requests', () => {
    const l = new InflightLimiter(1, 1, metrics);
    admit(l, 'GET');
    expect(l.acquire('GET', req('GET', '/api/v1/pods', { watch: '1' }))).toBeUndefined();
    expect(l.acquire('GET', req('GET', '/api/v1/watch/namespaces/default/pods'))).toBeUndefined();
    expect(l.acquire('GET', req('GET', '/api/v1/namespaces/default/pods/web/log'))).toBeUndefined();
    admit(l, 'POST');
    expect(l.acquire('POST', req('POST', '/api/v1/namespaces/default/pods/web/exec'))).toBeUndefined();
    expect(l.acquire('POST', req('POST', '/api/v1/namespaces/default/pods/web/attach'))).toBeUndefined();
  });

  it('exempts health checks and other paths outside /api, but not discovery', () => {
    const l = new InflightLimiter(1, 1, metrics);
    admit(l, 'GET');
    for (const p of ['/healthz', '/readyz', '/livez', '/metrics', '/version']) expect(l.acquire('GET', req('GET', p))).toBeUndefined();
    expect(l.acquire('GET', req('GET', '/apis'))).toBe(false);
    expect(l.acquire('GET', req('GET', '/api/v1'))).toBe(false);
  });

  it('releases once however often the release is called', () => {
    const l = new InflightLimiter(2, 0, metrics);
    const a = admit(l, 'GET');
    admit(l, 'GET');
    a();
    a();
    a();
    admit(l, 'GET');
    expect(l.acquire('GET', LIST)).toBe(false);
  });

  it('reports current usage per kind in apiserver_current_inflight_requests', async () => {
    const l = new InflightLimiter(0, 0, metrics);
    const r1 = admit(l, 'GET');
    admit(l, 'GET');
    const w = admit(l, 'PATCH');
    expect(await gauge('readOnly')).toBe(2);
    expect(await gauge('mutating')).toBe(1);
    r1();
    w();
    w();
    expect(await gauge('readOnly')).toBe(1);
    expect(await gauge('mutating')).toBe(0);
    expect(await metrics.registry.metrics()).toContain('apiserver_current_inflight_requests{request_kind="readOnly"} 1');
  });
});

describe('isLongRunning', () => {
  it('covers watch and the streaming subresources, nothing else', () => {
    expect(isLongRunning(req('GET', '/api/v1/pods', { watch: 'true' }))).toBe(true);
    for (const sub of ['log', 'exec', 'attach', 'portforward', 'proxy']) {
      expect(isLongRunning(req('GET', `/api/v1/namespaces/default/pods/web/${sub}`))).toBe(true);
    }
    expect(isLongRunning(req('GET', '/api/v1/namespaces/default/pods/web/status'))).toBe(false);
    expect(isLongRunning(LIST)).toBe(false);
  });
});
