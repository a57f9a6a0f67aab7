// Writes one container instance's log as the kubelet's chunked text/plain answer: headers flushed
// at once (a follow on a quiet container must not look like a hung kubelet), each line as it
// arrives, `timestamps` as a 9-digit RFC3339 prefix, `limitBytes` cut wherever it falls, and the
// runtime's reader stopped as soon as the client goes away.
import type { ServerResponse } from 'node:http';
import type { Logger } from '@kubelite/client';
import type { LogLine } from '../runtime/types.js';
import { logSince, type LogRequest } from './log-options.js';
import type { LogTarget } from './log-target.js';

const CLOSED = Symbol('closed');

function waitDrainOrClose(res: ServerResponse, closed: Promise<typeof CLOSED>): Promise<unknown> {
  return Promise.race([new Promise((r) => res.once('drain', r)), closed]);
}

function render(line: LogLine, timestamps: boolean): Buffer {
  return timestamps ? Buffer.concat([Buffer.from(`${line.timestamp} `), line.line]) : line.line;
}

export async function streamLogs(res: ServerResponse, target: LogTarget, r: LogRequest, log: Logger): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache, private' });
  res.flushHeaders();
  const closed = new Promise<typeof CLOSED>((resolve) => res.once('close', () => resolve(CLOSED)));
  const since = logSince(r);
  const abort = new AbortController();
  void closed.then(() => abort.abort());
  const lines = target.runtime.logs(target.containerId, {
    follow: r.follow,
    signal: abort.signal,
    ...(r.tailLines !== undefined ? { tailLines: r.tailLines } : {}),
    ...(since ? { since } : {}),
  });
  const it = lines[Symbol.asyncIterator]();
  let remaining = r.limitBytes ?? Infinity;
  try {
    while (remaining > 0) {
      const pending = it.next();
      // Left behind when the client goes first: its failure is of no interest then.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, closed]);
      if (next === CLOSED || next.done) break;
      let chunk = render(next.value, r.timestamps);
      if (chunk.length > remaining) chunk = chunk.subarray(0, remaining);
      remaining -= chunk.length;
      if (!res.write(chunk) && (await waitDrainOrClose(res, closed)) === CLOSED) break;
    }
  } catch (err) {
    // Headers are out already: like upstream, the reason is the last thing in the body.
    const message = err instanceof Error ? err.message : String(err);
    log.warn({ err: message, containerId: target.containerId }, 'reading container logs failed');
    if (!res.destroyed) res.write(message);
  } finally {
    // Also when the limit was reached: the runtime stops reading either way.
    abort.abort();
    void Promise.resolve(it.return?.()).catch(() => undefined);
    if (!res.destroyed) res.end();
  }
}
