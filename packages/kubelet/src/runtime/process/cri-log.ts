// The CRI container log format (what containerd writes and the kubelet reads):
//   <RFC3339Nano time> <stdout|stderr> <F|P> <content>\n
// F ends a line; P is a piece of a longer or unfinished line whose newline has not come (yet).
import { writeSync } from 'node:fs';
import { nowRfc3339Nano } from '../log-time.js';

export type LogStream = 'stdout' | 'stderr';

export interface CriRecord {
  timestamp: string;
  stream: LogStream;
  partial: boolean;
  content: Buffer;
}

/** Longest piece written as one record; longer lines become P records. */
export const MAX_RECORD_BYTES = 16 * 1024;

export function formatRecord(timestamp: string, stream: LogStream, partial: boolean, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp} ${stream} ${partial ? 'P' : 'F'} `), content, Buffer.from('\n')]);
}

/** Parses one record (without its trailing newline); undefined for anything malformed. */
export function parseRecord(line: Buffer): CriRecord | undefined {
  const s1 = line.indexOf(32);
  const s2 = s1 < 0 ? -1 : line.indexOf(32, s1 + 1);
  const s3 = s2 < 0 ? -1 : line.indexOf(32, s2 + 1);
  const end = s3 < 0 ? line.length : s3;
  if (s1 <= 0 || s2 <= 0) return undefined;
  const stream = line.subarray(s1 + 1, s2).toString('latin1');
  const tag = line.subarray(s2 + 1, end).toString('latin1');
  if ((stream !== 'stdout' && stream !== 'stderr') || (tag !== 'F' && tag !== 'P')) return undefined;
  return {
    timestamp: line.subarray(0, s1).toString('latin1'),
    stream,
    partial: tag === 'P',
    content: s3 < 0 ? Buffer.alloc(0) : line.subarray(s3 + 1),
  };
}

/**
 * Appends a process's output to a CRI log file in arrival order. Whole lines are written at once
 * (synchronously: one writer, and order across the two streams is the point); an unfinished
 * line waits for its newline unless it outgrows MAX_RECORD_BYTES or the process ends.
 */
export class CriLogWriter {
  private readonly pending: Record<LogStream, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };

  constructor(
    private readonly fd: number,
    private readonly now: () => string = nowRfc3339Nano,
  ) {}

  write(stream: LogStream, chunk: Buffer): void {
    let data = this.pending[stream].length ? Buffer.concat([this.pending[stream], chunk]) : chunk;
    const out: Buffer[] = [];
    const ts = this.now();
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10)) {
      this.line(out, ts, stream, data.subarray(0, nl));
      data = data.subarray(nl + 1);
    }
    while (data.length > MAX_RECORD_BYTES) {
      out.push(formatRecord(ts, stream, true, data.subarray(0, MAX_RECORD_BYTES)));
      data = data.subarray(MAX_RECORD_BYTES);
    }
    this.pending[stream] = Buffer.from(data);
    if (out.length) writeSync(this.fd, Buffer.concat(out));
  }

  /** Writes unfinished lines as P records (the process is gone; no newline will come). */
  flush(): void {
    const ts = this.now();
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.pending[stream].length === 0) continue;
      writeSync(this.fd, formatRecord(ts, stream, true, this.pending[stream]));
      this.pending[stream] = Buffer.alloc(0);
    }
  }

  private line(out: Buffer[], ts: string, stream: LogStream, line: Buffer): void {
    let rest = line;
    while (rest.length > MAX_RECORD_BYTES) {
      out.push(formatRecord(ts, stream, true, rest.subarray(0, MAX_RECORD_BYTES)));
      rest = rest.subarray(MAX_RECORD_BYTES);
    }
    out.push(formatRecord(ts, stream, false, rest));
  }
}
