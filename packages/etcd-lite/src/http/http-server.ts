// The metrics listener (etcd's --listen-metrics-urls): /health, /version, /metrics.
import { createServer, type Server } from 'node:http';
import type { EtcdMetrics } from './metrics.js';
import { ETCD_CLUSTER_VERSION, ETCD_VERSION } from '../version.js';

export interface HttpEndpoints {
  metrics: EtcdMetrics;
  /** resolves true when the store answers a read */
  healthy(): Promise<boolean>;
}

export function createHttpServer(ep: HttpEndpoints): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'text/plain', 'Method Not Allowed\n');
    if (path === '/health') {
      void ep.healthy().then(
        (ok) => reply(ok ? 200 : 503, 'application/json', JSON.stringify({ health: String(ok), reason: '' })),
        (err: unknown) => reply(503, 'application/json', JSON.stringify({ health: 'false', reason: String(err) })),
      );
      return;
    }
    if (path === '/version') {
      return reply(200, 'application/json', JSON.stringify({ etcdserver: ETCD_VERSION, etcdcluster: ETCD_CLUSTER_VERSION }));
    }
    if (path === '/metrics') {
      void ep.metrics.registry.metrics().then(
        (text) => reply(200, ep.metrics.registry.contentType, text),
        (err: unknown) => reply(500, 'text/plain', `${String(err)}\n`),
      );
      return;
    }
    reply(404, 'text/plain', '404 page not found\n');
  });
}
