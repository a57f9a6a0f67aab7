// kube-proxy: flags as the real binary names them, over the KubeProxy library.
import { Command, Option } from 'commander';
import { createLogger } from '@kubelite/client';
import { defaultOptions, parseDuration, parseHostPort, parseIPFlag, parseNonNegative, type ProxyOptions } from './options.js';
import { parseNodePortAddresses } from './node-addresses.js';
import { KubeProxy } from './proxier.js';

process.title = 'kube-proxy';

const d = defaultOptions();
const dur = (flag: string) => (v: string): number => parseDuration(flag, v);
const num = (flag: string) => (v: string): number => parseNonNegative(flag, v);
const hostPort = (flag: string, port: number) => (v: string): string => (parseHostPort(flag, v, port), v);
/** Go's Duration String() for whole seconds: 30s, 15m0s, 1h0m0s. */
const goDuration = (ms: number): string => {
  const t = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(t / 3600), Math.floor((t % 3600) / 60), t % 60];
  return h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
};
const durationOption = (flag: string, description: string, ms: number): Option =>
  new Option(`${flag} <duration>`, description).argParser(dur(flag)).default(ms, goDuration(ms));
const collect = (v: string, prev: string[] = []): string[] => {
  parseNodePortAddresses([v]);
  return [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
};

const program = new Command('kube-proxy')
  .description(
    'The Kubernetes network proxy runs on each node. kubelite\'s kube-proxy forwards NodePort (and LoadBalancer ' +
      'nodePort) TCP traffic: it opens <nodeport-address>:<nodePort> and splices each connection to a ready ' +
      'endpoint of the Service (round-robin; sessionAffinity ClientIP honoured), following Services and ' +
      'EndpointSlices. ClusterIP, externalIP and UDP/SCTP traffic is NOT proxied: that needs kernel rules ' +
      '(iptables/nftables/ipvs) that this user-space proxy does not program.',
  )
  .option('--kubeconfig <path>', 'path to kubeconfig file with authorization information (the master location can be overridden by the kubeconfig)')
  .option('--hostname-override <name>', 'if non-empty, use this string as the node name instead of the actual hostname')
  .option('--bind-address <ip>', 'address nodePorts listen on when --nodeport-addresses is empty', (v) => parseIPFlag('--bind-address', v), d.bindAddress)
  .option('--bind-address-hard-fail', 'treat failure to open a nodePort as fatal and exit', false)
  .option('--healthz-bind-address <ip:port>', 'address and port of the health server (/healthz, /livez); empty disables', hostPort('--healthz-bind-address', 10256), d.healthzBindAddress)
  .option('--metrics-bind-address <ip:port>', 'address and port of the metrics server (/metrics); empty disables', hostPort('--metrics-bind-address', 10249), d.metricsBindAddress)
  .option('--nodeport-addresses <cidrs>', 'CIDRs (or IPs) of the local addresses nodePorts accept connections on, comma-separated or repeated; empty: --bind-address', collect)
  .addOption(durationOption('--iptables-sync-period', 'how often nodePort sockets are re-synced even without changes (name kept from upstream)', d.syncPeriodMs))
  .addOption(durationOption('--iptables-min-sync-period', 'least time between syncs when Services or EndpointSlices change', d.minSyncPeriodMs))
  .addOption(durationOption('--config-sync-period', 'how often configuration from the apiserver is refreshed (informer resync)', d.configSyncPeriodMs))
  .option('--kube-api-qps <qps>', 'QPS to use while talking with the API server', num('--kube-api-qps'), d.kubeApiQps)
  .option('--kube-api-burst <n>', 'burst to use while talking with the API server', num('--kube-api-burst'), d.kubeApiBurst)
  .addOption(new Option('--log-format <format>', 'log format').choices(['json', 'text']).default('json'))
  .option('-v, --v <level>', 'log verbosity (0-10)', '0');

async function main(): Promise<void> {
  program.parse();
  const f = program.opts<Record<string, unknown>>();
  const options: Partial<ProxyOptions> = {
    kubeconfig: f.kubeconfig as string | undefined,
    hostnameOverride: f.hostnameOverride as string | undefined,
    bindAddress: f.bindAddress as string,
    bindAddressHardFail: f.bindAddressHardFail === true,
    healthzBindAddress: f.healthzBindAddress as string,
    metricsBindAddress: f.metricsBindAddress as string,
    nodePortAddresses: (f.nodeportAddresses as string[] | undefined) ?? [],
    syncPeriodMs: f.iptablesSyncPeriod as number,
    minSyncPeriodMs: f.iptablesMinSyncPeriod as number,
    configSyncPeriodMs: f.configSyncPeriod as number,
    kubeApiQps: f.kubeApiQps as number,
    kubeApiBurst: f.kubeApiBurst as number,
    logFormat: f.logFormat as 'json' | 'text',
    logLevel: Number(f.v) >= 4 ? 'debug' : 'info',
  };
  const log = createLogger('kube-proxy', options.logFormat, options.logLevel);
  const proxy = new KubeProxy(options, {
    logger: log,
    onFatal: (err) => {
      log.fatal(err.message);
      process.exit(1);
    },
  });
  const shutdown = (): void => {
    log.info('shutting down');
    void proxy.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await proxy.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`kube-proxy: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
