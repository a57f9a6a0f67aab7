// A SPDY/3.1 session over any byte transport (a raw upgraded socket, or WebSocket binary
// messages): streams opened by the peer are answered with SYN_REPLY and handed over as Duplex
// streams; DATA and FIN map onto the stream's readable side, writes and end() onto frames.
// Frames are handled strictly in arrival order and sent strictly in creation order, because
// each direction shares one zlib context. Flow control is not enforced (spdystream, kubectl's
// implementation, neither sends nor honours WINDOW_UPDATE).
import { Duplex } from 'node:stream';
import type { Logger } from '@kubelite/client';
import { portForwardError } from './errors.js';
import {
  ControlType,
  FLAG_FIN,
  FrameParser,
  RstStatus,
  encodeControl,
  encodeData,
  goAwayPayload,
  headerBlockOffset,
  pingPayload,
  rstStreamPayload,
  streamIdOf,
  synReplyPayload,
  synStreamPayload,
  type Frame,
} from './frames.js';
import { HeaderZlib, decodeHeaderBlock, encodeHeaderBlock, type SpdyHeaders } from './header-block.js';

export interface SpdyTransport {
  /** Sends bytes; resolves once they are handed to the network, which is our backpressure. */
  send(bytes: Buffer): Promise<void>;
  close(): void;
}

export interface SpdySessionOptions {
  /** Servers use even stream and ping ids, clients odd ones. */
  server: boolean;
  log: Logger;
  /** A stream the peer opened, already replied to. */
  onStream?: (stream: SpdyStream) => void;
}

/** Largest DATA frame we write; the wire allows 16 MiB but small frames keep streams interleaved. */
const DATA_CHUNK = 64 * 1024;

export class SpdyStream extends Duplex {
  private localFin = false;
  private remoteFin = false;
  private resetByPeer = false;

  constructor(
    readonly id: number,
    readonly headers: SpdyHeaders,
    private readonly session: SpdySession,
  ) {
    super({ allowHalfOpen: true });
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.session.sendData(this.id, chunk, false).then(() => cb(), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.localFin = true;
    this.session.sendData(this.id, Buffer.alloc(0), true).then(() => cb(), cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    const halfOpen = !(this.localFin && this.remoteFin);
    this.session.forget(this, halfOpen && !this.resetByPeer);
    cb(err);
  }

  /** @internal the session delivers the peer's frames here. */
  peerData(data: Buffer, fin: boolean): void {
    if (this.remoteFin) return;
    if (data.length > 0) this.push(data);
    if (fin) {
      this.remoteFin = true;
      this.push(null);
    }
  }

  /** @internal */
  peerReset(): void {
    this.resetByPeer = true;
    this.destroy();
  }
}

export class SpdySession {
  private readonly parser = new FrameParser();
  private readonly inflater = HeaderZlib.inflater();
  private readonly deflater = HeaderZlib.deflater();
  private readonly streams = new Map<number, SpdyStream>();
  private incoming: Promise<void> = Promise.resolve();
  private outgoing: Promise<unknown> = Promise.resolve();
  private nextId: number;
  private lastPeerId = 0;
  private goneAway = false;
  private closed = false;

  constructor(
    private readonly transport: SpdyTransport,
    private readonly opts: SpdySessionOptions,
  ) {
    this.nextId = opts.server ? 2 : 1;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Bytes from the transport, in order. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.parser.push(chunk);
    } catch (err) {
      return this.fail(err);
    }
    for (const frame of frames) {
      this.incoming = this.incoming.then(() => (this.closed ? undefined : this.handle(frame))).catch((err: unknown) => this.fail(err));
    }
  }

  /** Opens a stream to the peer (the client side of port-forward; used by tests). */
  openStream(headers: SpdyHeaders, opts: { fin?: boolean } = {}): SpdyStream {
    const id = this.nextId;
    this.nextId += 2;
    const stream = new SpdyStream(id, headers, this);
    this.streams.set(id, stream);
    const block = encodeHeaderBlock(headers);
    void this.enqueue(async () => encodeControl(ControlType.synStream, opts.fin ? FLAG_FIN : 0, synStreamPayload(id, await this.deflater.process(block)))).catch(() => stream.destroy());
    if (opts.fin) stream.end();
    return stream;
  }

  /** Ends the session: every stream is dropped and the transport closed. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.streams.values()]) s.destroy();
    this.streams.clear();
    this.inflater.close();
    this.deflater.close();
    this.transport.close();
  }

  /** @internal */
  sendData(streamId: number, data: Buffer, fin: boolean): Promise<void> {
    if (data.length === 0) return this.enqueue(() => encodeData(streamId, fin ? FLAG_FIN : 0, data));
    const sends: Promise<void>[] = [];
    for (let at = 0; at < data.length; at += DATA_CHUNK) {
      const last = at + DATA_CHUNK >= data.length;
      const part = data.subarray(at, at + DATA_CHUNK);
      sends.push(this.enqueue(() => encodeData(streamId, fin && last ? FLAG_FIN : 0, part)));
    }
    return Promise.all(sends).then(() => undefined);
  }

  /** @internal a stream is gone; `reset` tells the peer it was abandoned half way. */
  forget(stream: SpdyStream, reset: boolean): void {
    if (this.streams.get(stream.id) !== stream) return;
    this.streams.delete(stream.id);
    if (reset && !this.closed) void this.enqueue(() => encodeControl(ControlType.rstStream, 0, rstStreamPayload(stream.id, RstStatus.cancel))).catch(() => undefined);
  }

  private enqueue(make: () => Buffer | Promise<Buffer>): Promise<void> {
    const step = this.outgoing.then(async () => {
      const bytes = await make();
      if (this.closed) throw portForwardError('FRAME_INVALID', 'session closed');
      return { sent: this.transport.send(bytes) };
    });
    this.outgoing = step.catch(() => undefined);
    return step.then((s) => s.sent);
  }

  private async handle(frame: Frame): Promise<void> {
    if (!frame.control) return this.streams.get(frame.streamId)?.peerData(frame.data, (frame.flags & FLAG_FIN) !== 0);
    switch (frame.type) {
      case ControlType.synStream:
        return this.onSynStream(frame.payload, frame.flags);
      case ControlType.synReply:
      case ControlType.headers:
        // Nothing in them matters to port-forward, but they advance the zlib context.
        await this.inflate(frame.type, frame.payload);
        if ((frame.flags & FLAG_FIN) !== 0) this.streams.get(streamIdOf(frame.payload))?.peerData(Buffer.alloc(0), true);
        return;
      case ControlType.rstStream:
        return this.streams.get(streamIdOf(frame.payload))?.peerReset();
      case ControlType.ping:
        return this.onPing(frame.payload);
      case ControlType.goAway:
        this.goneAway = true;
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown types carry nothing we act on (§2.2.1: ignore).
        return;
    }
  }

  private async inflate(type: number, payload: Buffer): Promise<SpdyHeaders> {
    const offset = headerBlockOffset(type);
    if (payload.length < offset) throw portForwardError('FRAME_INVALID', `control frame type ${type} too short`);
    return decodeHeaderBlock(await this.inflater.process(payload.subarray(offset)));
  }

  private async onSynStream(payload: Buffer, flags: number): Promise<void> {
    // Decompress first, even for a stream we refuse: the zlib context must see every block.
    const headers = await this.inflate(ControlType.synStream, payload);
    const id = streamIdOf(payload);
    const peerParity = this.opts.server ? 1 : 0;
    if (id === 0 || id % 2 !== peerParity || id <= this.lastPeerId || this.goneAway) {
      await this.enqueue(() => encodeControl(ControlType.rstStream, 0, rstStreamPayload(id, this.goneAway ? RstStatus.refusedStream : RstStatus.protocolError)));
      return;
    }
    this.lastPeerId = id;
    const stream = new SpdyStream(id, headers, this);
    this.streams.set(id, stream);
    const reply = encodeHeaderBlock({});
    void this.enqueue(async () => encodeControl(ControlType.synReply, 0, synReplyPayload(id, await this.deflater.process(reply)))).catch(() => stream.destroy());
    if ((flags & FLAG_FIN) !== 0) stream.peerData(Buffer.alloc(0), true);
    this.opts.onStream?.(stream);
  }

  private onPing(payload: Buffer): void {
    if (payload.length < 4) throw portForwardError('FRAME_INVALID', 'PING too short');
    const id = payload.readUInt32BE(0);
    // Echo the peer's pings; ours (same parity as our stream ids) coming back need no answer.
    const fromPeer = id % 2 === (this.opts.server ? 1 : 0);
    if (fromPeer) void this.enqueue(() => encodeControl(ControlType.ping, 0, pingPayload(id))).catch(() => undefined);
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    this.opts.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'SPDY session failed');
    const goAway = encodeControl(ControlType.goAway, 0, goAwayPayload(this.lastPeerId, 1));
    void this.transport.send(goAway).catch(() => undefined).finally(() => this.close());
  }
}
