#!/usr/bin/env node
// etcd-lite: flags named like etcd's; `snapshot restore` creates a data dir from a snapshot.
import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultConfig, DEFAULT_MAX_REQUEST_BYTES } from './config.js';
import { createLogger, type LogFormat } from './logger.js';
import { EtcdLite } from './server.js';
import { restoreSnapshot } from './storage/snapshot.js';
import { ETCD_LITE_VERSION, ETCD_VERSION } from './version.js';

process.title = 'etcd-lite';

const urlList = (value: string): string[] => {
  const urls = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const u of urls) {
    try {
      new URL(u);
    } catch {
      throw new InvalidArgumentError(`"${u}" is not a URL (expected e.g. http://127.0.0.1:2379)`);
    }
  }
  return urls;
};

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return n;
};

const duration = (value: string): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`"${value}" is not a duration (e.g. 10m, 5s, 500ms)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
};

const urlOption = (flags: string, description: string, fallback: string): Option =>
  new Option(flags, description).argParser(urlList).default([fallback], fallback);

const program = new Command('etcd-lite')
  .description('An etcd v3 API compatible key-value store on LevelDB')
  // `snapshot restore --data-dir` is the subcommand's own flag, not the server's
  .enablePositionalOptions()
  .version(`etcd-lite Version: ${ETCD_LITE_VERSION}\nAPI compatible with etcd Version: ${ETCD_VERSION}`, '--version')
  .option('--name <name>', 'human-readable name for this member', 'default')
  .option('--data-dir <path>', 'path to the data directory (default: "<name>.etcd")')
  .addOption(urlOption('--listen-client-urls <urls>', 'comma-separated URLs to serve the etcd API on', 'http://localhost:2379'))
  .option('--advertise-client-urls <urls>', 'client URLs to advertise (member list)', urlList)
  .addOption(urlOption('--initial-advertise-peer-urls <urls>', 'peer URLs to advertise (member list)', 'http://localhost:2380'))
  .addOption(urlOption('--listen-metrics-urls <urls>', 'URLs to serve /health, /version and /metrics on', 'http://localhost:2381'))
  .option('--max-request-bytes <bytes>', 'maximum client request size in bytes', positiveInt, DEFAULT_MAX_REQUEST_BYTES)
  .addOption(
    new Option('--experimental-watch-progress-notify-interval <duration>', 'interval of watch progress notifications')
      .argParser(duration)
      .default(600_000, '10m'),
  )
  .addOption(new Option('--log-format <format>', 'log format').choices(['json', 'text']).default('json'))
  .action(async (opts: {
    name: string;
    dataDir?: string;
    listenClientUrls: string[];
    advertiseClientUrls?: string[];
    initialAdvertisePeerUrls: string[];
    listenMetricsUrls: string[];
    maxRequestBytes: number;
    experimentalWatchProgressNotifyInterval: number;
    logFormat: LogFormat;
  }) => {
    const logger = createLogger('etcd-lite', opts.logFormat);
    const config = defaultConfig({
      name: opts.name,
      dataDir: opts.dataDir ?? `${opts.name}.etcd`,
      listenClientUrls: opts.listenClientUrls,
      advertiseClientUrls: opts.advertiseClientUrls ?? opts.listenClientUrls,
      initialAdvertisePeerUrls: opts.initialAdvertisePeerUrls,
      listenMetricsUrls: opts.listenMetricsUrls,
      maxRequestBytes: opts.maxRequestBytes,
      watchProgressNotifyIntervalMs: opts.experimentalWatchProgressNotifyInterval,
      logFormat: opts.logFormat,
      logger,
    });
    let server: EtcdLite;
    try {
      server = await EtcdLite.start(config);
    } catch (err) {
      logger.fatal({ err }, 'etcd-lite failed to start');
      process.exit(1);
    }
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'unclean shutdown');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });

program
  .command('snapshot')
  .description('snapshot tools')
  .enablePositionalOptions()
  .command('restore <file>')
  .description('create a new data dir from a snapshot taken with `etcdctl snapshot save`')
  .requiredOption('--data-dir <path>', 'the data directory to create (must not exist or be empty)')
  .action(async (file: string, opts: { dataDir: string }) => {
    try {
      const { entries } = await restoreSnapshot(file, opts.dataDir);
      process.stdout.write(`restored ${entries} entries from ${file} into ${opts.dataDir}\n`);
    } catch (err) {
      process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  });

await program.parseAsync();
