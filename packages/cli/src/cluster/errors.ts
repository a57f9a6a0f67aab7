// Every error `klctl cluster` raises itself, declared once: a code, a one-line message. klctl
// prints the message as the single line before exiting 1, so each says what is wrong and, where
// there is one, what to do about it.
const q = (s: string): string => JSON.stringify(s);

export const ClusterProblems = {
  ALREADY_RUNNING: (pid: number) => `cluster already running (pid ${pid}); run: klctl cluster down`,
  NOT_RUNNING: (dir: string) => `no cluster is running in ${dir}`,
  PORT_IN_USE: (port: number, owner: string) =>
    `port ${port} (${owner}) is already in use — stop what listens there or pick other ports (--port-offset, --apiserver-port, --etcd-port)`,
  PORT_CHECK_FAILED: (port: number, owner: string, reason: string) => `cannot check port ${port} (${owner}): ${reason}`,
  BAD_PORT: (flag: string, value: string) => `${flag}: ${q(value)} is not a port number (1-65535)`,
  PORT_OUT_OF_RANGE: (owner: string, port: number) => `${owner} would listen on port ${port}, outside 1-65535; lower --port-offset`,
  BAD_OFFSET: (value: string) => `--port-offset: ${q(value)} is not an integer`,
  BAD_DURATION: (flag: string, value: string) => `${flag}: ${q(value)} is not a duration (e.g. 120s, 2m)`,
  BAD_NODE_NAME: (name: string) => `node name ${q(name)} is not a valid DNS subdomain (lowercase letters, digits, '-', '.'); pass --node-name`,
  BAD_RUNTIME_ENDPOINT: (value: string) => `--container-runtime-endpoint: ${q(value)} is not unix:///path/to/docker.sock`,
  DOCKER_UNREACHABLE: (socket: string, reason: string) =>
    `Docker is not reachable at ${socket} — start it (dockerd) or pass --container-runtime-endpoint (${reason})`,
  BINARY_NOT_FOUND: (name: string) =>
    `${name} is not in PATH and the workspace has no bin for it — run klctl through \`pnpm exec klctl\` in the kubelite checkout`,
  TEMPLATES_MISSING: (dir: string) => `no static pod templates in ${dir}`,
  TEMPLATE_INVALID: (file: string, reason: string) => `manifest template ${file}: ${reason}`,
  TEMPLATE_UNKNOWN_PLACEHOLDER: (file: string, name: string) => `manifest template ${file}: unknown placeholder \${${name}}`,
  SETTINGS_INVALID: (file: string, reason: string) => `${file}: ${reason}; fix or remove it`,
  KUBELET_EXITED: (code: string, log: string) => `kubelet exited (${code}) before the cluster came up; see ${log}`,
  TIMEOUT: (what: string, seconds: number, logs: string) => `timed out after ${seconds}s waiting for ${what}; logs: ${logs}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type ClusterProblem = keyof typeof ClusterProblems;

export class ClusterError extends Error {
  constructor(
    readonly problem: ClusterProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

/** Builds a ClusterError; the arguments are checked against the problem's message. */
export function clusterError<P extends ClusterProblem>(problem: P, ...args: Parameters<(typeof ClusterProblems)[P]>): ClusterError {
  const render = ClusterProblems[problem] as (...a: Parameters<(typeof ClusterProblems)[P]>) => string;
  return new ClusterError(problem, render(...args));
}

export const isClusterError = (e: unknown): e is ClusterError => e instanceof ClusterError;
