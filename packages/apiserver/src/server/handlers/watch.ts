// Watch: a chunked stream of newline-delimited JSON events (`{"type":…,"object":…}`), one flush
// per event, closed after `timeoutSeconds` (or Kubernetes' randomised default) so clients
// re-watch and load spreads over apiservers. A too-old resourceVersion is an ERROR event with a
// 410 Expired Status inside a 200 stream, as kube-apiserver answers.
import type { ServerResponse } from 'node:http';
import type { Status } from '@kubelite/api';
import type { WatchEvent, Watcher } from '../../storage/index.js';
import type { Registry } from '../../registry/generic.js';
import type { KObject } from '../../registry/strategy.js';
import { serializeOnce } from '../../watchcache/index.js';
import { tableOf } from './output.js';
import type { Call } from './crud.js';
import { predicateFor } from './crud.js';
import { boolParam, intParam, param } from './request.js';

/** kube-apiserver's --min-request-timeout: watches last between 1x and 2x this when no timeout is asked for. */
const MIN_REQUEST_TIMEOUT_S = 1800;
/** A client that stops reading is cut off after this long with a full socket buffer. */
const DRAIN_TIMEOUT_MS = 30_000;

export interface WatchObserver {
  opened(reg: Registry): void;
  closed(reg: Registry): void;
}

function eventObject(c: Call, ev: WatchEvent, first: boolean): unknown {
  if (ev.type === 'ERROR') return ev.object as unknown as Status;
  const obj = ev.object as KObject;
  if (ev.type === 'BOOKMARK') {
    return { kind: c.reg.resource.kind, apiVersion: c.reg.apiVersion, metadata: { resourceVersion: ev.resourceVersion } };
  }
  if (c.format.kind === 'table') return tableOf(c.reg, [obj], c.format, c.query, { resourceVersion: obj.metadata.resourceVersion ?? '' }, !first);
  return obj;
}

function waitDrain(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    const timer = setTimeout(() => done(false), DRAIN_TIMEOUT_MS);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Events that reach a watcher in the same turn of the event loop leave in one TLS record and one
 * write: the socket stays corked until the turn ends. (Node's own cork lasts one tick, and the
 * watch loop takes a tick per event.)
 */
function writeCoalesced(res: ServerResponse, line: string): boolean {
  const socket = res.socket;
  if (socket && socket.writableCorked === 0) {
    socket.cork();
    setImmediate(() => socket.uncork());
  }
  return res.write(line);
}

export async function watch(c: Call, observer: WatchObserver): Promise<void> {
  const predicate = predicateFor(c.reg, c.query, c.name || undefined);
  const rv = param(c.query, 'resourceVersion');
  const watcher: Watcher = await c.reg.watch(c.ctx, {
    ...(rv !== undefined ? { resourceVersion: rv } : {}),
    ...(predicate ? { predicate } : {}),
    allowBookmarks: boolParam(c.query, 'allowWatchBookmarks'),
  });
  const timeoutS = intParam(c.query, 'timeoutSeconds') ?? Math.round(MIN_REQUEST_TIMEOUT_S * (1 + Math.random()));
  c.reply.hijack();
  const res = c.reply.raw;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  const timer = setTimeout(() => watcher.close(), timeoutS * 1000);
  const onClose = (): void => watcher.close();
  res.on('close', onClose);
  observer.opened(c.reg);
  try {
    let first = true;
    for await (const ev of watcher) {
      if (res.destroyed) break;
      const encode = (e: WatchEvent): string => `${JSON.stringify({ type: e.type, object: eventObject(c, e, first) })}\n`;
      // The cache hands one event object to every watcher: a JSON line is encoded once for all.
      const line = c.format.kind === 'json' && ev.type !== 'BOOKMARK' ? serializeOnce(ev, 'json', encode) : encode(ev);
      if (ev.type !== 'BOOKMARK' && ev.type !== 'ERROR') first = false;
      if (!writeCoalesced(res, line) && !(await waitDrain(res))) break;
      if (ev.type === 'ERROR') break;
    }
  } finally {
    clearTimeout(timer);
    res.off('close', onClose);
    watcher.close();
    observer.closed(c.reg);
    if (!res.destroyed) res.end();
  }
}
