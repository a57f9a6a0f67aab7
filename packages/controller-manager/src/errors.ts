// Every error kube-controller-manager raises itself, declared once. API errors from the server
// are the client library's ApiError and pass through unchanged.
const q = (s: string): string => JSON.stringify(s);

export const ControllerManagerProblems = {
  UNKNOWN_CONTROLLER: (name: string, known: string) => `unknown controller ${q(name)} in --controllers (known: ${known})`,
  BAD_DURATION: (flag: string, value: string) => `${flag}: ${q(value)} is not a duration (e.g. 500ms, 5s, 1m30s)`,
  BAD_NUMBER: (flag: string, value: string) => `${flag}: ${q(value)} is not a positive number`,
  EXPECTATIONS_PENDING: (key: string) => `expectations for ${q(key)} are not yet satisfied`,
  HASH_COLLISION: (name: string) => `hash collision for ReplicaSet ${q(name)}: collisionCount bumped`,
  OWNER_DELETED: (ns: string, name: string, ts: string) => `${ns}/${name} has just been deleted at ${ts}`,
  OWNER_CHANGED: (ns: string, name: string, uid: string, got: string) =>
    `original ${ns}/${name} is gone: got uid ${got}, wanted ${uid}`,
  DEPENDENTS_REMAIN: (what: string, n: number) => `${what} still has ${n} blocking dependents`,
  CONTENT_REMAINS: (ns: string) => `namespace ${q(ns)} still has content`,
  REQUEUE: (why: string) => `requeue: ${why}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type ControllerManagerProblem = keyof typeof ControllerManagerProblems;

export class ControllerManagerError extends Error {
  constructor(
    readonly problem: ControllerManagerProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ControllerManagerError';
  }
}

export function cmError<P extends ControllerManagerProblem>(
  problem: P,
  ...args: Parameters<(typeof ControllerManagerProblems)[P]>
): ControllerManagerError {
  const fmt = ControllerManagerProblems[problem] as (...a: Parameters<(typeof ControllerManagerProblems)[P]>) => string;
  return new ControllerManagerError(problem, fmt(...args));
}
