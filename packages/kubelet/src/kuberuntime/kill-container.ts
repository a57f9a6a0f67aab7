// killContainer (reference §3.6): the Killing event, the preStop hook within the grace period,
// then the runtime's stop (SIGTERM, SIGKILL after what is left of the grace, at least 2 s). Works
// from the container's stored annotations alone, so a pod already gone from the API still gets
// its preStop hook and its grace period.
import type { Handler } from '@kubelite/api';
import type { ContainerRuntime, ContainerStatus } from '../runtime/types.js';
import { PRE_STOP, TERMINATION_GRACE } from './annotations.js';

const MIN_GRACE_SECONDS = 2;

export interface KillOptions {
  /** Overrides every other grace period (pod deletionGracePeriodSeconds, eviction, probe grace). */
  gracePeriodSeconds?: number;
  podIP?: string;
  message: string;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export function gracePeriodFor(c: ContainerStatus, override?: number): number {
  if (override !== undefined) return override;
  const stored = Number(c.annotations[TERMINATION_GRACE]);
  return Number.isFinite(stored) ? stored : MIN_GRACE_SECONDS;
}

export async function killContainer(runtime: ContainerRuntime, c: ContainerStatus, opts: KillOptions): Promise<void> {
  let grace = gracePeriodFor(c, opts.gracePeriodSeconds);
  opts.event('Normal', 'Killing', opts.message);
  const preStop = c.annotations[PRE_STOP];
  if (preStop && grace > 0 && c.state === 'running') {
    const started = Date.now();
    try {
      await runHook(runtime, c.id, JSON.parse(preStop) as Handler, grace * 1000, opts.podIP);
    } catch (err) {
      opts.event('Warning', 'FailedPreStopHook', `PreStopHook failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    grace -= Math.floor((Date.now() - started) / 1000);
  }
  await runtime.stopContainer(c.id, Math.max(MIN_GRACE_SECONDS, grace));
}

/** Runs a lifecycle hook; rejects with the hook's failure. */
export async function runHook(runtime: ContainerRuntime, containerId: string, h: Handler, timeoutMs: number, podIP?: string): Promise<void> {
  if (h.exec?.command?.length) {
    const r = await runtime.execSync(containerId, h.exec.command, timeoutMs);
    if (r.timedOut) throw new Error(`command ${JSON.stringify(h.exec.command.join(' '))} timed out`);
    if (r.exitCode !== 0) throw new Error(`command ${JSON.stringify(h.exec.command.join(' '))} exited with ${r.exitCode}: ${r.stderr.toString().trim()}`);
  } else if (h.sleep) {
    await new Promise((r) => setTimeout(r, Math.min(timeoutMs, h.sleep!.seconds * 1000)));
  } else if (h.httpGet) {
    const host = h.httpGet.host || podIP || '127.0.0.1';
    const url = `${(h.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${String(h.httpGet.port)}${h.httpGet.path ?? '/'}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.status >= 400) throw new Error(`HTTP lifecycle hook (${h.httpGet.path ?? '/'}) for Container in Pod failed with statuscode: ${res.status}`);
  }
}
