// The HTTP half of the client (client-go's rest.RESTClient): one keep-alive agent per server,
// TLS material and bearer token from the RestConfig, a shared token-bucket throttle, bounded
// timeouts, JSON in and out, and the server's Status turned into an ApiError. Everything above
// (ResourceClient, informers, leader election) goes through request() or watch().
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { KUBE_MAJOR, KUBE_MINOR } from '@kubelite/api';
import { realClock, type Clock } from '../clock.js';
import type { RestConfig } from '../kubeconfig.js';
import { apiErrorFromResponse, isRestError, restError, type RestError } from './errors.js';
import { rateLimiterFor, type RequestRateLimiter } from './rate-limiter.js';
import { Watch } from './watch.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface RestClientOptions {
  /** component name, sent as `<userAgent>/v1.32.0-kubelite`; a value containing '/' is sent as is */
  userAgent?: string;
  /** requests per second; 0/unset = 50, negative = unlimited (client-go's convention) */
  qps?: number;
  /** bucket size; 0/unset = max(100, qps) */
  burst?: number;
  /** replaces the qps/burst throttle, e.g. to share one between clients */
  rateLimiter?: RequestRateLimiter;
  /** whole-request limit for non-streaming calls; default 30 s */
  timeoutMs?: number;
  /** how long a watch may take to answer with headers; default 30 s */
  connectTimeoutMs?: number;
  /** retries of a 429/5xx answer that carries Retry-After (client-go honours it too); default 5 */
  maxRetries?: number;
  clock?: Clock;
}

export interface RequestOptions {
  method: HttpMethod;
  /** path below the server URL, starting with '/': `/api/v1/namespaces/default/pods` */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** objects are sent as JSON; strings and Buffers as they are */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** how the request is named in synthesised error messages (`get pods nope`) */
  describe?: string;
}

export interface RawResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_RETRY_AFTER_S = 10;

export function userAgentFor(component: string): string {
  return component.includes('/') ? component : `${component}/v${KUBE_MAJOR}.${KUBE_MINOR}.0-kubelite`;
}

export class RestClient {
  readonly server: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly limiter: RequestRateLimiter;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly clock: Clock;

  constructor(
    readonly config: RestConfig,
    options: RestClientOptions = {},
  ) {
    if (!URL.canParse(config.server) || !/^https?:$/.test(new URL(config.server).protocol)) {
      throw restError('BAD_SERVER_URL', config.server);
    }
    this.server = new URL(config.server);
    const secure = this.server.protocol === 'https:';
    this.transport = secure ? https : http;
    // One pool per client: keep-alive saves a TLS handshake per request, which dominates small calls.
    this.agent = secure
      ? new https.Agent({
          keepAlive: true,
          // Idle sockets kept for bursts (Node keeps 256 by default, then closes and re-handshakes).
          maxFreeSockets: 1024,
          // One TLS context for every socket: parsing the CA and key per connection showed in profiles.
          secureContext: tls.createSecureContext({ ca: config.ca, cert: config.cert, key: config.key }),
          rejectUnauthorized: !config.insecureSkipTlsVerify,
        })
      : new http.Agent({ keepAlive: true });
    const headers: Record<string, string> = {
      'User-Agent': userAgentFor(options.userAgent ?? 'kubelite'),
    };
    if (config.token) headers.Authorization = `Bearer ${config.token}`;
    this.headers = headers;
    this.clock = options.clock ?? realClock;
    this.limiter = options.rateLimiter ?? rateLimiterFor(options.qps, options.burst, this.clock);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? 5;
  }

  /** Sends a request and decodes the JSON answer; a non-2xx answer throws an ApiError. */
  async request<R>(opts: RequestOptions): Promise<R> {
    const res = await this.requestRaw(opts);
    const url = this.urlFor(opts.path, opts.query);
    if (res.statusCode < 200 || res.statusCode > 299) {
      throw apiErrorFromResponse(res.statusCode, decodeLoosely(res.body), opts.describe ?? `${opts.method.toLowerCase()} ${url.pathname}`);
    }
    if (res.body.length === 0) return undefined as R;
    try {
      return JSON.parse(res.body.toString('utf8')) as R;
    } catch (e) {
      throw restError('BAD_RESPONSE', opts.method, url.pathname, e instanceof Error ? e.message : String(e));
    }
  }

  /** Sends a request and returns the answer undecoded, whatever its code (logs, healthz). */
  async requestRaw(opts: RequestOptions): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.wait(opts.signal);
      const res = await this.exchange(opts);
      const wait = retryAfterSeconds(res);
      if (wait === undefined || attempt >= this.maxRetries) return res;
      await this.sleep(Math.min(wait, MAX_RETRY_AFTER_S) * 1000, opts.signal);
    }
  }

  /**
   * Opens a watch: resolves once the server answered 200 with headers; a non-2xx answer (such
   * as 410 for a too-old resourceVersion) throws an ApiError. The stream itself has no overall
   * deadline beyond the server's timeoutSeconds plus slack, so a dead server cannot hang it.
   */
  async watch<T>(opts: Omit<RequestOptions, 'method' | 'body' | 'contentType'>): Promise<Watch<T>> {
    await this.limiter.wait(opts.signal);
    const url = this.urlFor(opts.path, { ...opts.query, watch: true });
    const req = this.open('GET', url, opts, undefined);
    const res = await this.awaitResponse(req, 'GET', url, opts.signal, opts.timeoutMs ?? this.connectTimeoutMs);
    if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode > 299) {
      const body = await readBody(res, 'GET', url).catch(() => Buffer.alloc(0));
      throw apiErrorFromResponse(res.statusCode ?? 0, decodeLoosely(body), opts.describe ?? `watch ${url.pathname}`);
    }
    const timeoutSeconds = Number(opts.query?.timeoutSeconds ?? 0);
    const watch = new Watch<T>(res, url.pathname, () => req.destroy());
    if (timeoutSeconds > 0) {
      const deadline = this.clock.setTimer(() => watch.close(), timeoutSeconds * 1000 + DEFAULT_TIMEOUT_MS);
      res.once('close', () => deadline.clear());
    }
    return watch;
  }

  /** Closes idle pooled connections; open watches are ended by their own close(). */
  close(): void {
    this.agent.destroy();
  }

  urlFor(path: string, query?: Readonly<Record<string, QueryValue>>): URL {
    // The server URL may carry a path prefix (a proxy in front of the apiserver).
    const base = this.server.pathname.replace(/\/+$/, '');
    const url = new URL(base + path, this.server);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    }
    return url;
  }

  private open(method: HttpMethod, url: URL, opts: Omit<RequestOptions, 'method' | 'path'>, body: Buffer | undefined): http.ClientRequest {
    const headers: Record<string, string> = { ...this.headers, Accept: opts.accept ?? 'application/json' };
    if (body) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    const req = this.transport.request(url, { method, headers, agent: this.agent });
    if (body) req.end(body);
    else req.end();
    return req;
  }

  /**
   * One request, sent a second time only if it died on a pooled connection the server had
   * already closed (the keep-alive race Node's documentation describes): such a request never
   * reached the server, so repeating it is safe whatever the verb.
   */
  private async exchange(opts: RequestOptions): Promise<RawResponse> {
    try {
      return await this.exchangeOnce(opts);
    } catch (e) {
      if (!(e instanceof StaleConnection)) throw e;
    }
    try {
      return await this.exchangeOnce(opts);
    } catch (e) {
      throw e instanceof StaleConnection ? e.error : e;
    }
  }

  private async exchangeOnce(opts: RequestOptions): Promise<RawResponse> {
    const url = this.urlFor(opts.path, opts.query);
    const body = encodeBody(opts.body);
    const limit = opts.timeoutMs ?? this.timeoutMs;
    const req = this.open(opts.method, url, opts, body);
    let stale = false;
    let answered = false;
    req.once('response', () => (answered = true));
    req.once('error', (err: NodeJS.ErrnoException) => {
      stale = !answered && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
    });
    // One deadline covers headers and body: a server that stalls mid-body is as stuck as a silent one.
    let timedOut = false;
    const timer = this.clock.setTimer(() => {
      timedOut = true;
      req.destroy();
    }, limit);
    try {
      const res = await this.awaitResponse(req, opts.method, url, opts.signal, undefined);
      const buf = await readBody(res, opts.method, url);
      return { statusCode: res.statusCode ?? 0, headers: res.headers, body: buf };
    } catch (e) {
      // Destroying the request surfaces as a bare socket error; say what really happened.
      if (timedOut) throw restError('TIMEOUT', opts.method, url.pathname, limit);
      if (opts.signal?.aborted) throw restError('ABORTED', opts.method, url.pathname);
      if (stale && isRestError(e)) throw new StaleConnection(e);
      throw e;
    } finally {
      timer.clear();
    }
  }

  private awaitResponse(
    req: http.ClientRequest,
    method: HttpMethod,
    url: URL,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : this.clock.setTimer(() => req.destroy(restError('TIMEOUT', method, url.pathname, timeoutMs)), timeoutMs);
      const onAbort = (): void => {
        req.destroy(restError('ABORTED', method, url.pathname));
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      req.once('response', (res) => {
        timer?.clear();
        resolve(res);
      });
      req.once('error', (err) => {
        timer?.clear();
        signal?.removeEventListener('abort', onAbort);
        reject(asRestError(err, method, url));
      });
      // A watch keeps the signal: aborting it later tears the stream down too.
      req.once('close', () => {
        timer?.clear();
        signal?.removeEventListener('abort', onAbort);
      });
    });
  }

  private sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        timer.clear();
        reject(restError('ABORTED', 'retry', this.server.host));
      };
      const timer = this.clock.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A request lost to a pooled connection closed under it; exchange() sends it once more. */
class StaleConnection {
  constructor(readonly error: RestError) {}
}

function encodeBody(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function readBody(res: http.IncomingMessage, method: HttpMethod, url: URL): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', () => resolve(Buffer.concat(chunks)));
    res.once('error', (err) => reject(asRestError(err, method, url)));
    res.once('close', () => {
      if (!res.complete) reject(restError('CONNECTION', method, url.pathname, 'connection closed before the response was complete'));
    });
  });
}

function asRestError(err: unknown, method: HttpMethod, url: URL): RestError {
  if (isRestError(err)) return err;
  return restError('CONNECTION', method, url.pathname, err instanceof Error ? err.message : String(err));
}

/** JSON if it is JSON, else the text: only used to build error messages. */
function decodeLoosely(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function retryAfterSeconds(res: RawResponse): number | undefined {
  if (res.statusCode !== 429 && res.statusCode < 500) return undefined;
  const header = res.headers['retry-after'];
  if (header === undefined) return undefined;
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
