// `kubectl attach` to a host process: there is no terminal to join, so attaching means following
// the container's output from now on (stdin is refused by the caller).
import { PassThrough } from 'node:stream';
import type { StreamOptions, StreamSession } from '../types.js';
import { readCriLog } from './cri-log-reader.js';
import { waitFor } from './proc.js';
import type { ExitRecord } from './store.js';

/** How often wait() looks for the exit record; bounded per attempt, ends with the process. */
const EXIT_POLL_MS = 100;

export function logAttach(logPath: string, options: StreamOptions, exitOf: () => ExitRecord | undefined): StreamSession {
  const stdout = options.stdout ? new PassThrough() : undefined;
  const stderr = options.stderr && !options.tty ? new PassThrough() : undefined;
  let closed = false;
  const lines = readCriLog(logPath, { follow: true, tailLines: 0 }, async () => closed || exitOf() !== undefined);
  void (async () => {
    try {
      for await (const l of lines) {
        if (closed) break;
        const target = l.stream === 'stderr' && !options.tty ? stderr : stdout;
        target?.write(l.line);
      }
    } catch (err) {
      stdout?.destroy(err as Error);
    } finally {
      stdout?.end();
      stderr?.end();
    }
  })();
  return {
    stdout,
    stderr,
    resize: async () => undefined,
    async wait() {
      await waitFor(() => closed || exitOf() !== undefined, Number.MAX_SAFE_INTEGER, EXIT_POLL_MS);
      return { exitCode: exitOf()?.exitCode ?? 0 };
    },
    close() {
      closed = true;
    },
  };
}
