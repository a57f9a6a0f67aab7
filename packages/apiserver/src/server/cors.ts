// CORS for browser clients, as kube-apiserver's --cors-allowed-origins: a list of regular
// expressions matched against the Origin header; no list, no CORS headers at all.

/** Parses the flag: comma-separated regular expressions (bad ones fail at startup, with the pattern named). */
export function parseCorsOrigins(flag: string | undefined): RegExp[] {
  if (!flag) return [];
  return flag
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return new RegExp(s);
      } catch (e) {
        throw new Error(`--cors-allowed-origins: invalid regular expression ${JSON.stringify(s)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
}

/** The response headers for an allowed origin, undefined when the origin is not allowed. */
export function corsHeaders(origin: string, allowed: readonly RegExp[]): Record<string, string> | undefined {
  if (!allowed.some((re) => re.test(origin))) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'Date',
    vary: 'Origin',
  };
}

/** Extra headers a preflight (OPTIONS) answer carries, with Kubernetes' allowed methods and headers. */
export function preflight(): Record<string, string> {
  return {
    'access-control-allow-methods': 'POST, GET, OPTIONS, PUT, DELETE, PATCH',
    'access-control-allow-headers': 'Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, X-Requested-With, If-Modified-Since',
  };
}
