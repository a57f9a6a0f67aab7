// A tiny HTTPS client for API tests: what curl does, with the test cluster's CA and token.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { ADMIN_TOKEN, type TestCluster } from './apiserver.js';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface HttpOptions {
  body?: string | Buffer | object;
  contentType?: string | null;
  accept?: string;
  token?: string | null;
  timeoutMs?: number;
  /** Override the base URL (another apiserver of the cluster). */
  url?: string;
}

export function api(cluster: TestCluster, method: string, path: string, opts: HttpOptions = {}): Promise<HttpResult> {
  const ca = readFileSync(cluster.caFile, 'utf8');
  const body =
    opts.body === undefined ? undefined : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = {};
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? ADMIN_TOKEN}`;
  if (opts.accept) headers.accept = opts.accept;
  if (body !== undefined && opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
  // Explicit, since Node sends a DELETE body without a length (and thus unframed) otherwise.
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(`${opts.url ?? cluster.url}${path}`, { method, ca, headers, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export interface WatchStream {
  /** Events received so far. */
  events: Array<{ type: string; object: Record<string, unknown> }>;
  /** Resolves when `n` events have arrived (bounded by timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): void;
  status: Promise<number>;
}

/** Opens a watch (`?watch=1…`) and collects its newline-delimited events. */
export function watchStream(cluster: TestCluster, path: string, opts: { url?: string; accept?: string } = {}): WatchStream {
  const ca = readFileSync(cluster.caFile, 'utf8');
  const events: WatchStream['events'] = [];
  const waiters: Array<() => void> = [];
  let buf = '';
  let resolveStatus: (n: number) => void = () => undefined;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
  if (opts.accept) headers.accept = opts.accept;
  const req = request(`${opts.url ?? cluster.url}${path}`, { ca, headers }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim() !== '') events.push(JSON.parse(line) as WatchStream['events'][number]);
      }
      for (const w of waiters.splice(0)) w();
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    events,
    status,
    close: () => req.destroy(),
    waitFor: async (n, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`watch ${path}: ${events.length} of ${n} events after ${timeoutMs} ms: ${JSON.stringify(events.map((e) => e.type))}`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
    },
  };
}
