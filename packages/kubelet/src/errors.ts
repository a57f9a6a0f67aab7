// Every error the kubelet raises itself, declared once: a code, a message. Container start
// failures also carry the waiting reason users see in `kubectl get pods` (reference §3.2).
const q = (s: string): string => JSON.stringify(s);

export const KubeletProblems = {
  BAD_FLAG: (flag: string, value: string, want: string) => `${flag}: ${q(value)} is not ${want}`,
  BAD_MANIFEST: (path: string, why: string) => `static pod manifest ${path}: ${why}`,
  CONFIG_MAP_NOT_FOUND: (name: string) => `configmap ${q(name)} not found`,
  SECRET_NOT_FOUND: (name: string) => `secret ${q(name)} not found`,
  KEY_NOT_FOUND: (kind: string, key: string, name: string) => `couldn't find key ${key} in ${kind} ${name}`,
  FIELD_PATH_UNSUPPORTED: (path: string) => `unsupported fieldPath: ${path}`,
  NO_API: (what: string) => `${what} needs the API server, and this kubelet runs standalone`,
  RUNTIME_HANDLER_UNSUPPORTED: (name: string) => `RuntimeHandler ${q(name)} not supported`,
  PROCESS_RUNTIME_FORBIDDEN: () => 'runtimeClassName "process" runs host processes: only static pods, or API pods with --allow-privileged',
  IMAGE_NEVER_PULL: (image: string) => `Container image ${q(image)} is not present with pull policy of Never`,
  IMAGE_BACKOFF: (image: string) => `Back-off pulling image ${q(image)}`,
  CRASH_BACKOFF: (backoff: string, container: string, pod: string) =>
    `back-off ${backoff} restarting failed container=${container} pod=${pod}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type KubeletProblem = keyof typeof KubeletProblems;

export class KubeletError extends Error {
  constructor(
    readonly problem: KubeletProblem,
    message: string,
    /** The container waiting reason this error shows as, when it stops a container from starting. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'KubeletError';
  }
}

export function kubeletError<P extends KubeletProblem>(
  problem: P,
  ...args: Parameters<(typeof KubeletProblems)[P]>
): KubeletError {
  const fmt = KubeletProblems[problem] as (...a: Parameters<(typeof KubeletProblems)[P]>) => string;
  return new KubeletError(problem, fmt(...args));
}

/** A failure that leaves the container waiting with `reason` (CreateContainerConfigError, ErrImagePull, …). */
export class ContainerStartError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerStartError';
  }
}
