// Why a probe could not even be attempted (upstream: the prober "errored", as opposed to the
// container failing it). Such a result is thrown away rather than counted (reference §5).
const q = (s: string): string => JSON.stringify(s);

export const ProbeProblems = {
  PORT_NOT_FOUND: (port: string, container: string) => `port ${q(port)} not found in container ${q(container)}`,
  INVALID_PORT: (port: string) => `invalid port number: ${port}`,
  NO_HANDLER: (pod: string, container: string) => `missing probe handler for ${pod}:${container}`,
  NO_POD_IP: (container: string) => `the pod has no IP yet to probe container ${q(container)} at`,
  RUNTIME: (container: string, why: string) => `cannot exec in container ${q(container)}: ${why}`,
  BODY_READ: (url: string, why: string) => `reading the response of ${url}: ${why}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type ProbeProblem = keyof typeof ProbeProblems;

export class ProbeError extends Error {
  constructor(
    readonly problem: ProbeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

export function probeError<P extends ProbeProblem>(problem: P, ...args: Parameters<(typeof ProbeProblems)[P]>): ProbeError {
  const fmt = ProbeProblems[problem] as (...a: Parameters<(typeof ProbeProblems)[P]>) => string;
  return new ProbeError(problem, fmt(...args));
}
