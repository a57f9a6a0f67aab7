// Every error the kubelet API answers with, declared once: an HTTP code and upstream's wording
// (pkg/kubelet/server, validateContainerLogStatus, remotecommand). The body is plain text, as
// the real kubelet writes it; the API server relays it to kubectl users.
const q = (s: string): string => JSON.stringify(s);

export const KubeletServerProblems = {
  UNAUTHORIZED: () => [401, 'Unauthorized'],
  NOT_FOUND: () => [404, '404 page not found'],
  METHOD_NOT_ALLOWED: () => [405, 'Method Not Allowed'],
  MISSING_CONTAINER_NAME: () => [400, '{"message": "Missing container name."}'],
  BAD_LOG_QUERY: () => [400, '{"message": "Unable to decode query."}'],
  INVALID_LOG_OPTIONS: () => [422, '{"message": "Invalid request."}'],
  LOG_POD_NOT_FOUND: (pod: string) => [404, `pod ${q(pod)} does not exist`],
  LOG_CONTAINER_NOT_IN_SPEC: (container: string, pod: string) => [404, `container ${q(container)} not found in pod ${q(pod)}`],
  LOG_CONTAINER_NOT_AVAILABLE: (container: string, pod: string) => [400, `container ${q(container)} in pod ${q(pod)} is not available`],
  LOG_PREVIOUS_NOT_FOUND: (container: string, pod: string) => [400, `previous terminated container ${q(container)} in pod ${q(pod)} not found`],
  LOG_TERMINATED: (container: string, pod: string) => [400, `container ${q(container)} in pod ${q(pod)} is terminated`],
  LOG_WAITING: (container: string, pod: string, why: string) => [400, `container ${q(container)} in pod ${q(pod)} is waiting to start: ${why}`],
  LOG_NO_LOGS_YET: (container: string, pod: string) => [400, `container ${q(container)} in pod ${q(pod)} is waiting to start - no logs yet`],
  NO_STREAMS: () => [400, 'you must specify at least 1 of stdin, stdout, stderr'],
  STREAM_POD_NOT_FOUND: () => [404, 'pod does not exist'],
  EXEC_CONTAINER_NOT_FOUND: (container: string) => [500, `container not found (${q(container)})`],
  ATTACH_CONTAINER_NOT_FOUND: (container: string, podFullName: string) => [500, `container ${container} not found in pod ${podFullName}`],
  UPGRADE_REQUIRED: () => [400, 'unable to upgrade: missing upgrade headers in request'],
  SPDY_UNSUPPORTED: () => [400, 'unable to upgrade: SPDY/3.1 streaming is not supported by this kubelet; use a WebSocket client (kubectl 1.30 or newer)'],
  PROTOCOL_UNSUPPORTED: (offered: readonly string[], supported: readonly string[]) =>
    [400, `unable to upgrade: requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supported.join(' ')}]`],
} as const satisfies Record<string, (...args: never[]) => readonly [number, string]>;

export type KubeletServerProblem = keyof typeof KubeletServerProblems;

export class KubeletServerError extends Error {
  constructor(
    readonly problem: KubeletServerProblem,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'KubeletServerError';
  }
}

export function serverError<P extends KubeletServerProblem>(problem: P, ...args: Parameters<(typeof KubeletServerProblems)[P]>): KubeletServerError {
  const fmt = KubeletServerProblems[problem] as (...a: Parameters<(typeof KubeletServerProblems)[P]>) => readonly [number, string];
  const [code, message] = fmt(...args);
  return new KubeletServerError(problem, code, message);
}

export const isServerError = (e: unknown): e is KubeletServerError => e instanceof KubeletServerError;
