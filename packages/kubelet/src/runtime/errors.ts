// Every error the container runtimes raise themselves, declared once. Docker's own refusals keep
// the daemon's words (the kubelet shows them to users as CreateContainerError, ErrImagePull, …)
// behind the operation that hit them.
const q = (s: string): string => JSON.stringify(s);

export const RuntimeProblems = {
  NOT_FOUND: (kind: 'container' | 'sandbox' | 'image' | 'exec', id: string) => `${kind} ${q(id)} not found`,
  BAD_ENDPOINT: (endpoint: string) =>
    `container runtime endpoint ${q(endpoint)} is not a unix socket (expected unix:///path or /path)`,
  DOCKER: (op: string, message: string) => `${op}: ${message}`,
  DOCKER_DOWN: (endpoint: string, message: string) =>
    `container runtime is down: cannot connect to the Docker daemon at ${endpoint}: ${message}`,
  IMAGE_PULL: (image: string, message: string) => `failed to pull image ${q(image)}: ${message}`,
  NO_COMMAND: (container: string) =>
    `container ${q(container)}: the process runtime needs a command (a host process has no image entrypoint)`,
  NOT_RUNNING: (id: string) => `container ${q(id)} is not running`,
  SANDBOX_NOT_READY: (id: string) => `sandbox ${q(id)} is not ready`,
  STDIN_UNSUPPORTED: (what: string) => `${what}: stdin is not supported by the process runtime`,
  TTY_UNSUPPORTED: (what: string) => `${what}: a tty is not supported by the process runtime`,
  SHIM_FAILED: (id: string, message: string) => `container ${q(id)}: supervisor failed: ${message}`,
  START_FAILED: (id: string, message: string) => `failed to start container ${q(id)}: ${message}`,
  STATE_CORRUPT: (path: string, message: string) => `runtime state file ${path} is unreadable: ${message}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type RuntimeProblem = keyof typeof RuntimeProblems;

export class RuntimeError extends Error {
  constructor(
    readonly problem: RuntimeProblem,
    message: string,
    /** The Docker API status code behind a DOCKER problem, when there was one. */
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}

export function runtimeError<P extends RuntimeProblem>(
  problem: P,
  ...args: Parameters<(typeof RuntimeProblems)[P]>
): RuntimeError {
  const render = RuntimeProblems[problem] as (...a: Parameters<(typeof RuntimeProblems)[P]>) => string;
  return new RuntimeError(problem, render(...args));
}

export const isRuntimeError = (e: unknown, problem?: RuntimeProblem): e is RuntimeError =>
  e instanceof RuntimeError && (problem === undefined || e.problem === problem);
