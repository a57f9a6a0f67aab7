// Errors leader election raises, declared once: configurations client-go's NewLeaderElector
// rejects (timings that would let two leaders overlap), a lock used before it was read, and
// timestamps in a Lease that are not MicroTime.
const q = (s: string): string => JSON.stringify(s);

export const LeaderElectionProblems = {
  NOT_POSITIVE: (field: string) => `${field} must be greater than zero`,
  LEASE_NOT_LONGER_THAN_RENEW: () => 'leaseDuration must be greater than renewDeadline',
  RENEW_TOO_SHORT: (factor: number) => `renewDeadline must be greater than retryPeriod*${factor}`,
  NO_IDENTITY: () => 'lock identity is empty',
  LOCK_NOT_READ: (lock: string) => `lease ${lock} not initialized: call get or create first`,
  BAD_MICROTIME: (value: string) => `${q(value)} is not an RFC 3339 time`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type LeaderElectionProblem = keyof typeof LeaderElectionProblems;

export class LeaderElectionError extends Error {
  constructor(
    readonly problem: LeaderElectionProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LeaderElectionError';
  }
}

export function leaderElectionError<P extends LeaderElectionProblem>(
  problem: P,
  ...args: Parameters<(typeof LeaderElectionProblems)[P]>
): LeaderElectionError {
  const render = LeaderElectionProblems[problem] as (...a: Parameters<(typeof LeaderElectionProblems)[P]>) => string;
  return new LeaderElectionError(problem, render(...args));
}

export const isLeaderElectionError = (e: unknown): e is LeaderElectionError => e instanceof LeaderElectionError;
