import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'text';
export type { Logger };

/** JSON logs by default; `text` for humans. */
export function createLogger(name: string, format: LogFormat = 'json', level = 'info'): Logger {
  const opts = { name, level };
  if (format === 'text') return pino(opts, pretty({ colorize: false, sync: true, ignore: 'pid,hostname' }));
  return pino(opts);
}
