// Container logs from Docker's json-file store through the logs API with `timestamps=1`: Docker
// prefixes every message with its 9-digit RFC3339 time and applies tail, then since, itself.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { toRfc3339Nano, nowRfc3339Nano } from '../log-time.js';
import type { LogLine, LogOptions } from '../types.js';
import { LineSplitter } from '../lines.js';
import { FrameParser } from './frames.js';

/** Splits `<time> <text>`; a piece with no time (a continuation) gets the previous one. */
export function parseTimestamped(stream: LogLine['stream'], raw: Buffer, previous: string | undefined): LogLine {
  const space = raw.indexOf(32);
  const ts = space > 0 ? toRfc3339Nano(raw.subarray(0, space).toString('latin1')) : undefined;
  if (ts === undefined) return { stream, timestamp: previous ?? nowRfc3339Nano(), line: raw };
  return { stream, timestamp: ts, line: raw.subarray(space + 1) };
}

/** Docker's `since` is Unix seconds with an optional fraction. */
export function dockerSince(since: Date): string {
  return (since.getTime() / 1000).toFixed(3);
}

/** One message per frame (non-TTY), split further only if a message holds several lines. */
class FramedLogDecoder {
  private readonly frames = new FrameParser();
  private last: string | undefined;

  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    for (const frame of this.frames.push(chunk)) {
      const splitter = new LineSplitter();
      const pieces = splitter.push(frame.payload);
      const tail = splitter.flush();
      if (tail) pieces.push(tail);
      for (const piece of pieces) {
        const line = parseTimestamped(frame.stream, piece, this.last);
        this.last = line.timestamp;
        out.push(line);
      }
    }
    return out;
  }

  flush(): LogLine[] {
    return [];
  }
}

/** A TTY container's log is one raw stream (all stdout): split on newlines. */
class RawLogDecoder {
  private readonly lines = new LineSplitter();
  private last: string | undefined;

  push(chunk: Buffer): LogLine[] {
    return this.lines.push(chunk).map((raw) => this.toLine(raw));
  }

  flush(): LogLine[] {
    const rest = this.lines.flush();
    return rest ? [this.toLine(rest)] : [];
  }

  private toLine(raw: Buffer): LogLine {
    const line = parseTimestamped('stdout', raw, this.last);
    this.last = line.timestamp;
    return line;
  }
}

export async function* readDockerLogs(docker: Docker, id: string, tty: boolean, options: LogOptions): AsyncGenerator<LogLine> {
  const container = docker.getContainer(id);
  const query = {
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(options.tailLines !== undefined ? { tail: Math.max(0, options.tailLines) } : {}),
    ...(options.since ? { since: dockerSince(options.since) } : {}),
  };
  const decoder = tty ? new RawLogDecoder() : new FramedLogDecoder();
  if (!options.follow) {
    const body = await container.logs({ ...query, follow: false });
    yield* decoder.push(Buffer.isBuffer(body) ? body : Buffer.from(String(body)));
    yield* decoder.flush();
    return;
  }
  const stream = (await container.logs({ ...query, follow: true })) as Readable;
  // A follower that went away must not keep Docker's stream open until the container speaks again.
  const abort = (): void => void stream.destroy();
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) abort();
  try {
    for await (const chunk of stream) yield* decoder.push(chunk as Buffer);
    yield* decoder.flush();
  } catch (err) {
    if (!options.signal?.aborted) throw err;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    stream.destroy();
  }
}
