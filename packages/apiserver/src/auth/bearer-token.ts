// Bearer-token authentication (Kubernetes' request/bearertoken): pull the token out of the
// Authorization header and hand it to a token authenticator (the static token file today;
// service-account and bootstrap tokens later plug in behind the same TokenAuthenticator seam).
import type { AuthenticationRequest, AuthenticationResult, RequestAuthenticator } from './authenticator.js';
import type { UserInfo } from './user.js';

/** Maps an opaque token to a user. Undefined means "not a token I know". */
export interface TokenAuthenticator {
  authenticateToken(token: string): Promise<UserInfo | undefined>;
}

/**
 * Kubernetes' parsing, kept exactly: trim, split on single spaces, scheme compared
 * case-insensitively, the token is the second part. `Bearer  x` (two spaces) therefore yields an
 * empty token and no opinion, and anything after a third space is ignored.
 */
export const bearerTokenFromHeader = (header: string | undefined): string | undefined => {
  const auth = (header ?? '').trim();
  if (auth === '') return undefined;
  const parts = auth.split(' ');
  if (parts.length < 2 || (parts[0] as string).toLowerCase() !== 'bearer') return undefined;
  const token = parts[1] as string;
  return token === '' ? undefined : token;
};

export class BearerTokenAuthenticator implements RequestAuthenticator {
  readonly name: string;

  constructor(
    private readonly tokens: TokenAuthenticator,
    name = 'bearer-token',
  ) {
    this.name = name;
  }

  async authenticate(req: AuthenticationRequest): Promise<AuthenticationResult> {
    const token = bearerTokenFromHeader(req.headers.authorization);
    // No bearer token: another authenticator (or anonymous) may still apply.
    if (token === undefined) return { kind: 'noOpinion' };
    const user = await this.tokens.authenticateToken(token);
    // A token that was presented but matches nobody is an error, not "no credentials": with
    // anonymous auth on, Kubernetes answers 401 rather than downgrading the caller to anonymous.
    if (!user) return { kind: 'failed', reason: 'invalid bearer token' };
    return { kind: 'authenticated', user, authenticator: this.name };
  }
}
