// httpGet probes (upstream pkg/probe/http and NewRequestForHTTPGetAction): GET
// scheme://host:port/path with kube-probe's headers, no keep-alive, no proxy, no compression and
// no certificate checks; 200–399 is success; redirects on the same host are followed (at most
// ten requests), a redirect elsewhere ends the probe as a success with a warning; only the first
// 10 KiB of a body are read; the timeout covers the whole exchange.
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Container, HTTPGetAction } from '@kubelite/api';
import { dialErrorText } from './dial-errors.js';
import { probeError } from './errors.js';
import { joinHostPort, resolveContainerPort } from './ports.js';
import { MAX_PROBE_OUTPUT_BYTES, PROBE_USER_AGENT, type HandlerOutcome } from './types.js';

const FOLLOWED_REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REQUESTS = 10;

export interface HttpProbeRequest {
  url: URL;
  /** The URL as Go prints it (an explicit default port stays). */
  text: string;
  /** Canonical header name → values. */
  headers: Map<string, string[]>;
}

/** Go's CanonicalMIMEHeaderKey: "user-agent" → "User-Agent". */
export function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, ch: string) => dash + ch.toUpperCase());
}

export function httpProbeRequest(action: HTTPGetAction, container: Container, podIP: string | undefined): HttpProbeRequest {
  const scheme = (action.scheme || 'HTTP').toLowerCase();
  const host = action.host || podIP;
  if (!host) throw probeError('NO_POD_IP', container.name);
  const port = resolveContainerPort(action.port, container);
  const path = action.path?.startsWith('/') ? action.path : `/${action.path ?? ''}`;
  const text = `${scheme}://${joinHostPort(host, port)}${path}`;
  const headers = new Map<string, string[]>();
  for (const h of action.httpHeaders ?? []) {
    const key = canonicalHeader(h.name);
    headers.set(key, [...(headers.get(key) ?? []), h.value]);
  }
  if (!headers.has('User-Agent')) headers.set('User-Agent', [PROBE_USER_AGENT]);
  // An explicitly empty Accept means "send none"; absent means "anything".
  if (!headers.has('Accept')) headers.set('Accept', ['*/*']);
  else if (!headers.get('Accept')?.[0]) headers.delete('Accept');
  return { url: new URL(text), text, headers };
}

type Exchange =
  | { status: number; location?: string; body: string }
  | { failure: string }
  | { bodyError: string };

function readBody(res: IncomingMessage, done: (body: string) => void, fail: (why: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = (): void => done(Buffer.concat(chunks).subarray(0, MAX_PROBE_OUTPUT_BYTES).toString('utf8'));
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    // enough read: the rest of a large body is not our business
    if (size >= MAX_PROBE_OUTPUT_BYTES) {
      finish();
      res.destroy();
    }
  });
  res.once('end', finish);
  res.on('error', (err) => fail(err.message));
}

function hostPortOf(url: URL): string {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return joinHostPort(url.hostname.replace(/^\[|\]$/g, ''), port);
}

function nodeHeaders(headers: Map<string, string[]>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, values] of headers) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

function getOnce(url: URL, text: string, headers: Map<string, string[]>, deadline: number): Promise<Exchange> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ failure: `Get "${text}": unsupported protocol scheme "${url.protocol.slice(0, -1)}"` });
  }
  return new Promise((resolve) => {
    let settled = false;
    let inBody = false;
    const settle = (e: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(e);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers: nodeHeaders(headers), agent: false, rejectUnauthorized: false });
    const timer = setTimeout(() => {
      if (inBody) settle({ bodyError: 'context deadline exceeded (Client.Timeout or context cancellation while reading body)' });
      else settle({ failure: `Get "${text}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    }, Math.max(0, deadline - Date.now()));
    req.on('response', (res) => {
      inBody = true;
      const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
      readBody(
        res,
        (body) => settle({ status: res.statusCode ?? 0, ...(location ? { location } : {}), body }),
        (why) => settle({ bodyError: why }),
      );
    });
    req.on('error', (err) => settle({ failure: `Get "${text}": ${dialErrorText(err, hostPortOf(url))}` }));
    req.end();
  });
}

function classify(status: number, body: string): HandlerOutcome {
  if (status >= 200 && status < 300) return { result: 'success', output: body };
  if (status >= 300 && status < 400) return { result: 'warning', output: `Probe terminated redirects, Response body: ${body}` };
  // the body stays out of the message: it may hold anything (upstream #99425)
  return { result: 'failure', output: `HTTP probe failed with statuscode: ${status}` };
}

/** Runs the probe; throws a ProbeError only when a body could not be read (upstream: "errored"). */
export async function probeHttp(req: HttpProbeRequest, timeoutMs: number): Promise<HandlerOutcome> {
  const deadline = Date.now() + timeoutMs;
  const headers = new Map(req.headers);
  let url = req.url;
  let text = req.text;
  for (let sent = 1; ; sent++) {
    const ex = await getOnce(url, text, headers, deadline);
    if ('failure' in ex) return { result: 'failure', output: ex.failure };
    if ('bodyError' in ex) throw probeError('BODY_READ', text, ex.bodyError);
    if (!FOLLOWED_REDIRECTS.has(ex.status) || !ex.location) return classify(ex.status, ex.body);
    const next = new URL(ex.location, url);
    // a redirect to another host is not followed: the 3xx itself is the answer
    if (next.hostname !== req.url.hostname) return classify(ex.status, ex.body);
    if (sent >= MAX_REQUESTS) return { result: 'failure', output: `Get "${next.href}": stopped after ${MAX_REQUESTS} redirects` };
    url = next;
    text = next.href;
    // the Host override was meant for the first server's virtual host only
    headers.delete('Host');
  }
}
