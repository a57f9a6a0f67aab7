// Socket errors in the words a Go kubelet puts into probe events ("dial tcp 10.1.2.3:80: connect:
// connection refused"), so `kubectl describe pod` reads the same as on a real cluster.

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  EADDRNOTAVAIL: 'cannot assign requested address',
};

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** The text of a failed connection attempt to `hostPort`. */
export function dialErrorText(err: unknown, hostPort: string): string {
  const code = errorCode(err);
  const connect = code ? CONNECT_ERRORS[code] : undefined;
  if (connect) return `dial tcp ${hostPort}: connect: ${connect}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `dial tcp: lookup ${hostPort.replace(/:\d+$/, '')}: no such host`;
  if (code === 'ECONNRESET') return 'read: connection reset by peer';
  if (err instanceof Error && err.message === 'socket hang up') return 'EOF';
  return err instanceof Error ? err.message : String(err);
}

/** The text of a connection attempt that ran out of time. */
export function dialTimeoutText(hostPort: string): string {
  return `dial tcp ${hostPort}: i/o timeout`;
}
