// The processes of one cluster. The kubelet's pid is in <dir>/kubelet.pid; every process it
// starts (the process-runtime shims and the control-plane components under them) inherits its
// environment, which carries CLUSTER_DIR_ENV=<dir>. That marker is how `cluster down` finds
// what is left of a cluster after a kubelet was killed, and how the tests check that nothing is.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

export const CLUSTER_DIR_ENV = 'KUBELITE_CLUSTER_DIR';

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Whether pid is a live process. A zombie counts as gone: it has exited, and where pid 1 does
 * not reap orphans it would otherwise look alive forever.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProc(pid, 'stat');
  if (stat === undefined) return existsSync(`/proc/${pid}`) || !existsSync('/proc/self');
  // "pid (comm) S ..." — comm may hold spaces and parentheses, the state follows the last ')'
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

export function readPidFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePidFile(file: string, pid: number): void {
  writeFileSync(file, `${pid}\n`);
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}

/** Whether the process carries this cluster's marker (so a recycled pid is never mistaken for it). */
export function belongsToCluster(pid: number, dataDir: string): boolean {
  const environ = readProc(pid, 'environ');
  return environ !== undefined && environ.split('\0').includes(`${CLUSTER_DIR_ENV}=${dataDir}`);
}

/** The kubelet of this data dir, when its pid file names a live process of this cluster. */
export function runningKubelet(pidFile: string, dataDir: string): number | undefined {
  const pid = readPidFile(pidFile);
  return pid !== undefined && isAlive(pid) && belongsToCluster(pid, dataDir) ? pid : undefined;
}

/** Every live process (ours to read) that carries this cluster's marker. */
export function clusterProcesses(dataDir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => pid !== process.pid && belongsToCluster(pid, dataDir) && isAlive(pid));
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
