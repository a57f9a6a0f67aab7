// `klctl cluster up`: preflight, PKI and kubeconfigs, static pod manifests, then the kubelet,
// which starts the control plane from those manifests; then wait (bounded) until the API is
// ready, the node Ready and every control-plane mirror pod Running. A second `up` on the same dir
// resumes the cluster: settings, PKI and etcd data are reused.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiserverUrl, ensureCredentials, writeKubeconfigs } from './credentials.js';
import { clusterDown } from './down.js';
import { clusterError, isClusterError } from './errors.js';
import { kubeletEnv, startKubelet } from './kubelet-process.js';
import { clusterLayout, type ClusterLayout } from './layout.js';
import { PollTimeout, pollUntil } from './poll.js';
import { preflight } from './preflight.js';
import { clusterProcesses } from './processes.js';
import { silentProgress, type Progress } from './progress.js';
import { adminClient, apiserverNotReady, nodeNotReady, podsNotRunning } from './readiness.js';
import { renderManifests } from './render.js';
import { loadSettings, resolveSettings, saveSettings, type ClusterSettings, type SettingsFlags } from './settings.js';
import { templatesDir } from './workspace.js';

export const UP_TIMEOUT_MS = 120_000;

export interface UpOptions {
  dataDir: string;
  flags?: SettingsFlags;
  /** how long to wait for the cluster to come up after the kubelet started */
  timeoutMs?: number;
  /** the environment the kubelet (and through it the control plane) inherits; default process.env */
  env?: NodeJS.ProcessEnv;
  progress?: Progress;
  /** default <workspace>/manifests */
  templatesDir?: string;
  /** aborts the wait (Ctrl-C); the half-started cluster is then stopped */
  signal?: AbortSignal;
  /** keep a cluster that failed to come up running, for inspection */
  retain?: boolean;
}

export interface UpResult {
  layout: ClusterLayout;
  settings: ClusterSettings;
  kubelet: ChildProcess;
  kubeletPid: number;
  /** when the kubelet was started: node and pod status older than this is a previous run's */
  startedAt: Date;
  /** The control plane was still running (the kubelet had died): its containers are adopted, so their start times are older. */
  adopting: boolean;
  /** the static pods' names (mirror pods are `<name>-<node>`) */
  staticPods: string[];
}

function logsHint(layout: ClusterLayout): string {
  return `${layout.kubeletLog} (process pods' logs under ${layout.kubeletRootDir})`;
}

async function prepare(layout: ClusterLayout, settings: ClusterSettings, progress: Progress, fromDir: string): Promise<string[]> {
  mkdirSync(layout.dataDir, { recursive: true });
  saveSettings(layout, settings);
  const pki = await ensureCredentials(layout, settings);
  writeKubeconfigs(layout, settings);
  const created = Object.values(pki.actions).filter((a) => a !== 'reused').length;
  progress.done(`certificates and kubeconfigs in ${layout.dataDir} (${created === 0 ? 'reused' : `${created} issued`})`);
  const manifests = renderManifests(layout, settings, fromDir);
  const names = manifests.map((m) => m.podName);
  progress.done(`manifests: ${names.join(', ')} in ${layout.manifestsDir}`);
  return names;
}

/** Waits for the API, the node and the mirror pods, each phase shown; throws on timeout/exit/abort. */
async function waitUp(up: UpResult, progress: Progress, timeoutMs: number, guard: () => void, signal?: AbortSignal): Promise<void> {
  const { layout, settings, startedAt } = up;
  const client = adminClient(layout.kubeconfig('admin'));
  const deadline = Date.now() + timeoutMs;
  const phase = async (label: string, check: () => Promise<string | undefined>, done: string): Promise<void> => {
    progress.start(`waiting for ${label}`);
    try {
      await pollUntil(check, { deadline, guard, ...(signal ? { signal } : {}), onWaiting: (d) => progress.update(`waiting for ${label} (${d})`) });
    } catch (e) {
      if (e instanceof PollTimeout) throw clusterError('TIMEOUT', `${label} (${e.lastDetail})`, Math.round(timeoutMs / 1000), logsHint(layout));
      throw e;
    }
    progress.done(done);
  };
  try {
    await phase('the API server', () => apiserverNotReady(client), `API server ready at ${apiserverUrl(settings)}`);
    await phase(`node ${settings.nodeName} to be Ready`, () => nodeNotReady(client, settings.nodeName, startedAt), `node ${settings.nodeName} Ready`);
    await phase('the control plane pods', () => podsNotRunning(client, up.staticPods, settings.nodeName, up.adopting ? undefined : startedAt), `control plane pods Running (${up.staticPods.length})`);
  } finally {
    client.close();
  }
}

export async function clusterUp(opts: UpOptions): Promise<UpResult> {
  const progress = opts.progress ?? silentProgress();
  const layout = clusterLayout(opts.dataDir);
  const settings = resolveSettings(opts.flags ?? {}, loadSettings(layout));
  const env = kubeletEnv(layout, opts.env ?? process.env);
  await preflight(layout, settings, env.PATH);
  // Pods that outlived their kubelet (kill -9) are adopted by the new one, not restarted.
  const adopting = clusterProcesses(layout.dataDir).length > 0;
  const staticPods = await prepare(layout, settings, progress, opts.templatesDir ?? templatesDir());

  const startedAt = new Date();
  const kubelet = startKubelet(layout, settings, env);
  let exit: string | undefined;
  kubelet.once('exit', (code, sig) => (exit = sig ?? `code ${code}`));
  const up: UpResult = { layout, settings, kubelet, kubeletPid: kubelet.pid!, startedAt, staticPods, adopting };
  progress.done(`kubelet started (pid ${up.kubeletPid}, log ${layout.kubeletLog})`);
  const guard = (): void => {
    if (exit !== undefined) throw clusterError('KUBELET_EXITED', exit, layout.kubeletLog);
  };
  try {
    await waitUp(up, progress, opts.timeoutMs ?? UP_TIMEOUT_MS, guard, opts.signal);
  } catch (e) {
    progress.clear();
    if (!opts.retain) await stopHalfStarted(layout, progress);
    throw e;
  }
  return up;
}

async function stopHalfStarted(layout: ClusterLayout, progress: Progress): Promise<void> {
  try {
    await clusterDown({ dataDir: layout.dataDir, progress });
  } catch (e) {
    if (!isClusterError(e) || e.problem !== 'NOT_RUNNING') throw e;
  }
}

/** What to do next, printed after a successful up. */
export function nextSteps(layout: ClusterLayout): string[] {
  const kubeconfig = layout.kubeconfig('admin');
  return [
    '',
    'The cluster is up. Next:',
    `  export KUBECONFIG=${kubeconfig}`,
    '  kubectl get nodes',
    '  kubectl get pods -n kube-system',
    '',
    `Stop it with: klctl cluster down --data-dir ${layout.dataDir}   (data stays in ${join(layout.dataDir, 'etcd')})`,
  ];
}
