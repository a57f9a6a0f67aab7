import { describe, expect, it } from 'vitest';
import { BearerTokenAuthenticator, bearerTokenFromHeader } from './bearer-token.js';
import { parseTokenFile, TokenFileAuthenticator } from './token-file.js';

describe('bearerTokenFromHeader (Kubernetes parsing)', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['  Bearer abc  ', 'abc'],
    ['Bearer abc trailing words', 'abc'],
  ])('%j → %j', (header, token) => expect(bearerTokenFromHeader(header)).toBe(token));

  it.each([[undefined], [''], ['   '], ['Bearer'], ['Bearer '], ['Bearer  abc'], ['Basic YWxpY2U6cHc='], ['Token abc']])(
    'no token in %j',
    (header) => expect(bearerTokenFromHeader(header)).toBeUndefined(),
  );
});

describe('BearerTokenAuthenticator over the token file', () => {
  const a = new BearerTokenAuthenticator(
    new TokenFileAuthenticator(parseTokenFile('s3cret,alice,uid-1,"devs,ops"\n', '/tokens.csv').entries),
    'token-file',
  );

  it('matches a known token', async () => {
    expect(await a.authenticate({ headers: { authorization: 'Bearer s3cret' } })).toEqual({
      kind: 'authenticated',
      authenticator: 'token-file',
      user: { name: 'alice', uid: 'uid-1', groups: ['devs', 'ops'], extra: {} },
    });
  });

  it('fails a wrong token, but has no opinion when there is no bearer token', async () => {
    expect(await a.authenticate({ headers: { authorization: 'Bearer s3cret2' } })).toEqual({
      kind: 'failed',
      reason: 'invalid bearer token',
    });
    expect(await a.authenticate({ headers: {} })).toEqual({ kind: 'noOpinion' });
    expect(await a.authenticate({ headers: { authorization: 'Basic czNjcmV0' } })).toEqual({ kind: 'noOpinion' });
  });
});
