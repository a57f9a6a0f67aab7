// The exec/attach query (remotecommand NewOptions): which streams the client wants, whether a
// TTY is asked for, and the command (one `command` parameter per argv element). The API server
// sends "1" for true; "true" is accepted too so a hand-made request behaves as meant.
import type { StreamOptions } from '../runtime/types.js';
import { serverError } from './errors.js';

const flag = (q: URLSearchParams, name: string): boolean => {
  const v = q.get(name);
  return v === '1' || v === 'true';
};

export function parseStreamOptions(q: URLSearchParams): StreamOptions {
  const tty = flag(q, 'tty');
  const stdin = flag(q, 'stdin');
  const stdout = flag(q, 'stdout');
  // A terminal has one output stream: stderr is folded into stdout, so it is not offered apart.
  const stderr = flag(q, 'stderr') && !tty;
  if (!stdin && !stdout && !stderr) throw serverError('NO_STREAMS');
  return { stdin, stdout, stderr, tty };
}

export const commandOf = (q: URLSearchParams): string[] => q.getAll('command');
