// Every error the client raises about a kubeconfig, declared once. A message is one line that
// names the file (or the files searched) and what is wrong in it, because it ends up as the
// single line a component or klctl prints before exiting.

const q = (s: string): string => JSON.stringify(s);

export const KubeconfigProblems = {
  NOT_FOUND: () => 'file not found',
  UNREADABLE: (reason: string) => `cannot read: ${reason}`,
  INVALID_YAML: (reason: string) => `invalid YAML: ${reason}`,
  INVALID_FIELD: (field: string, expected: string) => `${field} must be ${expected}`,
  DUPLICATE_NAME: (kind: string, name: string) => `duplicate ${kind} name ${q(name)}`,
  NO_CONFIG: () => 'no configuration found',
  NO_CONTEXT: () => 'no context chosen: current-context is not set and no context was given',
  CONTEXT_NOT_FOUND: (name: string) => `context ${q(name)} not found`,
  CONTEXT_INCOMPLETE: (context: string, field: string) => `context ${q(context)} has no ${field}`,
  CLUSTER_NOT_FOUND: (name: string, context: string) => `cluster ${q(name)} (context ${q(context)}) not found`,
  USER_NOT_FOUND: (name: string, context: string) => `user ${q(name)} (context ${q(context)}) not found`,
  NO_SERVER: (cluster: string) => `cluster ${q(cluster)} has no server`,
  BAD_SERVER: (cluster: string, server: string) => `cluster ${q(cluster)}: server ${q(server)} is not an http(s) URL`,
  BOTH_SET: (owner: string, file: string, data: string) => `${owner}: both ${file} and ${data} are set`,
  INSECURE_WITH_CA: (cluster: string) =>
    `cluster ${q(cluster)}: insecure-skip-tls-verify cannot be combined with a certificate authority`,
  CERT_WITHOUT_KEY: (user: string) => `user ${q(user)}: client certificate given without a client key`,
  KEY_WITHOUT_CERT: (user: string) => `user ${q(user)}: client key given without a client certificate`,
  BAD_BASE64: (owner: string, field: string) => `${owner}: ${field} is not valid base64`,
  FILE_UNREADABLE: (owner: string, field: string, path: string, reason: string) =>
    `${owner}: cannot read ${field} ${path}: ${reason}`,
  EMPTY_TOKEN_FILE: (user: string, path: string) => `user ${q(user)}: tokenFile ${path} is empty`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type KubeconfigProblem = keyof typeof KubeconfigProblems;

export class KubeconfigError extends Error {
  constructor(
    readonly problem: KubeconfigProblem,
    /** the file the problem is in, or the files that were searched, joined with ':' */
    readonly location: string,
    detail: string,
  ) {
    super(location ? `kubeconfig ${location}: ${detail}` : `kubeconfig: ${detail}`);
    this.name = 'KubeconfigError';
  }
}

/** Builds a KubeconfigError; the arguments are checked against the problem's message. */
export function kubeconfigError<P extends KubeconfigProblem>(
  problem: P,
  location: string,
  ...args: Parameters<(typeof KubeconfigProblems)[P]>
): KubeconfigError {
  const render = KubeconfigProblems[problem] as (...a: Parameters<(typeof KubeconfigProblems)[P]>) => string;
  return new KubeconfigError(problem, location, render(...args));
}

export const isKubeconfigError = (e: unknown): e is KubeconfigError => e instanceof KubeconfigError;
