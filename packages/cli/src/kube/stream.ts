// Long-lived responses the JSON client does not cover: `logs -f` (a chunked text stream) and
// the exec WebSocket. Both reuse the kubeconfig's TLS material and token.
import * as http from 'node:http';
import * as https from 'node:https';
import type { QueryValue } from '@kubelite/client';
import { apiErrorFromResponse } from '@kubelite/client';
import type { Session } from './session.js';

export function urlFor(session: Session, path: string, query: Record<string, QueryValue | readonly string[]>): URL {
  const url = new URL(path, session.server);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
    else url.searchParams.set(k, String(v));
  }
  return url;
}

/** TLS and auth options for a raw request to the API server (node https / ws share them). */
export function connectOptions(session: Session): https.RequestOptions {
  const c = session.client.config;
  return {
    ca: c.ca,
    cert: c.cert,
    key: c.key,
    rejectUnauthorized: !c.insecureSkipTlsVerify,
    headers: { ...(c.token ? { Authorization: `Bearer ${c.token}` } : {}), 'User-Agent': 'klctl' },
  };
}

/** GETs a streaming body; a non-2xx answer becomes the server's ApiError. */
export function openStream(session: Session, url: URL, signal?: AbortSignal): Promise<http.IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.get(url, { ...connectOptions(session), signal }, (res) => {
      const code = res.statusCode ?? 0;
      if (code >= 200 && code < 300) return resolve(res);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        reject(apiErrorFromResponse(code, body, `get ${url.pathname}`));
      });
    });
    req.on('error', reject);
  });
}
