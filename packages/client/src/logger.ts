// The one logger every kubelite component uses (etcd-lite, standalone, has its own copy): pino,
// JSON by default for machines, `--log-format text` for humans.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'text';
export type { Logger };

export function createLogger(name: string, format: LogFormat = 'json', level = 'info'): Logger {
  const opts = { name, level };
  if (format === 'text') return pino(opts, pretty({ colorize: false, sync: true, ignore: 'pid,hostname' }));
  return pino(opts);
}
