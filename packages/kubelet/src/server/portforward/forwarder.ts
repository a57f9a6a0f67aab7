// The kubelet side of port-forward (upstream's httpstream portforward handler): kubectl opens,
// per local connection, an "error" and a "data" stream sharing a requestID and a port. Once both
// are here the data stream is joined to a TCP connection to the pod's port; a failure is written
// as text on the error stream. Both streams are finished (FIN) when the pod side is done.
import { connect, type Socket } from 'node:net';
import type { Logger } from '@kubelite/client';
import { portForwardError } from './errors.js';
import type { SpdyStream } from './session.js';

export const StreamHeader = { type: 'streamtype', port: 'port', requestId: 'requestid' } as const;
export const StreamType = { error: 'error', data: 'data' } as const;

/** Where the pod listens; throws (with the reason) when it cannot be reached now. */
export interface ForwardTarget {
  podFullName: string;
  uid: string;
  host(): string;
}

export interface ForwarderOptions {
  log: Logger;
  /** How long the first stream of a pair waits for the other (upstream's stream creation timeout). */
  pairTimeoutMs?: number;
  connectTimeoutMs?: number;
}

interface Pair {
  error?: SpdyStream;
  data?: SpdyStream;
  timer: NodeJS.Timeout;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A stream's pairing key: its requestID, or for clients that send none, derived from stream ids as upstream does. */
export function requestIdOf(stream: SpdyStream): string {
  const id = stream.headers[StreamHeader.requestId];
  if (id !== undefined && id !== '') return id;
  return String(stream.headers[StreamHeader.type] === StreamType.data ? stream.id - 2 : stream.id);
}

export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') throw portForwardError('STREAM_HEADER_MISSING', StreamHeader.port);
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw portForwardError('BAD_PORT', value);
  return port;
}

export class PortForwarder {
  private readonly pairs = new Map<string, Pair>();
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: ForwardTarget,
    private readonly opts: ForwarderOptions,
  ) {}

  /** Takes every stream the client opens on the session. */
  onStream(stream: SpdyStream): void {
    const type = stream.headers[StreamHeader.type];
    if (type !== StreamType.error && type !== StreamType.data) {
      this.opts.log.debug({ stream: stream.id, type }, 'port-forward stream of unknown type reset');
      stream.destroy();
      return;
    }
    if (type === StreamType.error) stream.resume(); // the client never writes on it; take its FIN
    stream.on('error', (err) => this.opts.log.debug({ err: messageOf(err), stream: stream.id }, 'port-forward stream error'));
    const key = requestIdOf(stream);
    const pair = this.pairs.get(key) ?? this.newPair(key);
    if (pair[type]) {
      stream.destroy(); // a second stream of the same kind for one request is a client bug
      return;
    }
    pair[type] = stream;
    if (pair.error && pair.data) {
      clearTimeout(pair.timer);
      this.pairs.delete(key);
      this.forward(pair.data, pair.error);
    }
  }

  /** Drops pending pairs and open connections (the session ended). */
  close(): void {
    for (const pair of this.pairs.values()) {
      clearTimeout(pair.timer);
      pair.error?.destroy();
      pair.data?.destroy();
    }
    this.pairs.clear();
    for (const s of this.sockets) s.destroy();
  }

  private newPair(key: string): Pair {
    const timer = setTimeout(() => {
      const pair = this.pairs.get(key);
      this.pairs.delete(key);
      this.opts.log.warn({ requestId: key }, portForwardError('PAIR_TIMEOUT', key).message);
      pair?.error?.destroy();
      pair?.data?.destroy();
    }, this.opts.pairTimeoutMs ?? 30_000);
    timer.unref();
    const pair: Pair = { timer };
    this.pairs.set(key, pair);
    return pair;
  }

  private forward(data: SpdyStream, error: SpdyStream): void {
    let port = 0;
    let host: string;
    try {
      port = parsePort(data.headers[StreamHeader.port]);
      host = this.target.host();
    } catch (err) {
      return this.fail(data, error, port, err);
    }
    const socket = connect({ host, port });
    this.sockets.add(socket);
    socket.setTimeout(this.opts.connectTimeoutMs ?? 10_000, () => socket.destroy(new Error(`dial tcp ${host}:${port}: i/o timeout`)));
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      socket.setTimeout(0);
      socket.setNoDelay(true);
      data.pipe(socket);
      socket.pipe(data);
    });
    socket.on('error', (err) => {
      if (!connected) this.fail(data, error, port, new Error(`failed to connect to ${host}:${port}: ${err.message}`));
      else this.opts.log.debug({ err: err.message, port }, 'port-forward connection error');
    });
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (!connected) return;
      // The pod side is done: whatever the client still sends has nowhere to go.
      data.unpipe(socket);
      data.resume();
      if (!data.writableEnded) data.end();
      if (!error.writableEnded) error.end();
    });
    data.once('close', () => socket.destroy());
  }

  private fail(data: SpdyStream, error: SpdyStream, port: number, err: unknown): void {
    const message = portForwardError('FORWARD_FAILED', port, this.target.podFullName, this.target.uid, messageOf(err)).message;
    this.opts.log.info({ port, pod: this.target.podFullName, err: messageOf(err) }, 'port-forward failed');
    if (!error.writableEnded) error.end(message);
    data.resume();
    if (!data.writableEnded) data.end();
  }
}
