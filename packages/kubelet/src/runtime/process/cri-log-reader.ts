// Reads a CRI log file the way the kubelet serves `kubectl logs`: tail first (found by scanning
// back from the end, so a long log costs little), then since, then optionally follow the file
// until the container is done. Following polls the file size; each wait is short and the loop
// ends when the container has exited and the file is drained, or the file disappears.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { LineSplitter } from '../lines.js';
import { timestampMs } from '../log-time.js';
import type { LogLine, LogOptions } from '../types.js';
import { parseRecord } from './cri-log.js';

const CHUNK = 64 * 1024;
export const FOLLOW_POLL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Byte offset where the last `lines` records start (0 if the file has fewer). */
export async function tailOffset(fh: FileHandle, size: number, lines: number): Promise<number> {
  if (lines <= 0) return size;
  let seen = 0;
  let end = size;
  const buf = Buffer.alloc(CHUNK);
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const { bytesRead } = await fh.read(buf, 0, end - start, start);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== 10) continue;
      // The newline ending the very last record does not separate records.
      if (start + i === size - 1) continue;
      if (++seen === lines) return start + i + 1;
    }
    end = start;
  }
  return 0;
}

function toLogLine(raw: Buffer, sinceMs: number | undefined): LogLine | undefined {
  const record = parseRecord(raw[raw.length - 1] === 10 ? raw.subarray(0, raw.length - 1) : raw);
  if (!record) return undefined;
  if (sinceMs !== undefined && timestampMs(record.timestamp) < sinceMs) return undefined;
  const line = record.partial ? record.content : Buffer.concat([record.content, Buffer.from('\n')]);
  return { stream: record.stream, timestamp: record.timestamp, line };
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/**
 * Yields the file's records as LogLines. `isDone` says whether the writer has finished (the
 * container exited); it is asked only when following and the file has stopped growing.
 */
export async function* readCriLog(path: string, options: LogOptions, isDone: () => Promise<boolean>): AsyncGenerator<LogLine> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !options.follow) return;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // Following a log not yet written: wait for it like for more lines.
    while (!options.signal?.aborted && !(await isDone()) && (await fileSize(path)) === undefined) await sleep(FOLLOW_POLL_MS);
    if ((await fileSize(path)) === undefined) return;
    fh = await open(path, 'r');
  }
  const sinceMs = options.since?.getTime();
  const lines = new LineSplitter();
  try {
    const { size } = await fh.stat();
    let position = options.tailLines !== undefined ? await tailOffset(fh, size, options.tailLines) : 0;
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, position);
      if (bytesRead > 0) {
        position += bytesRead;
        for (const raw of lines.push(Buffer.from(buf.subarray(0, bytesRead)))) {
          const line = toLogLine(raw, sinceMs);
          if (line) yield line;
        }
        continue;
      }
      // A follower that went away stops the polling (the file stays open otherwise).
      if (!options.follow || options.signal?.aborted) break;
      // Read once more after seeing "done": the last lines may have landed just before.
      const done = await isDone();
      const grown = ((await fileSize(path)) ?? -1) > position;
      if (grown) continue;
      if (done || (await fileSize(path)) === undefined) break;
      await sleep(FOLLOW_POLL_MS);
    }
  } finally {
    await fh.close();
  }
}
