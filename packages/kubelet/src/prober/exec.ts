// exec probes: the command runs in the container through the runtime; exit 0 is success, and the
// combined output (first 10 KiB) is what a failure event shows. `$(VAR)` in the command expands
// from the container's literal env values only (upstream ExpandContainerCommandOnlyStatic).
import type { Container } from '@kubelite/api';
import { expand } from '../kuberuntime/expansion.js';
import type { ContainerRuntime } from '../runtime/types.js';
import { probeError } from './errors.js';
import { MAX_PROBE_OUTPUT_BYTES, type HandlerOutcome } from './types.js';

export function expandProbeCommand(command: readonly string[], container: Container): string[] {
  // every env name counts, valueFrom ones as "": the probe has no access to computed values
  const vars = new Map((container.env ?? []).map((e) => [e.name, e.value ?? '']));
  return command.map((arg) => expand(arg, vars));
}

/** Throws a ProbeError when the runtime cannot run the command at all (upstream: "errored"). */
export async function probeExec(runtime: ContainerRuntime, containerId: string, container: Container, command: string[], timeoutMs: number): Promise<HandlerOutcome> {
  let r;
  try {
    r = await runtime.execSync(containerId, command, timeoutMs);
  } catch (err) {
    throw probeError('RUNTIME', container.name, err instanceof Error ? err.message : String(err));
  }
  if (r.timedOut) return { result: 'failure', output: `command ${JSON.stringify(command.join(' '))} timed out` };
  const output = Buffer.concat([r.stdout, r.stderr]).subarray(0, MAX_PROBE_OUTPUT_BYTES).toString('utf8');
  return { result: r.exitCode === 0 ? 'success' : 'failure', output };
}
