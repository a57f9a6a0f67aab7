// Docker's event stream as the kubelet's "relist now" hint (a PLEG trigger): container start and
// die events for this node's containers only. The kubelet relists every second anyway, so a lost
// connection costs latency, not correctness; reconnects back off and give up after a bounded run
// of consecutive failures (the next subscriber starts over).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { Logger } from '@kubelite/client';
import { NODE_NAME_LABEL, POD_UID_LABEL } from '../labels.js';
import type { RuntimeEvent } from '../types.js';
import { LineSplitter } from '../lines.js';

const INITIAL_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
const MAX_CONSECUTIVE_FAILURES = 50;

interface DockerEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export function toRuntimeEvent(raw: DockerEvent): RuntimeEvent | undefined {
  const action = raw.Action ?? raw.status;
  const type = action === 'die' ? 'container-died' : action === 'start' ? 'container-started' : undefined;
  const containerId = raw.Actor?.ID ?? raw.id;
  if (!type || !containerId) return undefined;
  const podUid = raw.Actor?.Attributes?.[POD_UID_LABEL];
  return { type, containerId, ...(podUid ? { podUid } : {}) };
}

export class DockerEventWatcher {
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private abort: AbortController | undefined;
  private stream: Readable | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly docker: Docker,
    private readonly nodeName: string,
    private readonly logger: Logger,
  ) {}

  subscribe(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.closed && !this.abort && !this.timer) {
      this.failures = 0;
      this.connect();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.disconnect();
  }

  private disconnect(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = undefined;
    this.stream?.destroy();
    this.stream = undefined;
  }

  private connect(): void {
    const abort = new AbortController();
    this.abort = abort;
    const filters = { type: ['container' as const], event: ['start', 'die'], label: [`${NODE_NAME_LABEL}=${this.nodeName}`] };
    this.docker.getEvents({ filters, abortSignal: abort.signal }).then(
      (stream) => this.consume(stream as Readable, abort),
      (err: unknown) => this.retry(abort, err),
    );
  }

  private consume(stream: Readable, abort: AbortController): void {
    if (abort !== this.abort) {
      stream.destroy();
      return;
    }
    this.stream = stream;
    this.failures = 0;
    const lines = new LineSplitter();
    stream.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) this.dispatch(line);
    });
    stream.once('error', (err: unknown) => this.retry(abort, err));
    stream.once('end', () => this.retry(abort, new Error('event stream ended')));
  }

  private dispatch(line: Buffer): void {
    let event: RuntimeEvent | undefined;
    try {
      event = toRuntimeEvent(JSON.parse(line.toString('utf8')) as DockerEvent);
    } catch {
      return;
    }
    if (!event) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.logger.warn({ err }, 'runtime event listener failed');
      }
    }
  }

  private retry(abort: AbortController, err: unknown): void {
    if (abort !== this.abort || this.closed || this.listeners.size === 0) return;
    this.abort = undefined;
    this.stream = undefined;
    this.failures++;
    if (this.failures > MAX_CONSECUTIVE_FAILURES) {
      this.logger.error({ err }, 'docker event stream: giving up after repeated failures; relying on relist');
      return;
    }
    const delayMs = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (this.failures - 1));
    this.logger.warn({ err: String(err), delayMs }, 'docker event stream lost; reconnecting');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed && this.listeners.size > 0 && !this.abort) this.connect();
    }, delayMs);
    this.timer.unref();
  }
}
