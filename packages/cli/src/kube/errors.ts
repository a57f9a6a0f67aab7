// klctl's own errors for the kubectl-like verbs, declared once, and the one place that turns any
// failure into kubectl's single line on stderr and exit code 1.
import { isApiError, isKubeconfigError, isRestError } from '@kubelite/client';

export const CliProblems = {
  UNKNOWN_RESOURCE: (type: string) => `the server doesn't have a resource type "${type}"`,
  NO_RESOURCE_TYPE: () => 'you must specify the type of resource to get',
  NAME_AND_SELECTOR: () => 'name cannot be provided when a selector is specified',
  NOTHING_TO_DELETE: () => 'resource(s) were provided, but no name was specified',
  NO_FILES: () => 'must specify -f',
  NO_OBJECTS: (source: string) => `no objects passed to apply (${source})`,
  BAD_MANIFEST: (source: string, reason: string) => `error parsing ${source}: ${reason}`,
  NO_KIND: (source: string) => `error validating "${source}": object has no apiVersion or kind`,
  BAD_OUTPUT: (format: string) => `unable to match a printer suitable for the output format "${format}", allowed formats are: json,name,wide,yaml`,
  BAD_LABEL: (arg: string) => `invalid label or annotation spec: "${arg}"`,
  ALREADY_HAS: (what: string, key: string, value: string) => `'${what}' already has a value (${value}), and --overwrite is false`,
  NO_CHANGES: () => 'at least one label or annotation update is required',
  BAD_REPLICAS: (v: string) => `invalid --replicas "${v}": a non-negative integer is required`,
  NOT_DEPLOYMENT: (ref: string) => `${ref}: only deployments are supported`,
  NO_REVISION: (rev: number) => `unable to find specified revision ${rev} in history`,
  NO_ROLLBACK: () => 'no rollout history found for deployment',
  TIMED_OUT: (what: string) => `timed out waiting for ${what}`,
  NO_CONTAINER: (pod: string, container: string) => `container ${container} is not valid for pod ${pod}`,
  EXEC_FAILED: (reason: string) => `exec failed: ${reason}`,
  EXIT_CODE: (code: number) => `command terminated with exit code ${code}`,
  NO_COMMAND: () => 'you must specify at least one command for the container',
  DRAIN_REFUSED: (reasons: string) => `cannot delete ${reasons}`,
  BAD_DURATION: (flag: string, v: string) => `invalid ${flag} "${v}": use a duration like 30s or 2m`,
  BAD_FOR: (v: string) => `--for must be KIND/NAME, got "${v}"`,
  NAMESPACE_MISMATCH: (objNs: string, flagNs: string) =>
    `the namespace from the provided object "${objNs}" does not match the namespace "${flagNs}". You must pass '--namespace=${objNs}' to perform this operation.`,
  UNREACHABLE: (server: string) => `cannot reach the API server at ${server} — is the cluster up? run: klctl cluster up`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type CliProblem = keyof typeof CliProblems;

export class CliError extends Error {
  constructor(
    readonly problem: CliProblem,
    message: string,
    /** the process exit code kubectl uses for this failure */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function cliError<P extends CliProblem>(problem: P, ...args: Parameters<(typeof CliProblems)[P]>): CliError {
  const render = CliProblems[problem] as (...a: Parameters<(typeof CliProblems)[P]>) => string;
  return new CliError(problem, render(...args));
}

export const isCliError = (e: unknown): e is CliError => e instanceof CliError;

/** kubectl's line for a server error: `Error from server (NotFound): pods "x" not found`. */
export function serverErrorLine(e: unknown): string | undefined {
  if (!isApiError(e)) return undefined;
  const reason = e.reason || 'Unknown';
  return `Error from server (${reason}): ${e.status.message ?? e.message}`;
}

/** The one line printed for any failure, and kubectl's exit code for it. */
export function describeFailure(e: unknown, server: string | undefined): { line: string; code: number } {
  const fromServer = serverErrorLine(e);
  if (fromServer) return { line: fromServer, code: 1 };
  if (isCliError(e)) return { line: `error: ${e.message}`, code: e.exitCode };
  if (isRestError(e) && (e.problem === 'CONNECTION' || e.problem === 'TIMEOUT')) {
    return { line: `error: ${CliProblems.UNREACHABLE(server ?? 'the configured server')}`, code: 1 };
  }
  if (isKubeconfigError(e) || isRestError(e)) return { line: `error: ${e.message}`, code: 1 };
  return { line: `error: ${e instanceof Error ? e.message : String(e)}`, code: 1 };
}
