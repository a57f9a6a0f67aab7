// kube-scheduler: flags as the real binary's, a logger, the Scheduler, SIGTERM shutdown.
import { Command, Option } from 'commander';
import { createLogger, KubeClient, loadRestConfig, type LogFormat } from '@kubelite/client';
import { defaultConfiguration } from './config/defaults.js';
import { loadConfiguration, parseDuration } from './config/load.js';
import type { SchedulerConfiguration } from './config/types.js';
import { schedulerError } from './errors.js';
import { Scheduler } from './scheduler.js';

process.title = 'kube-scheduler';

const bool = (flag: string) => (v: string | undefined): boolean => {
  if (v === undefined || v === 'true') return true;
  if (v === 'false') return false;
  throw schedulerError('FLAG_INVALID', flag, v, 'strconv.ParseBool: parsing: invalid syntax');
};

const int = (flag: string) => (v: string): number => {
  if (!/^-?\d+$/.test(v)) throw schedulerError('FLAG_INVALID', flag, v, 'not an integer');
  return Number(v);
};

const program = new Command('kube-scheduler')
  .description('The Kubernetes scheduler: watches unscheduled pods, filters and scores nodes, binds pods')
  .option('--kubeconfig <path>', 'path to kubeconfig file with authorization and master location information')
  .option('--config <path>', 'the path to the KubeSchedulerConfiguration file')
  .option('--leader-elect [bool]', 'start a leader election client and gain leadership before executing the main loop', bool('leader-elect'))
  .option('--leader-elect-lease-duration <duration>', 'the duration non-leader candidates wait before forcing leadership', '15s')
  .option('--leader-elect-renew-deadline <duration>', 'the interval the leader tries to renew before it stops leading', '10s')
  .option('--leader-elect-retry-period <duration>', 'the duration clients wait between attempts', '2s')
  .option('--leader-elect-resource-lock <kind>', 'the type of resource object used for locking', 'leases')
  .option('--leader-elect-resource-name <name>', 'the name of the lock object', 'kube-scheduler')
  .option('--leader-elect-resource-namespace <ns>', 'the namespace of the lock object', 'kube-system')
  .option('--kube-api-qps <qps>', 'QPS to use while talking with kubernetes apiserver', int('kube-api-qps'))
  .option('--kube-api-burst <burst>', 'burst to use while talking with kubernetes apiserver', int('kube-api-burst'))
  .option('--bind-address <ip>', 'the IP address on which to serve /healthz, /readyz and /metrics', '0.0.0.0')
  .option('--secure-port <port>', 'the port on which to serve HTTPS (0: pick a free port)', int('secure-port'), 10259)
  .option('--assumed-pod-ttl <duration>', 'kubelite: how long a bound pod may go unconfirmed by the watch (0s: forever)', '0s')
  .addOption(new Option('--log-format <format>', 'log format').choices(['text', 'json']).default('json'))
  .option('-v, --v <level>', 'log verbosity (0-1 info, 2-4 debug, 5+ trace)', int('v'), 0);

function applyFlags(cfg: SchedulerConfiguration, o: Record<string, unknown>, given: (name: string) => boolean): SchedulerConfiguration {
  const le = cfg.leaderElection;
  if (o.leaderElect !== undefined) le.leaderElect = o.leaderElect as boolean;
  const durations: [string, 'leaseDurationMs' | 'renewDeadlineMs' | 'retryPeriodMs'][] = [
    ['leaderElectLeaseDuration', 'leaseDurationMs'],
    ['leaderElectRenewDeadline', 'renewDeadlineMs'],
    ['leaderElectRetryPeriod', 'retryPeriodMs'],
  ];
  for (const [flag, field] of durations) if (given(flag)) le[field] = parseDuration(`--${flag}`, o[flag]);
  if (given('leaderElectResourceName')) le.resourceName = String(o.leaderElectResourceName);
  if (given('leaderElectResourceNamespace')) le.resourceNamespace = String(o.leaderElectResourceNamespace);
  if (given('leaderElectResourceLock')) le.resourceLock = String(o.leaderElectResourceLock);
  if (o.kubeApiQps !== undefined) cfg.clientConnection.qps = o.kubeApiQps as number;
  if (o.kubeApiBurst !== undefined) cfg.clientConnection.burst = o.kubeApiBurst as number;
  if (typeof o.kubeconfig === 'string') cfg.clientConnection.kubeconfig = o.kubeconfig;
  return cfg;
}

async function main(): Promise<void> {
  program.parse();
  const o = program.opts<Record<string, unknown>>();
  const level = (o.v as number) >= 5 ? 'trace' : (o.v as number) >= 2 ? 'debug' : 'info';
  const logger = createLogger('kube-scheduler', o.logFormat as LogFormat, level);
  const base = typeof o.config === 'string' ? loadConfiguration(o.config) : defaultConfiguration();
  const config = applyFlags(base, o, (name) => program.getOptionValueSource(name) === 'cli');
  const client = new KubeClient(loadRestConfig({ kubeconfig: config.clientConnection.kubeconfig }), {
    userAgent: 'kube-scheduler',
    qps: config.clientConnection.qps,
    burst: config.clientConnection.burst,
  });
  const scheduler = new Scheduler({
    client,
    config,
    logger,
    server: { bindAddress: String(o.bindAddress), securePort: o.securePort as number },
    assumedPodTtlMs: parseDuration('--assumed-pod-ttl', o.assumedPodTtl),
    onLeadershipLost: () => process.exit(1),
  });
  let stopping = false;
  const shutdown = (sig: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: sig }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void scheduler.stop().then(() => {
      client.close();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await scheduler.start();
  logger.info({ port: scheduler.port, identity: scheduler.identity, profiles: [...scheduler.profiles.keys()] }, 'kube-scheduler started');
}

main().catch((err: unknown) => {
  process.stderr.write(`kube-scheduler: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
