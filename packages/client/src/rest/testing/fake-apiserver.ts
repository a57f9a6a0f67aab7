// A tiny in-memory API server for the client's unit tests: real HTTP(S) on 127.0.0.1 speaking the
// Kubernetes REST shapes the client depends on — lists with resourceVersion and continue tokens,
// NDJSON watches that resume from a revision and answer 410 once it is compacted, 409 on create
// of an existing name and on a stale PUT — plus knobs to inject faults. Not exported from the
// package: the real apiserver's integration tests replace it.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { parseLabelSelector, type KubeObject, type Status, type StatusReason } from '@kubelite/api';

type Obj = KubeObject;

interface Route {
  collection: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

interface HistoryEvent {
  rev: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  collection: string;
  object: Obj;
}

interface OpenWatch {
  route: Route;
  labelSelector?: string;
  res: http.ServerResponse;
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Injected {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeApiServerOptions {
  tls?: { key: string; cert: string; ca?: string; requestCert?: boolean };
  /** how a watch from a compacted revision fails: an ERROR event in a 200 stream, or HTTP 410 */
  expiredWatchAs?: 'event' | 'http';
}

export function statusBody(code: number, reason: StatusReason, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** answers taken, in order, before any normal handling for matching requests */
  readonly inject: Array<{ match: (r: RecordedRequest) => boolean; answer: Injected }> = [];
  /** writes each watch event byte by byte, with a flush between, to stress the client's framing */
  splitWatchWrites = false;
  /** events on the wire are separated only by whitespace-free concatenation */
  omitNewlines = false;
  expiredWatchAs: 'event' | 'http';
  private server: http.Server;
  private rev = 1;
  private compacted = 0;
  private readonly objects = new Map<string, Map<string, Obj>>();
  private readonly history: HistoryEvent[] = [];
  private readonly watches = new Set<OpenWatch>();
  port = 0;

  constructor(opts: FakeApiServerOptions = {}) {
    this.expiredWatchAs = opts.expiredWatchAs ?? 'event';
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => this.handle(req, res);
    this.server = opts.tls
      ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert, ca: opts.tls.ca, requestCert: opts.tls.requestCert, rejectUnauthorized: false }, handler)
      : http.createServer(handler);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `${this.server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.closeWatches();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get resourceVersion(): string {
    return String(this.rev);
  }

  get openWatches(): number {
    return this.watches.size;
  }

  /** Ends every open watch stream, as a server restart or timeoutSeconds would. */
  closeWatches(): void {
    for (const w of this.watches) w.res.end();
    this.watches.clear();
  }

  /** Forgets history up to now: resuming from any older revision answers 410 Expired. */
  compact(): void {
    this.compacted = this.rev;
    this.history.length = 0;
  }

  /** Sends a BOOKMARK at the current revision to every watch on collection. */
  bookmark(collection: string, kind: string, apiVersion: string): void {
    for (const w of this.watches) {
      if (w.route.collection === collection) {
        this.writeEvent(w.res, { type: 'BOOKMARK', object: { kind, apiVersion, metadata: { resourceVersion: String(this.rev) } } });
      }
    }
  }

  // ---- direct store access for test set-up --------------------------------------------------

  put(collection: string, obj: Obj, type?: 'ADDED' | 'MODIFIED'): Obj {
    const bucket = this.bucket(collection);
    const key = keyOf(obj.metadata.namespace, obj.metadata.name ?? '');
    const existing = bucket.get(key);
    const stored: Obj = structuredClone(obj);
    stored.metadata.resourceVersion = String(++this.rev);
    stored.metadata.uid ??= existing?.metadata.uid ?? randomUUID();
    bucket.set(key, stored);
    this.record(type ?? (existing ? 'MODIFIED' : 'ADDED'), collection, stored);
    return stored;
  }

  remove(collection: string, namespace: string | undefined, name: string): Obj | undefined {
    const bucket = this.bucket(collection);
    const key = keyOf(namespace, name);
    const existing = bucket.get(key);
    if (!existing) return undefined;
    bucket.delete(key);
    const gone: Obj = structuredClone(existing);
    gone.metadata.resourceVersion = String(++this.rev);
    this.record('DELETED', collection, gone);
    return gone;
  }

  getObject(collection: string, namespace: string | undefined, name: string): Obj | undefined {
    return this.bucket(collection).get(keyOf(namespace, name));
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = { method: req.method ?? 'GET', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.requests.push(recorded);
      const i = this.inject.findIndex((x) => x.match(recorded));
      if (i >= 0) {
        const { answer } = this.inject.splice(i, 1)[0]!;
        return send(res, answer.status, answer.body ?? '', answer.headers);
      }
      const route = parseRoute(url.pathname);
      if (!route) return send(res, 404, statusBody(404, 'NotFound', 'the server could not find the requested resource'));
      try {
        this.serve(recorded, route, res);
      } catch (e) {
        send(res, 500, statusBody(500, 'InternalError', String(e)));
      }
    });
  }

  private serve(req: RecordedRequest, route: Route, res: http.ServerResponse): void {
    const bucket = this.bucket(route.collection);
    const q = req.url.searchParams;
    const resource = route.collection.split('/').pop() ?? '';
    const notFound = (): void =>
      send(res, 404, { ...statusBody(404, 'NotFound', `${resource} "${route.name}" not found`), details: { name: route.name, kind: resource } });
    if (req.method === 'GET' && route.name === undefined) {
      return q.get('watch') === 'true' ? this.watch(req, route, res) : this.list(req, route, res);
    }
    if (req.method === 'GET') {
      const obj = bucket.get(keyOf(route.namespace, route.name ?? ''));
      return obj ? send(res, 200, obj) : notFound();
    }
    if (req.method === 'POST' && route.name === undefined) {
      const obj = JSON.parse(req.body) as Obj;
      obj.metadata.namespace ??= route.namespace;
      if (bucket.has(keyOf(route.namespace, obj.metadata.name ?? ''))) {
        return send(res, 409, statusBody(409, 'AlreadyExists', `${resource} "${obj.metadata.name}" already exists`));
      }
      return send(res, 201, this.put(route.collection, obj));
    }
    if (req.method === 'POST') {
      return send(res, 201, { ...statusBody(201, '', ''), status: 'Success' });
    }
    const current = bucket.get(keyOf(route.namespace, route.name ?? ''));
    if (!current) return notFound();
    if (req.method === 'PUT') {
      const obj = JSON.parse(req.body) as Obj;
      const rv = obj.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) {
        return send(res, 409, statusBody(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${route.name}": the object has been modified; please apply your changes to the latest version and try again`));
      }
      obj.metadata.namespace ??= route.namespace;
      return send(res, 200, this.put(route.collection, obj));
    }
    if (req.method === 'PATCH') {
      if (req.headers['content-type'] === 'application/json-patch+json') return send(res, 200, current);
      const merged = mergePatch(current, JSON.parse(req.body)) as Obj;
      return send(res, 200, this.put(route.collection, merged));
    }
    if (req.method === 'DELETE') {
      return send(res, 200, this.remove(route.collection, route.namespace, route.name ?? ''));
    }
    send(res, 405, statusBody(405, 'MethodNotAllowed', 'method not allowed'));
  }

  private selected(route: Route, labelSelector: string | null): Obj[] {
    const selector = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    return [...this.bucket(route.collection).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => o)
      .filter((o) => (!route.namespace || o.metadata.namespace === route.namespace) && (!selector || selector.matches(o.metadata.labels)));
  }

  private list(req: RecordedRequest, route: Route, res: http.ServerResponse): void {
    const q = req.url.searchParams;
    let offset = 0;
    let listRv = this.rev;
    const token = q.get('continue');
    if (token) {
      const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { rv: number; offset: number };
      if (parsed.rv <= this.compacted) {
        return send(res, 410, statusBody(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'));
      }
      offset = parsed.offset;
      listRv = parsed.rv;
    }
    const all = this.selected(route, q.get('labelSelector'));
    const limit = Number(q.get('limit') ?? 0);
    const items = limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
    const more = limit > 0 && offset + limit < all.length;
    const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
    if (more) metadata.continue = Buffer.from(JSON.stringify({ rv: listRv, offset: offset + limit })).toString('base64');
    send(res, 200, { kind: 'List', apiVersion: 'v1', metadata, items });
  }

  private watch(req: RecordedRequest, route: Route, res: http.ServerResponse): void {
    const q = req.url.searchParams;
    const rvParam = q.get('resourceVersion');
    const from = rvParam ? Number(rvParam) : 0;
    if (from > 0 && from < this.compacted) {
      const gone = statusBody(410, 'Expired', `too old resource version: ${from} (${this.compacted})`);
      if (this.expiredWatchAs === 'http') return send(res, 410, gone);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      this.writeEvent(res, { type: 'ERROR', object: gone });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    // As the apiserver does: the client learns the watch is established before any event.
    res.flushHeaders();
    const w: OpenWatch = { route, labelSelector: q.get('labelSelector') ?? undefined, res };
    if (from === 0) {
      for (const o of this.selected(route, q.get('labelSelector'))) this.writeEvent(res, { type: 'ADDED', object: o });
    } else {
      for (const e of this.history) {
        if (e.rev > from && this.matches(w, e)) this.writeEvent(res, { type: e.type, object: e.object });
      }
    }
    this.watches.add(w);
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    res.on('close', () => {
      clearTimeout(timer);
      this.watches.delete(w);
    });
  }

  private matches(w: OpenWatch, e: HistoryEvent): boolean {
    if (e.collection !== w.route.collection) return false;
    if (w.route.namespace && e.object.metadata.namespace !== w.route.namespace) return false;
    return !w.labelSelector || parseLabelSelector(w.labelSelector).matches(e.object.metadata.labels);
  }

  private record(type: HistoryEvent['type'], collection: string, object: Obj): void {
    const e: HistoryEvent = { rev: this.rev, type, collection, object };
    this.history.push(e);
    for (const w of this.watches) if (this.matches(w, e)) this.writeEvent(w.res, { type, object });
  }

  private writeEvent(res: http.ServerResponse, event: { type: string; object: unknown }): void {
    const text = JSON.stringify(event) + (this.omitNewlines ? '' : '\n');
    if (!this.splitWatchWrites) {
      res.write(text);
      return;
    }
    // Byte-wise, so multi-byte UTF-8 characters are split across chunks too.
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i++) res.write(bytes.subarray(i, i + 1));
  }

  private bucket(collection: string): Map<string, Obj> {
    let b = this.objects.get(collection);
    if (!b) this.objects.set(collection, (b = new Map()));
    return b;
  }
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** `/api/v1/namespaces/ns/pods/name/sub` → collection `v1/pods`, namespace, name, subresource. */
function parseRoute(pathname: string): Route | undefined {
  const segs = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let gv: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) [gv, rest] = [segs[1]!, segs.slice(2)];
  else if (segs[0] === 'apis' && segs.length >= 4) [gv, rest] = [`${segs[1]}/${segs[2]}`, segs.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1], rest.slice(2)];
  const [resource, name, subresource] = rest;
  if (!resource) return undefined;
  return { collection: `${gv}/${resource}`, namespace, name, subresource };
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
