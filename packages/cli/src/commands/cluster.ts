// `klctl cluster up|down|status`: flags, output and exit codes over the cluster library. Every
// failure is one line on stderr ("error: …") and exit 1; an interrupted up exits 130.
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseGoDuration } from '@kubelite/api';
import { clusterDown, DOWN_TIMEOUT_MS } from '../cluster/down.js';
import { ClusterProblems, isClusterError } from '../cluster/errors.js';
import { superviseForeground } from '../cluster/foreground.js';
import { clusterLayout, DEFAULT_DATA_DIR } from '../cluster/layout.js';
import { Progress } from '../cluster/progress.js';
import { DEFAULT_PORTS, DEFAULT_RUNTIME_ENDPOINT, type SettingsFlags } from '../cluster/settings.js';
import { clusterStatus, formatStatus } from '../cluster/status.js';
import { clusterUp, nextSteps, UP_TIMEOUT_MS, type UpResult } from '../cluster/up.js';

const port = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 65535) throw new InvalidArgumentError(ClusterProblems.BAD_PORT(flag, v));
  return n;
};

const offset = (v: string): number => {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError(ClusterProblems.BAD_OFFSET(v));
  return Number(v);
};

const duration = (flag: string) => (v: string): number => {
  const ms = parseGoDuration(v);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(ClusterProblems.BAD_DURATION(flag, v));
  return ms;
};

const dataDirOption = (): Option => new Option('--data-dir <dir>', 'the cluster\'s directory').default(DEFAULT_DATA_DIR);

function fail(progress: Progress, e: unknown, code = 1): void {
  progress.clear();
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = code;
}

/** Ctrl-C and SIGTERM as one stream of stop requests; the current listener decides what they mean. */
function stopRequests(): { on: (listener: () => void) => void; release: () => void } {
  let current: (() => void) | undefined;
  const fire = (): void => current?.();
  process.on('SIGINT', fire);
  process.on('SIGTERM', fire);
  return {
    on: (listener) => (current = listener),
    release: () => {
      process.off('SIGINT', fire);
      process.off('SIGTERM', fire);
    },
  };
}

interface UpFlags extends SettingsFlags {
  dataDir: string;
  detach?: boolean;
  timeout: number;
  retain?: boolean;
}

async function up(flags: UpFlags): Promise<void> {
  const progress = new Progress(process.stdout);
  const stops = stopRequests();
  const abort = new AbortController();
  stops.on(() => abort.abort());
  let result: UpResult;
  try {
    result = await clusterUp({
      dataDir: flags.dataDir,
      flags,
      timeoutMs: flags.timeout,
      progress,
      signal: abort.signal,
      retain: flags.retain === true,
    });
  } catch (e) {
    stops.release();
    if (abort.signal.aborted) return fail(progress, 'interrupted; the half-started cluster was stopped', 130);
    return fail(progress, isClusterError(e) && flags.retain ? `${e.message}; kept running (--retain)` : e);
  }
  for (const line of nextSteps(result.layout)) progress.info(line);
  if (flags.detach) {
    result.kubelet.unref();
    stops.release();
    return;
  }
  progress.info('Running in the foreground; Ctrl-C stops the cluster.');
  process.exitCode = await superviseForeground(result, { progress, onStopRequest: stops.on });
  stops.release();
}

async function down(flags: { dataDir: string; ignoreNotFound?: boolean; timeout: number }): Promise<void> {
  const progress = new Progress(process.stdout);
  try {
    const result = await clusterDown({ dataDir: flags.dataDir, progress, timeoutMs: flags.timeout });
    progress.done(`cluster stopped${result.killed ? ' (kubelet killed)' : ''}; data kept in ${clusterLayout(flags.dataDir).dataDir} (klctl cluster up resumes it)`);
  } catch (e) {
    if (flags.ignoreNotFound && isClusterError(e) && e.problem === 'NOT_RUNNING') {
      progress.info(e.message);
      return;
    }
    fail(progress, e);
  }
}

async function status(flags: { dataDir: string }): Promise<void> {
  const progress = new Progress(process.stdout);
  try {
    const s = await clusterStatus(flags.dataDir);
    if (!s.exists && s.kubeletPid === undefined) return fail(progress, ClusterProblems.NOT_RUNNING(s.dataDir));
    for (const line of formatStatus(s)) progress.info(line);
    if (!s.healthy) process.exitCode = 1;
  } catch (e) {
    fail(progress, e);
  }
}

const p = DEFAULT_PORTS;

export function registerClusterCommand(program: Command): void {
  const cluster = program.command('cluster').description('bootstrap and manage a local single-node cluster');

  cluster
    .command('up')
    .description(
      'start a cluster: PKI, kubeconfigs and static pod manifests in the data dir, then a kubelet that runs the control plane ' +
        'from them. Again on the same dir resumes the cluster (settings in <dir>/cluster.yaml, PKI and etcd data are reused).',
    )
    .addOption(dataDirOption())
    .option('--detach', 'return once the cluster is up and leave it running (default: stay in the foreground; Ctrl-C stops it)')
    .option('--node-name <name>', 'the node\'s name (default: the host name, lowercased)')
    .option('--apiserver-port <port>', `kube-apiserver's secure port (default ${p.apiserver})`, port('--apiserver-port'))
    .option('--etcd-port <port>', `etcd's client port; peer and metrics use +1 and +2 (default ${p.etcd})`, port('--etcd-port'))
    .option(
      '--port-offset <n>',
      `add n to every default port (etcd ${p.etcd}/${p.etcdMetrics}, apiserver ${p.apiserver}, scheduler ${p.scheduler}, ` +
        `controller-manager ${p.controllerManager}, kubelet ${p.kubelet}/${p.kubeletHealthz}, kube-proxy ${p.proxyHealthz}/${p.proxyMetrics}); ` +
        '--apiserver-port and --etcd-port still win',
      offset,
    )
    .option('--container-runtime-endpoint <endpoint>', `the Docker socket (default $DOCKER_HOST if unix://, else ${DEFAULT_RUNTIME_ENDPOINT})`)
    .addOption(new Option('--timeout <duration>', 'how long to wait for the cluster to come up').argParser(duration('--timeout')).default(UP_TIMEOUT_MS, '120s'))
    .option('--retain', 'keep a cluster that failed to come up running, to inspect it')
    .action(up);

  cluster
    .command('down')
    .description(
      'stop the cluster: SIGTERM the kubelet, which stops its pods gracefully, SIGKILL after --timeout. Data stays. ' +
        'Exits 1 when no cluster runs in the dir (like kubectl delete), 0 with --ignore-not-found.',
    )
    .addOption(dataDirOption())
    .option('--ignore-not-found', 'exit 0 when no cluster is running')
    .addOption(new Option('--timeout <duration>', 'how long the kubelet gets to stop').argParser(duration('--timeout')).default(DOWN_TIMEOUT_MS, '60s'))
    .action(down);

  cluster
    .command('status')
    .description('show whether the kubelet runs, the API server is ready and the nodes are Ready; exits 1 unless all are')
    .addOption(dataDirOption())
    .action(status);
}
