import type { LogFormat, Logger } from './logger.js';

export interface EtcdLiteConfig {
  name: string;
  dataDir: string;
  listenClientUrls: string[];
  advertiseClientUrls: string[];
  initialAdvertisePeerUrls: string[];
  /** empty = no metrics listener */
  listenMetricsUrls: string[];
  maxRequestBytes: number;
  /** how often watchers that asked for progress notifications get one */
  watchProgressNotifyIntervalMs: number;
  logFormat: LogFormat;
  logger?: Logger;
}

export const DEFAULT_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;
/** What etcd allows on top of --max-request-bytes for gRPC framing, in requests and watch responses. */
export const GRPC_OVERHEAD_BYTES = 512 * 1024;

export function defaultConfig(overrides: Partial<EtcdLiteConfig> = {}): EtcdLiteConfig {
  const name = overrides.name ?? 'default';
  return {
    name,
    dataDir: `${name}.etcd`,
    listenClientUrls: ['http://localhost:2379'],
    advertiseClientUrls: ['http://localhost:2379'],
    initialAdvertisePeerUrls: ['http://localhost:2380'],
    listenMetricsUrls: ['http://localhost:2381'],
    maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES,
    watchProgressNotifyIntervalMs: 10 * 60 * 1000,
    logFormat: 'json',
    ...overrides,
  };
}
