// Starting the cluster's kubelet: its command line, its environment and the process itself.
// The kubelet always runs in its own session with its output in <dir>/logs/kubelet.log, so a
// Ctrl-C in the terminal reaches klctl only, and klctl decides how the cluster stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pkiPaths } from '@kubelite/client';
import { clusterError } from './errors.js';
import type { ClusterLayout } from './layout.js';
import { CLUSTER_DIR_ENV, writePidFile } from './processes.js';
import type { ClusterSettings } from './settings.js';
import { findInPath, workspaceBinDir, workspaceRoot } from './workspace.js';

/** On SIGTERM the kubelet stops its pods within this time (graceful node shutdown). */
export const SHUTDOWN_GRACE_PERIOD = '30s';

export interface KubeletCommand {
  file: string;
  args: string[];
}

/** `kubelet` from PATH, else the workspace's bin script run by this node. */
export function resolveKubelet(pathEnv: string | undefined): KubeletCommand {
  const fromPath = findInPath('kubelet', pathEnv);
  if (fromPath) return { file: fromPath, args: [] };
  const script = join(workspaceRoot(), 'packages', 'kubelet', 'bin', 'kubelet.js');
  if (existsSync(script)) return { file: process.execPath, args: [script] };
  throw clusterError('BINARY_NOT_FOUND', 'kubelet');
}

export function kubeletArgs(layout: ClusterLayout, settings: ClusterSettings): string[] {
  return [
    `--kubeconfig=${layout.kubeconfig('kubelet')}`,
    `--hostname-override=${settings.nodeName}`,
    `--pod-manifest-path=${layout.manifestsDir}`,
    `--root-dir=${layout.kubeletRootDir}`,
    '--node-ip=127.0.0.1',
    '--address=127.0.0.1',
    `--port=${settings.ports.kubelet}`,
    `--healthz-port=${settings.ports.kubeletHealthz}`,
    `--client-ca-file=${pkiPaths(layout.pkiDir, 'ca').cert}`,
    `--container-runtime-endpoint=${settings.containerRuntimeEndpoint}`,
    `--shutdown-grace-period=${SHUTDOWN_GRACE_PERIOD}`,
    '--log-format=text',
  ];
}

/**
 * The kubelet's environment: ours, the cluster marker (inherited by every process it starts),
 * and the workspace bins at the end of PATH so the static pods' commands resolve even when klctl
 * was not started through `pnpm exec` (bins earlier in PATH still win).
 */
export function kubeletEnv(layout: ClusterLayout, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dirs = (base.PATH ?? '').split(delimiter).filter(Boolean);
  const bin = workspaceBinDir();
  if (!dirs.includes(bin) && existsSync(bin)) dirs.push(bin);
  return { ...base, PATH: dirs.join(delimiter), [CLUSTER_DIR_ENV]: layout.dataDir };
}

/** Spawns the kubelet detached with its output appended to the log; writes the pid file. */
export function startKubelet(layout: ClusterLayout, settings: ClusterSettings, env: NodeJS.ProcessEnv): ChildProcess {
  const command = resolveKubelet(env.PATH);
  mkdirSync(layout.logsDir, { recursive: true });
  appendFileSync(layout.kubeletLog, `---- klctl cluster up ${new Date().toISOString()} ----\n`);
  const log = openSync(layout.kubeletLog, 'a');
  try {
    const child = spawn(command.file, [...command.args, ...kubeletArgs(layout, settings)], {
      cwd: layout.dataDir,
      env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    // a spawn failure is reported here through the missing pid; the event must not crash klctl
    child.on('error', () => undefined);
    if (child.pid === undefined) throw clusterError('KUBELET_EXITED', 'spawn failed', layout.kubeletLog);
    writePidFile(layout.pidFile, child.pid);
    return child;
  } finally {
    closeSync(log);
  }
}
