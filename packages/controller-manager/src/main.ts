// kube-controller-manager: flags as the real binary names them, over the ControllerManager library.
import { Command, Option } from 'commander';
import { createLogger } from '@kubelite/client';
import { ControllerManager } from './controller-manager.js';
import { defaultOptions, parseDuration, parsePositive, type ControllerManagerOptions } from './options.js';

process.title = 'kube-controller-manager';

const d = defaultOptions();
const dur = (flag: string) => (v: string): number => parseDuration(flag, v);
const num = (flag: string) => (v: string): number => parsePositive(flag, v);
const secs = (ms: number): string => `${ms / 1000}s`;

const program = new Command('kube-controller-manager')
  .description('Runs the controllers that converge actual state to desired state')
  .option('--kubeconfig <path>', 'kubeconfig with the API server location and credentials')
  .option('--controllers <list>', "controllers to enable: '*' for all, 'foo' to enable, '-foo' to disable", '*')
  .addOption(new Option('--leader-elect [bool]', 'campaign for leadership before running controllers').default(true).argParser((v) => v !== 'false'))
  .option('--leader-elect-lease-duration <duration>', 'how long non-leaders wait before taking over', dur('--leader-elect-lease-duration'), d.leaderElectLeaseDurationMs)
  .option('--leader-elect-renew-deadline <duration>', 'how long the leader retries renewing before stepping down', dur('--leader-elect-renew-deadline'), d.leaderElectRenewDeadlineMs)
  .option('--leader-elect-retry-period <duration>', 'interval between acquire/renew attempts', dur('--leader-elect-retry-period'), d.leaderElectRetryPeriodMs)
  .option('--leader-elect-resource-name <name>', 'name of the Lease', d.leaderElectResourceName)
  .option('--leader-elect-resource-namespace <ns>', 'namespace of the Lease', d.leaderElectResourceNamespace)
  .option('--node-monitor-period <duration>', `node health check interval (${secs(d.nodeMonitorPeriodMs)})`, dur('--node-monitor-period'), d.nodeMonitorPeriodMs)
  .option('--node-monitor-grace-period <duration>', `unresponsive time before a node is marked unhealthy (${secs(d.nodeMonitorGracePeriodMs)})`, dur('--node-monitor-grace-period'), d.nodeMonitorGracePeriodMs)
  .option('--node-startup-grace-period <duration>', 'grace for a node that never reported', dur('--node-startup-grace-period'), d.nodeStartupGracePeriodMs)
  .option('--node-eviction-rate <rate>', 'nodes per second to taint NoExecute', num('--node-eviction-rate'), d.nodeEvictionRate)
  .option('--secondary-node-eviction-rate <rate>', 'rate in partially disrupted large zones', num('--secondary-node-eviction-rate'), d.secondaryNodeEvictionRate)
  .option('--large-cluster-size-threshold <n>', 'zone size above which the secondary rate applies', num('--large-cluster-size-threshold'), d.largeClusterSizeThreshold)
  .option('--unhealthy-zone-threshold <fraction>', 'not-ready fraction that makes a zone unhealthy', num('--unhealthy-zone-threshold'), d.unhealthyZoneThreshold)
  .option('--concurrent-deployment-syncs <n>', 'deployment workers', num('--concurrent-deployment-syncs'), d.concurrentDeploymentSyncs)
  .option('--concurrent-replicaset-syncs <n>', 'replicaset workers', num('--concurrent-replicaset-syncs'), d.concurrentReplicasetSyncs)
  .option('--concurrent-endpoint-syncs <n>', 'endpoints workers', num('--concurrent-endpoint-syncs'), d.concurrentEndpointSyncs)
  .option('--concurrent-service-endpoint-syncs <n>', 'endpointslice workers', num('--concurrent-service-endpoint-syncs'), d.concurrentServiceEndpointSyncs)
  .option('--max-endpoints-per-slice <n>', 'most endpoints in one EndpointSlice', num('--max-endpoints-per-slice'), d.maxEndpointsPerSlice)
  .option('--concurrent-cron-job-syncs <n>', 'cronjob workers', num('--concurrent-cron-job-syncs'), d.concurrentCronJobSyncs)
  .option('--concurrent-gc-syncs <n>', 'garbage collector workers', num('--concurrent-gc-syncs'), d.concurrentGcSyncs)
  .option('--concurrent-namespace-syncs <n>', 'namespace workers', num('--concurrent-namespace-syncs'), d.concurrentNamespaceSyncs)
  .option('--concurrent-daemonset-syncs <n>', 'daemonset workers', num('--concurrent-daemonset-syncs'), d.concurrentDaemonsetSyncs)
  .option('--concurrent-job-syncs <n>', 'job workers', num('--concurrent-job-syncs'), d.concurrentJobSyncs)
  .option('--concurrent-serviceaccount-syncs <n>', 'serviceaccount workers', num('--concurrent-serviceaccount-syncs'), d.concurrentServiceaccountSyncs)
  .option('--kube-api-qps <qps>', 'requests per second to the API server', num('--kube-api-qps'), d.kubeApiQps)
  .option('--kube-api-burst <n>', 'burst of requests to the API server', num('--kube-api-burst'), d.kubeApiBurst)
  .option('--bind-address <ip>', 'address of the health/metrics port', d.bindAddress)
  .option('--secure-port <port>', 'HTTPS port for /healthz and /metrics (0: pick one)', (v) => Number.parseInt(v, 10), d.securePort)
  .addOption(new Option('--log-format <format>', 'log format').choices(['json', 'text']).default('json'))
  .option('-v, --v <level>', 'log verbosity (0-10)', '0');

async function main(): Promise<void> {
  program.parse();
  const f = program.opts<Record<string, unknown>>();
  const options: Partial<ControllerManagerOptions> = {
    kubeconfig: f.kubeconfig as string | undefined,
    controllers: [f.controllers as string],
    leaderElect: f.leaderElect as boolean,
    leaderElectLeaseDurationMs: f.leaderElectLeaseDuration as number,
    leaderElectRenewDeadlineMs: f.leaderElectRenewDeadline as number,
    leaderElectRetryPeriodMs: f.leaderElectRetryPeriod as number,
    leaderElectResourceName: f.leaderElectResourceName as string,
    leaderElectResourceNamespace: f.leaderElectResourceNamespace as string,
    nodeMonitorPeriodMs: f.nodeMonitorPeriod as number,
    nodeMonitorGracePeriodMs: f.nodeMonitorGracePeriod as number,
    nodeStartupGracePeriodMs: f.nodeStartupGracePeriod as number,
    nodeEvictionRate: f.nodeEvictionRate as number,
    secondaryNodeEvictionRate: f.secondaryNodeEvictionRate as number,
    largeClusterSizeThreshold: f.largeClusterSizeThreshold as number,
    unhealthyZoneThreshold: f.unhealthyZoneThreshold as number,
    concurrentDeploymentSyncs: f.concurrentDeploymentSyncs as number,
    concurrentReplicasetSyncs: f.concurrentReplicasetSyncs as number,
    concurrentEndpointSyncs: f.concurrentEndpointSyncs as number,
    concurrentServiceEndpointSyncs: f.concurrentServiceEndpointSyncs as number,
    maxEndpointsPerSlice: f.maxEndpointsPerSlice as number,
    concurrentCronJobSyncs: f.concurrentCronJobSyncs as number,
    concurrentGcSyncs: f.concurrentGcSyncs as number,
    concurrentNamespaceSyncs: f.concurrentNamespaceSyncs as number,
    concurrentDaemonsetSyncs: f.concurrentDaemonsetSyncs as number,
    concurrentJobSyncs: f.concurrentJobSyncs as number,
    concurrentServiceaccountSyncs: f.concurrentServiceaccountSyncs as number,
    kubeApiQps: f.kubeApiQps as number,
    kubeApiBurst: f.kubeApiBurst as number,
    bindAddress: f.bindAddress as string,
    securePort: f.securePort as number,
    logFormat: f.logFormat as 'json' | 'text',
    logLevel: Number(f.v) >= 4 ? 'debug' : 'info',
  };
  const log = createLogger('kube-controller-manager', options.logFormat, options.logLevel);
  const cm = new ControllerManager(options, { logger: log, onLostLeadership: () => process.exit(1) });
  const shutdown = (): void => {
    log.info('shutting down');
    void cm.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await cm.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`kube-controller-manager: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
