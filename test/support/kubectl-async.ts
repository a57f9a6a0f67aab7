// The real kubectl run asynchronously: tests that keep in-process helpers (fake kubelet, test
// binder) running must not block their event loop with spawnSync while kubectl waits on them
// (`rollout status` would otherwise wait on a cluster that cannot move).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { KubectlResult } from './apiserver.js';

export function kubectlAsync(kubeconfig: string, args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const proc = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(kubeconfig, '..', 'kubectl-cache'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    proc.stdin.end(opts.input ?? '');
  });
}
