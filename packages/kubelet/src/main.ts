// kubelet: flags as the real binary names them, over the Kubelet library.
import { hostname } from 'node:os';
import { Command, Option } from 'commander';
import { parseGoDuration, type Taint } from '@kubelite/api';
import { createLogger } from '@kubelite/client';
import { KubeletProblems } from './errors.js';
import { Kubelet } from './kubelet.js';
import { defaultKubeletOptions, type KubeletOptions } from './options.js';

process.title = 'kubelet';

const d = defaultKubeletOptions(hostname().toLowerCase());

function fail(message: string): never {
  process.stderr.write(`kubelet: ${message}\n`);
  process.exit(1);
}

const duration = (flag: string) => (v: string): number => parseGoDuration(v) ?? fail(KubeletProblems.BAD_FLAG(flag, v, 'a duration (e.g. 10s, 1m)'));
const int = (flag: string) => (v: string): number => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : fail(KubeletProblems.BAD_FLAG(flag, v, 'a non-negative integer'));
};

function labels(v: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of v.split(',').filter(Boolean)) {
    const [k, val = ''] = kv.split('=');
    if (!k) fail(KubeletProblems.BAD_FLAG('--node-labels', v, 'a list of key=value'));
    out[k] = val;
  }
  return out;
}

function taints(v: string): Taint[] {
  return v
    .split(',')
    .filter(Boolean)
    .map((t) => {
      const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(t);
      if (!m) fail(KubeletProblems.BAD_FLAG('--register-with-taints', t, 'key[=value]:Effect'));
      return { key: m[1]!, ...(m[2] ? { value: m[2] } : {}), effect: m[3]! } as Taint;
    });
}

const program = new Command('kubelet')
  .description('The node agent: registers the Node and runs the pods bound to it (Docker, or host processes for static pods)')
  .option('--kubeconfig <path>', 'kubeconfig for the API server; without it the kubelet runs static pods only (standalone)')
  .option('--hostname-override <name>', 'node name instead of the host name', d.nodeName)
  .option('--pod-manifest-path <dir>', 'directory of static pod manifests (watched)')
  .option('--node-ip <ip>', 'the node address reported to the API (InternalIP)', d.nodeIP)
  .option('--node-labels <k=v,...>', 'labels added when the node registers', labels, {})
  .option('--register-with-taints <k=v:Effect,...>', 'taints the node registers with', taints, [])
  .option('--max-pods <n>', 'pods this node can run', int('--max-pods'), d.maxPods)
  .option('--pod-infra-container-image <image>', 'the sandbox ("pause") image; must be present locally', d.podInfraContainerImage)
  .option('--container-runtime-endpoint <endpoint>', 'the Docker socket', d.containerRuntimeEndpoint)
  .option('--root-dir <dir>', 'kubelet state: pod volumes, logs, process-runtime state', d.rootDir)
  .option('--address <ip>', 'address of the kubelet API', d.address)
  .option('--port <port>', 'port of the kubelet API (HTTPS; 0 picks one)', int('--port'), d.port)
  .option('--healthz-bind-address <ip>', 'address of the plain-HTTP /healthz', d.healthzBindAddress)
  .option('--healthz-port <port>', 'port of /healthz (0 disables)', int('--healthz-port'), d.healthzPort)
  .option('--tls-cert-file <path>', 'serving certificate (default: a self-signed one under <root-dir>/pki)')
  .option('--tls-private-key-file <path>', 'serving key')
  .option('--client-ca-file <path>', 'require client certificates signed by this CA on the kubelet API')
  .option('--cluster-dns <ip,...>', 'DNS server IPs for ClusterFirst pods', (v) => v.split(',').filter(Boolean), d.clusterDNS)
  .option('--cluster-domain <domain>', 'cluster DNS domain', d.clusterDomain)
  .addOption(new Option('--allow-privileged [bool]', 'let API pods use runtimeClassName "process" (host processes)').default(false).argParser((v) => v !== 'false'))
  .option('--shutdown-grace-period <duration>', 'on SIGTERM, stop every pod within this time before exiting (0: leave pods running)', duration('--shutdown-grace-period'), d.shutdownGracePeriodMs)
  .option('--node-status-update-frequency <duration>', 'how often node status is computed', duration('--node-status-update-frequency'), d.nodeStatusUpdateFrequencyMs)
  .option('--file-check-frequency <duration>', 'static manifest rescan interval', duration('--file-check-frequency'), d.fileCheckFrequencyMs)
  .addOption(new Option('--log-format <format>', 'log format').choices(['json', 'text']).default('json'))
  .option('-v, --v <level>', 'log verbosity (0-10)', '0');

async function main(): Promise<void> {
  program.parse();
  const f = program.opts<Record<string, unknown>>();
  const options: KubeletOptions = {
    ...d,
    kubeconfig: f.kubeconfig as string | undefined,
    nodeName: (f.hostnameOverride as string).toLowerCase(),
    podManifestPath: f.podManifestPath as string | undefined,
    nodeIP: f.nodeIp as string,
    nodeLabels: f.nodeLabels as Record<string, string>,
    registerWithTaints: f.registerWithTaints as Taint[],
    maxPods: f.maxPods as number,
    podInfraContainerImage: f.podInfraContainerImage as string,
    containerRuntimeEndpoint: f.containerRuntimeEndpoint as string,
    rootDir: f.rootDir as string,
    address: f.address as string,
    port: f.port as number,
    healthzBindAddress: f.healthzBindAddress as string,
    healthzPort: f.healthzPort as number,
    tlsCertFile: f.tlsCertFile as string | undefined,
    tlsPrivateKeyFile: f.tlsPrivateKeyFile as string | undefined,
    clientCaFile: f.clientCaFile as string | undefined,
    clusterDNS: f.clusterDns as string[],
    clusterDomain: f.clusterDomain as string,
    allowPrivileged: f.allowPrivileged as boolean,
    shutdownGracePeriodMs: f.shutdownGracePeriod as number,
    nodeStatusUpdateFrequencyMs: f.nodeStatusUpdateFrequency as number,
    fileCheckFrequencyMs: f.fileCheckFrequency as number,
    logFormat: f.logFormat as 'json' | 'text',
    logLevel: Number(f.v) >= 4 ? 'debug' : 'info',
  };
  const logger = createLogger('kubelet', options.logFormat, options.logLevel);
  const kubelet = new Kubelet(options, { logger });
  try {
    await kubelet.start();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const hard = setTimeout(() => process.exit(1), options.shutdownGracePeriodMs + 15_000);
    hard.unref();
    void kubelet.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
