// Starts the real kube-controller-manager binary (packages/controller-manager/dist/main.js)
// against a test cluster, and stops it politely (SIGTERM) or not (SIGKILL, as kill -9).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './etcd-servers.js';

export const controllerManagerBin = join(repoRoot, 'packages/controller-manager/dist/main.js');
export const schedulerBin = join(repoRoot, 'packages/scheduler/dist/main.js');

export interface ComponentProcess {
  process: ChildProcess;
  output(): string;
  /** SIGKILL, like kill -9 */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function spawnComponent(bin: string, args: readonly string[]): ComponentProcess {
  const proc = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer): void => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(sig);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { process: proc, output: () => out, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

export function startControllerManager(kubeconfig: string, extra: readonly string[] = []): ComponentProcess {
  return spawnComponent(controllerManagerBin, [
    '--kubeconfig', kubeconfig,
    '--bind-address', '127.0.0.1',
    '--secure-port', '0',
    '--kube-api-qps', '200',
    '--kube-api-burst', '400',
    ...extra,
  ]);
}
