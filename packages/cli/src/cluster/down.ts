// `klctl cluster down`: SIGTERM the kubelet, which stops every pod it runs within its shutdown
// grace period (graceful node shutdown) and exits; SIGKILL it if it does not within the bound.
// Whatever of the cluster is still alive after that (a killed kubelet leaves its process pods
// running) is stopped the same way, found by the cluster marker in its environment.
import { clusterError } from './errors.js';
import { clusterLayout } from './layout.js';
import { PollTimeout, pollUntil } from './poll.js';
import { clusterProcesses, isAlive, readPidFile, removePidFile, runningKubelet, signal } from './processes.js';
import { silentProgress, type Progress } from './progress.js';

/** Longer than the kubelet's 30 s shutdown grace period plus its own 15 s hard stop. */
export const DOWN_TIMEOUT_MS = 60_000;
const LEFTOVER_TIMEOUT_MS = 10_000;

export interface DownOptions {
  dataDir: string;
  progress?: Progress;
  timeoutMs?: number;
}

export interface DownResult {
  /** the kubelet that was stopped, if one ran */
  kubeletPid?: number;
  /** the kubelet needed SIGKILL */
  killed: boolean;
  /** other processes of the cluster that had to be stopped after the kubelet */
  leftovers: number;
}

const KILL_WAIT_MS = 5_000;

/** Waits until every pid is gone; false when some outlived the bound. */
async function waitGone(pids: readonly number[], timeoutMs: number, onWaiting?: (seconds: number) => void): Promise<boolean> {
  const started = Date.now();
  try {
    await pollUntil(
      async () => {
        const alive = pids.filter(isAlive);
        return alive.length === 0 ? undefined : `${alive.length} running`;
      },
      { deadline: started + timeoutMs, intervalMs: 250, onWaiting: () => onWaiting?.(Math.round((Date.now() - started) / 1000)) },
    );
    return true;
  } catch (e) {
    if (e instanceof PollTimeout) return false;
    throw e;
  }
}

async function stopAll(pids: readonly number[], timeoutMs: number, onWaiting?: (seconds: number) => void): Promise<boolean> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  return waitGone(pids, timeoutMs, onWaiting);
}

async function killAll(pids: readonly number[]): Promise<void> {
  for (const pid of pids) signal(pid, 'SIGKILL');
  await waitGone(pids, KILL_WAIT_MS);
}

export async function clusterDown(opts: DownOptions): Promise<DownResult> {
  const layout = clusterLayout(opts.dataDir);
  const progress = opts.progress ?? silentProgress();
  const timeoutMs = opts.timeoutMs ?? DOWN_TIMEOUT_MS;
  const kubeletPid = runningKubelet(layout.pidFile, layout.dataDir);
  const others = clusterProcesses(layout.dataDir).filter((p) => p !== kubeletPid);
  if (kubeletPid === undefined && others.length === 0) {
    if (readPidFile(layout.pidFile) !== undefined) removePidFile(layout.pidFile);
    throw clusterError('NOT_RUNNING', layout.dataDir);
  }
  const result: DownResult = { killed: false, leftovers: 0, ...(kubeletPid !== undefined ? { kubeletPid } : {}) };

  if (kubeletPid !== undefined) {
    const what = `stopping the kubelet (pid ${kubeletPid}) and its pods`;
    progress.start(what);
    const stopped = await stopAll([kubeletPid], timeoutMs, (s) => progress.update(`${what} (${s}s)`));
    if (stopped) {
      progress.done(`kubelet stopped (pid ${kubeletPid})`);
    } else {
      await killAll([kubeletPid]);
      result.killed = true;
      progress.warn(`the kubelet did not stop within ${timeoutMs / 1000}s; killed it (SIGKILL)`);
    }
  }

  const left = clusterProcesses(layout.dataDir);
  if (left.length > 0) {
    progress.start(`stopping ${left.length} leftover process(es) of this cluster`);
    if (!(await stopAll(left, LEFTOVER_TIMEOUT_MS))) await killAll(left.filter(isAlive));
    result.leftovers = left.length;
    progress.warn(`stopped ${left.length} leftover process(es) of this cluster (pids ${left.join(', ')})`);
  }
  removePidFile(layout.pidFile);
  return result;
}
