// Runs klctl from its sources (tsx, the root tsconfig's paths) against a kubeconfig, always as a
// child process — never spawnSync — so an in-process kubelet keeps its event loop.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { klctlEnv, repo } from '../cluster/harness.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const main = join(repo, 'packages/cli/src/main.ts');

export interface KlctlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface KlctlRun {
  result: Promise<KlctlResult>;
  /** what has been printed so far */
  stdout(): string;
  kill(): void;
}

/** Starts klctl; bounded by timeoutMs (SIGKILL after, code null). */
export function startKlctl(kubeconfig: string, args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): KlctlRun {
  const child = spawn(process.execPath, ['--import', tsx, main, '--kubeconfig', kubeconfig, ...args], {
    cwd: repo,
    env: { ...klctlEnv(), NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(opts.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
  const result = new Promise<KlctlResult>((done) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
  return { result, stdout: () => stdout, kill: () => child.kill('SIGINT') };
}

export function klctlRun(kubeconfig: string, args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KlctlResult> {
  return startKlctl(kubeconfig, args, opts).result;
}

/** Waits (bounded) until the predicate holds for what the run printed. */
export async function waitForOutput(run: KlctlRun, pred: (out: string) => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred(run.stdout())) {
    if (Date.now() > deadline) throw new Error(`output never matched; got:\n${run.stdout()}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** The cells of a column-aligned line (kubectl and klctl separate cells by 2+ spaces). */
export const cells = (line: string): string[] => line.trim().split(/\s{2,}/);
