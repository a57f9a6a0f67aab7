// Every error kube-proxy raises itself, declared once. API errors from the server are the client
// library's ApiError and pass through unchanged.
const q = (s: string): string => JSON.stringify(s);

export const ProxyProblems = {
  BAD_DURATION: (flag: string, value: string) => `${flag}: ${q(value)} is not a duration (e.g. 500ms, 5s, 1m30s)`,
  BAD_NUMBER: (flag: string, value: string) => `${flag}: ${q(value)} is not a non-negative number`,
  BAD_BIND_ADDRESS: (flag: string, value: string) => `${flag}: ${q(value)} is not an IP address`,
  BAD_HOST_PORT: (flag: string, value: string) => `${flag}: ${q(value)} is not <ip>[:<port>] (port 0-65535)`,
  BAD_NODEPORT_ADDRESS: (value: string) =>
    `--nodeport-addresses: ${q(value)} is not a CIDR (e.g. 127.0.0.0/8) or an IP address`,
  LISTEN_FAILED: (what: string, address: string, port: number, why: string) =>
    `can't open port "${what}" (${address}:${port}/tcp): ${why}`,
  NO_ENDPOINTS: (servicePort: string) => `service ${q(servicePort)} has no usable endpoints`,
  DIAL_FAILED: (servicePort: string, endpoint: string, why: string) =>
    `service ${q(servicePort)}: could not connect to endpoint ${endpoint}: ${why}`,
} as const satisfies Record<string, (...args: never[]) => string>;

export type ProxyProblem = keyof typeof ProxyProblems;

export class ProxyError extends Error {
  constructor(
    readonly problem: ProxyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

export function proxyError<P extends ProxyProblem>(problem: P, ...args: Parameters<(typeof ProxyProblems)[P]>): ProxyError {
  const render = ProxyProblems[problem] as (...a: Parameters<(typeof ProxyProblems)[P]>) => string;
  return new ProxyError(problem, render(...args));
}

export const isProxyError = (e: unknown): e is ProxyError => e instanceof ProxyError;
