// Port-forward's errors, declared once: what the upgrade refuses with (HTTP code, text) and what
// a broken SPDY session or forwarding attempt reports. Forwarding failures reach kubectl as text
// on the stream's error stream, worded as the kubelet's httpstream handler words them.
export const PortForwardProblems = {
  POD_NOT_FOUND: () => [404, 'pod does not exist'],
  UPGRADE_REQUIRED: () => [400, 'unable to upgrade: missing upgrade headers in request'],
  PROTOCOL_UNSUPPORTED: (offered: readonly string[], supported: readonly string[]) =>
    [400, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${supported.join(' ')}]`],
  FRAME_INVALID: (why: string) => [400, `invalid SPDY frame: ${why}`],
  HEADERS_INVALID: (why: string) => [400, `invalid SPDY header block: ${why}`],
  STREAM_HEADER_MISSING: (name: string) => [400, `${name} header is required`],
  BAD_PORT: (value: string) => [400, `invalid port header ${JSON.stringify(value)}`],
  NO_POD_IP: (pod: string) => [500, `pod ${pod} has no IP address yet`],
  FORWARD_FAILED: (port: number, pod: string, uid: string, why: string) => [500, `error forwarding port ${port} to pod ${pod}, uid ${uid}: ${why}`],
  PAIR_TIMEOUT: (requestId: string) => [500, `timed out waiting for the other stream of request ${requestId}`],
} as const satisfies Record<string, (...args: never[]) => readonly [number, string]>;

export type PortForwardProblem = keyof typeof PortForwardProblems;

export class PortForwardError extends Error {
  constructor(
    readonly problem: PortForwardProblem,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'PortForwardError';
  }
}

export function portForwardError<P extends PortForwardProblem>(problem: P, ...args: Parameters<(typeof PortForwardProblems)[P]>): PortForwardError {
  const fmt = PortForwardProblems[problem] as (...a: Parameters<(typeof PortForwardProblems)[P]>) => readonly [number, string];
  const [code, message] = fmt(...args);
  return new PortForwardError(problem, code, message);
}
