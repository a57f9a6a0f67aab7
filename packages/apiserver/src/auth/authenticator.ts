// The authentication chain, in the order kube-apiserver builds it for our flags: client
// certificate, then bearer token, then (only with --anonymous-auth) the anonymous user.
//
// Semantics follow Kubernetes' union authenticator wrapped the way pkg/kubeapiserver/authenticator
// wraps it:
// - each authenticator says "authenticated", "no opinion" (no credentials of its kind) or
//   "failed" (credentials present but bad); the first success wins and failures are collected;
// - every user found that way also gets `system:authenticated` (AuthenticatedGroupAdder);
// - anonymous is a fail-on-error fallback: it applies only when nobody failed, so a wrong token or
//   an expired certificate gets 401 even with anonymous auth on, never a silent downgrade;
// - without anonymous auth, no user means 401 with Kubernetes' exact Status body.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Status } from '@kubelite/api';
import { BearerTokenAuthenticator } from './bearer-token.js';
import { loadTokenFile, TokenFileAuthenticator } from './token-file.js';
import { anonymousUser, withAuthenticatedGroup, type UserInfo } from './user.js';
import { parseCertificateBundle, tlsPeerInfo, X509Authenticator, type TlsPeerInfo } from './x509.js';

/** What authenticators may look at: headers (lower-case names, as Node gives them) and TLS state. */
export interface AuthenticationRequest {
  headers: IncomingHttpHeaders;
  /** Absent on a plain-TCP connection. */
  tls?: TlsPeerInfo;
}

/** One authenticator's answer, Go's (response, ok, err) as a union. */
export type AuthenticationResult =
  | { kind: 'authenticated'; user: UserInfo; authenticator: string }
  /** The request carries no credentials of this kind. */
  | { kind: 'noOpinion' }
  /** Credentials of this kind are present and were rejected; `reason` is for logs, not clients. */
  | { kind: 'failed'; reason: string };

export interface RequestAuthenticator {
  /** Short label for logs and audit (`x509`, `bearer-token`, ...). */
  readonly name: string;
  authenticate(req: AuthenticationRequest): Promise<AuthenticationResult>;
}

/** The chain's verdict: a user, or the 401 to send plus the reasons to log. */
export type AuthenticationOutcome =
  | { ok: true; user: UserInfo; authenticator: string }
  | { ok: false; status: Status; reasons: string[] };

/**
 * Kubernetes' 401 body. The message is deliberately the bare word: why a credential failed goes
 * to the server log only, so a caller cannot probe which tokens or certificates exist.
 */
export const unauthorizedStatus = (): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
});

export interface AuthenticatorChainOptions {
  /** Tried in order; the first success wins. */
  authenticators: readonly RequestAuthenticator[];
  /** --anonymous-auth (after effectiveAnonymousAuth). */
  anonymous: boolean;
}

export class AuthenticatorChain {
  private readonly authenticators: readonly RequestAuthenticator[];
  readonly anonymous: boolean;

  constructor(opts: AuthenticatorChainOptions) {
    this.authenticators = [...opts.authenticators];
    this.anonymous = opts.anonymous;
  }

  async authenticate(req: AuthenticationRequest): Promise<AuthenticationOutcome> {
    const reasons: string[] = [];
    for (const a of this.authenticators) {
      let r: AuthenticationResult;
      try {
        r = await a.authenticate(req);
      } catch (err) {
        // A broken authenticator must not let the request through, nor stop the others.
        r = { kind: 'failed', reason: `${a.name}: ${err instanceof Error ? err.message : String(err)}` };
      }
      if (r.kind === 'authenticated') {
        return { ok: true, user: withAuthenticatedGroup(r.user), authenticator: r.authenticator };
      }
      if (r.kind === 'failed') reasons.push(r.reason);
    }
    if (this.anonymous && reasons.length === 0) {
      return { ok: true, user: anonymousUser(), authenticator: 'anonymous' };
    }
    return { ok: false, status: unauthorizedStatus(), reasons };
  }
}

/** Builds the request view from Node's IncomingMessage (Fastify: `request.raw`). */
export const authenticationRequestFrom = (req: IncomingMessage): AuthenticationRequest => {
  const tls = tlsPeerInfo(req.socket);
  return tls ? { headers: req.headers, tls } : { headers: req.headers };
};

/**
 * kube-apiserver refuses anonymous auth next to the AlwaysAllow authorizer (anyone on the network
 * would be cluster-admin): it turns anonymous off and warns. Returns the setting to use and the
 * warning to log, if any.
 */
export const effectiveAnonymousAuth = (
  anonymousAuth: boolean,
  authorizationModes: readonly string[],
): { anonymous: boolean; warning?: string } => {
  if (anonymousAuth && authorizationModes.includes('AlwaysAllow')) {
    return {
      anonymous: false,
      warning:
        'AnonymousAuth is not allowed with the AlwaysAllow authorizer. Resetting AnonymousAuth to false. ' +
        'You should use a different authorizer',
    };
  }
  return { anonymous: anonymousAuth };
};

export interface AuthenticationFlags {
  /** --client-ca-file: PEM bundle; enables client-certificate authentication. */
  clientCAFile?: string;
  /** --token-auth-file: enables static bearer tokens. */
  tokenAuthFile?: string;
  /** --anonymous-auth, already passed through effectiveAnonymousAuth. */
  anonymousAuth: boolean;
}

export interface LoadedAuthentication {
  chain: AuthenticatorChain;
  /** The client CA bundle as read, for the HTTPS server's `ca` option (undefined: no client certs). */
  clientCAPem?: string;
  /** Non-fatal findings from the files (duplicate/empty tokens), to log at startup. */
  warnings: string[];
}

/** Reads the flag files and builds the chain; bad files throw with the file (and line) named. */
export const loadAuthentication = async (flags: AuthenticationFlags): Promise<LoadedAuthentication> => {
  const authenticators: RequestAuthenticator[] = [];
  const warnings: string[] = [];
  const loaded: Omit<LoadedAuthentication, 'chain'> = { warnings };
  if (flags.clientCAFile !== undefined) {
    const pem = await readFile(flags.clientCAFile, 'utf8');
    const clientCAs = parseCertificateBundle(pem, `client CA file '${flags.clientCAFile}'`);
    authenticators.push(new X509Authenticator({ clientCAs }));
    loaded.clientCAPem = pem;
  }
  if (flags.tokenAuthFile !== undefined) {
    const parsed = await loadTokenFile(flags.tokenAuthFile);
    warnings.push(...parsed.warnings);
    authenticators.push(new BearerTokenAuthenticator(new TokenFileAuthenticator(parsed.entries), 'token-file'));
  }
  return { ...loaded, chain: new AuthenticatorChain({ authenticators, anonymous: flags.anonymousAuth }) };
};
