// One exec or attach over an upgraded WebSocket: client messages go to the runtime session
// (stdin, resize, v5's stdin close), the session's output goes out on channels 1 and 2, and when
// it ends, after all output has been sent, the outcome goes on channel 3 and the socket closes
// normally — kubectl turns an abnormal close into an error, whatever the command did.
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { WebSocket, RawData } from 'ws';
import type { Logger } from '@kubelite/client';
import type { StreamSession } from '../runtime/types.js';
import { Channel, frame, hasCloseChannel, internalErrorStatus, statusFrame, type ChannelProtocol, type StreamStatus } from './channel.js';

/** Output still buffered in the socket above this pauses the runtime's stream. */
const HIGH_WATER_BYTES = 1 << 20;
/** How long output may keep arriving after the command ended before the status is sent anyway. */
const OUTPUT_DRAIN_MS = 5_000;

export interface RemoteCommand {
  ws: WebSocket;
  protocol: ChannelProtocol;
  log: Logger;
  start(): Promise<StreamSession>;
  /** The status for a session that ended with this exit code. */
  outcome(exitCode: number): StreamStatus;
  /** The message for a runtime failure ("error executing command in container: …"). */
  failure(err: unknown): string;
}

const OPEN = 1;

function send(ws: WebSocket, data: Buffer): Promise<void> {
  if (ws.readyState !== OPEN) return Promise.resolve();
  return new Promise((resolve) => ws.send(data, { binary: true }, () => resolve()));
}

function pump(ws: WebSocket, stream: Readable | undefined, channel: number): Promise<void> {
  if (!stream) return Promise.resolve();
  stream.on('data', (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    void send(ws, frame(channel, data)).then(() => {
      if (stream.isPaused() && ws.bufferedAmount < HIGH_WATER_BYTES) stream.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER_BYTES) stream.pause();
  });
  return finished(stream).catch(() => undefined);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Routes one client message; before the session exists, messages wait in `queue`. */
function onClientMessage(c: RemoteCommand, session: StreamSession, data: Buffer): void {
  if (data.length === 0) return;
  const payload = data.subarray(1);
  switch (data[0]) {
    case Channel.stdin:
      if (payload.length > 0 && session.stdin && !session.stdin.writableEnded) session.stdin.write(payload);
      break;
    case Channel.resize: {
      try {
        const size = JSON.parse(payload.toString('utf8')) as { Width?: number; Height?: number };
        if (size.Width && size.Height) session.resize(size.Width, size.Height).catch((err: unknown) => c.log.debug({ err }, 'resize failed'));
      } catch {
        c.log.debug('ignoring a malformed resize message');
      }
      break;
    }
    case Channel.close:
      if (hasCloseChannel(c.protocol) && payload[0] === Channel.stdin) session.stdin?.end();
      break;
    default:
      break;
  }
}

async function finish(c: RemoteCommand, status: StreamStatus): Promise<void> {
  const message = statusFrame(c.protocol, status);
  if (message) await send(c.ws, message);
  if (c.ws.readyState === OPEN) c.ws.close(1000);
}

export async function serveRemoteCommand(c: RemoteCommand): Promise<void> {
  const queue: Buffer[] = [];
  let session: StreamSession | undefined;
  let clientGone = false;
  let onGone: () => void = () => undefined;
  const gone = new Promise<'gone'>((resolve) => (onGone = () => resolve('gone')));
  c.ws.on('message', (data: RawData) => {
    const buf = toBuffer(data);
    if (session) onClientMessage(c, session, buf);
    else queue.push(buf);
  });
  c.ws.on('close', () => {
    clientGone = true;
    session?.close();
    onGone();
  });
  c.ws.on('error', (err) => c.log.debug({ err }, 'stream socket error'));
  try {
    session = await c.start();
  } catch (err) {
    return finish(c, internalErrorStatus(c.failure(err)));
  }
  if (clientGone) return session.close();
  for (const buf of queue.splice(0)) onClientMessage(c, session, buf);
  const output = Promise.all([pump(c.ws, session.stdout, Channel.stdout), pump(c.ws, session.stderr, Channel.stderr)]);
  let status: StreamStatus;
  try {
    // Nobody is left to tell how it ended: the session was closed when the client went.
    const ended = await Promise.race([session.wait(), gone]);
    if (ended === 'gone') return;
    status = c.outcome(ended.exitCode);
  } catch (err) {
    status = internalErrorStatus(c.failure(err));
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([output, new Promise((r) => (timer = setTimeout(r, OUTPUT_DRAIN_MS)))]);
  clearTimeout(timer);
  await finish(c, status);
}
