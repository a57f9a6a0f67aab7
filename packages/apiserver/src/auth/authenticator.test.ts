import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuthenticatorChain,
  effectiveAnonymousAuth,
  loadAuthentication,
  unauthorizedStatus,
  type AuthenticationRequest,
  type AuthenticationResult,
  type RequestAuthenticator,
} from './authenticator.js';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS, newUserInfo, withAuthenticatedGroup } from './user.js';

/** A scripted authenticator that records whether it was asked. */
const stub = (name: string, result: AuthenticationResult | Error): RequestAuthenticator & { calls: number } => ({
  name,
  calls: 0,
  async authenticate(): Promise<AuthenticationResult> {
    this.calls++;
    if (result instanceof Error) throw result;
    return result;
  },
});
const ok = (name: string, user: string, groups: string[] = []): AuthenticationResult => ({
  kind: 'authenticated',
  user: newUserInfo(user, { groups }),
  authenticator: name,
});
const none: AuthenticationResult = { kind: 'noOpinion' };
const bad = (reason: string): AuthenticationResult => ({ kind: 'failed', reason });
const REQ: AuthenticationRequest = { headers: {} };

/** Kubernetes' 401 body, byte for byte (Go's field order). */
const K8S_401 = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}';

describe('AuthenticatorChain', () => {
  it('tries authenticators in order and stops at the first success', async () => {
    const x509 = stub('x509', ok('x509', 'alice', ['devs']));
    const token = stub('token-file', ok('token-file', 'bob'));
    const out = await new AuthenticatorChain({ authenticators: [x509, token], anonymous: false }).authenticate(REQ);
    expect(out).toEqual({ ok: true, authenticator: 'x509', user: newUserInfo('alice', { groups: ['devs', ALL_AUTHENTICATED] }) });
    expect(token.calls).toBe(0);
  });

  it('falls through no-opinion and failures to a later success (bad certificate, good token)', async () => {
    const chain = new AuthenticatorChain({
      authenticators: [stub('x509', bad('expired')), stub('token-file', ok('token-file', 'bob'))],
      anonymous: true,
    });
    const out = await chain.authenticate(REQ);
    expect(out.ok && [out.authenticator, out.user.name, out.user.groups]).toEqual(['token-file', 'bob', [ALL_AUTHENTICATED]]);
  });

  it('anonymous on: a request without credentials is system:anonymous in system:unauthenticated only', async () => {
    const chain = new AuthenticatorChain({ authenticators: [stub('x509', none), stub('token-file', none)], anonymous: true });
    expect(await chain.authenticate(REQ)).toEqual({
      ok: true,
      authenticator: 'anonymous',
      user: { name: ANONYMOUS, uid: '', groups: [ALL_UNAUTHENTICATED], extra: {} },
    });
  });

  it('anonymous on: a rejected credential is still 401, never downgraded to anonymous', async () => {
    const chain = new AuthenticatorChain({ authenticators: [stub('x509', none), stub('token-file', bad('invalid bearer token'))], anonymous: true });
    expect(await chain.authenticate(REQ)).toEqual({ ok: false, status: unauthorizedStatus(), reasons: ['invalid bearer token'] });
  });

  it('anonymous off: no credentials is 401 with Kubernetes\' exact body', async () => {
    const out = await new AuthenticatorChain({ authenticators: [stub('x509', none)], anonymous: false }).authenticate(REQ);
    expect(out.ok).toBe(false);
    expect(!out.ok && JSON.stringify(out.status)).toBe(K8S_401);
    await expect(new AuthenticatorChain({ authenticators: [], anonymous: false }).authenticate(REQ)).resolves.toMatchObject({ ok: false });
  });

  it('an authenticator that throws counts as a failure and does not stop the chain', async () => {
    const chain = new AuthenticatorChain({
      authenticators: [stub('webhook', new Error('connection refused')), stub('token-file', ok('token-file', 'bob'))],
      anonymous: false,
    });
    expect((await chain.authenticate(REQ)).ok).toBe(true);
    const alone = await new AuthenticatorChain({ authenticators: [stub('webhook', new Error('boom'))], anonymous: true }).authenticate(REQ);
    expect(alone).toMatchObject({ ok: false, reasons: ['webhook: boom'] });
  });
});

describe('system:authenticated', () => {
  it('is added once, and not to users who carry an all-users group or are named system:anonymous', () => {
    expect(withAuthenticatedGroup(newUserInfo('a', { groups: ['g'] })).groups).toEqual(['g', ALL_AUTHENTICATED]);
    expect(withAuthenticatedGroup(newUserInfo('a', { groups: [ALL_AUTHENTICATED] })).groups).toEqual([ALL_AUTHENTICATED]);
    expect(withAuthenticatedGroup(newUserInfo('a', { groups: [ALL_UNAUTHENTICATED] })).groups).toEqual([ALL_UNAUTHENTICATED]);
    expect(withAuthenticatedGroup(newUserInfo(ANONYMOUS)).groups).toEqual([]);
  });
});

describe('effectiveAnonymousAuth', () => {
  it('turns anonymous off next to AlwaysAllow, as kube-apiserver does', () => {
    expect(effectiveAnonymousAuth(true, ['AlwaysAllow'])).toMatchObject({ anonymous: false, warning: expect.stringContaining('AlwaysAllow') });
    expect(effectiveAnonymousAuth(true, ['AlwaysDeny'])).toEqual({ anonymous: true });
    expect(effectiveAnonymousAuth(false, ['AlwaysAllow'])).toEqual({ anonymous: false });
  });
});

describe('loadAuthentication', () => {
  it('builds x509 then token-file from the flag files, returning the CA PEM and warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelite-authn-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
        '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt'), '-days', '1', '-subj', '/CN=kubelite-ca'], { stdio: 'pipe' });
      writeFileSync(join(dir, 'tokens.csv'), 't1,alice,1\nt1,alice2,1\n');
      const loaded = await loadAuthentication({ clientCAFile: join(dir, 'ca.crt'), tokenAuthFile: join(dir, 'tokens.csv'), anonymousAuth: false });
      expect(loaded.clientCAPem).toContain('BEGIN CERTIFICATE');
      expect(loaded.warnings).toHaveLength(1);
      const out = await loaded.chain.authenticate({ headers: { authorization: 'Bearer t1' } });
      expect(out.ok && [out.authenticator, out.user.name]).toEqual(['token-file', 'alice2']);
      const wrong = await loaded.chain.authenticate({ headers: { authorization: 'Bearer nope' } });
      expect(wrong).toMatchObject({ ok: false, reasons: ['invalid bearer token'] });

      writeFileSync(join(dir, 'bad.crt'), 'not a certificate');
      await expect(loadAuthentication({ clientCAFile: join(dir, 'bad.crt'), anonymousAuth: false })).rejects.toThrow(
        `client CA file '${join(dir, 'bad.crt')}': no PEM certificates found`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with no flags, only anonymous remains', async () => {
    const { chain } = await loadAuthentication({ anonymousAuth: true });
    expect(await chain.authenticate(REQ)).toMatchObject({ ok: true, user: { name: ANONYMOUS } });
  });
});
