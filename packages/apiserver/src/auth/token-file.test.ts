import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenFile, parseTokenFile, TokenFileAuthenticator, TokenFileError } from './token-file.js';

const P = '/etc/kubelite/tokens.csv';

describe('parseTokenFile: well-formed files', () => {
  it('reads 3- and 4-column records, the quoted groups column and CRLF endings; ignores extra columns', () => {
    const text = [
      'secret1,alice,uid-1',
      'secret2,bob,uid-2,"devs,system:masters"',
      'secret3,carol,,ops,ignored,too',
      '"se,cret4","dave ""d""",uid-4,',
    ].join('\r\n');
    const { entries, warnings } = parseTokenFile(text, P);
    expect(warnings).toEqual([]);
    expect(entries.map((e) => [e.token, e.user, e.line])).toEqual([
      ['secret1', { name: 'alice', uid: 'uid-1', groups: [], extra: {} }, 1],
      ['secret2', { name: 'bob', uid: 'uid-2', groups: ['devs', 'system:masters'], extra: {} }, 2],
      ['secret3', { name: 'carol', uid: '', groups: ['ops'], extra: {} }, 3],
      // An empty groups column gives no groups (upstream would give the group "").
      ['se,cret4', { name: 'dave "d"', uid: 'uid-4', groups: [], extra: {} }, 4],
    ]);
  });

  it('skips blank lines, keeps whitespace as data, and numbers lines across a multi-line field', () => {
    const text = '\n\na, b ,c\n"multi\nline",u,1\n\nlast,u2,2\n';
    const { entries } = parseTokenFile(text, P);
    expect(entries.map((e) => [e.token, e.user.name, e.line])).toEqual([
      ['a', ' b ', 3],
      ['multi\nline', 'u', 4],
      ['last', 'u2', 7],
    ]);
  });

  it('warns about an empty token (record skipped) and a duplicate (the later record wins)', () => {
    const text = 'dup,first,1\n,nobody,2\ndup,second,3\n';
    const { entries, warnings } = parseTokenFile(text, P);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.user.name).toBe('second');
    expect(warnings).toEqual([
      `empty token has been found in token file '${P}', record number '2' (line 2)`,
      `duplicate token has been found in token file '${P}', record number '3' (line 3)`,
    ]);
  });

  it('an empty file has no tokens', () => {
    expect(parseTokenFile('', P)).toEqual({ entries: [], warnings: [] });
  });
});

describe('parseTokenFile: malformed files name the file and line', () => {
  const errorOf = (text: string): TokenFileError => {
    try {
      parseTokenFile(text, P);
    } catch (err) {
      if (err instanceof TokenFileError) return err;
      throw err;
    }
    throw new Error('expected a TokenFileError');
  };

  it('fewer than 3 columns', () => {
    const e = errorOf('ok,alice,1\n\ntoken-only,bob\n');
    expect(e.message).toBe(`token file '${P}', line 3: must have at least 3 columns (token, user name, user uid), found 2`);
    expect([e.path, e.line]).toEqual([P, 3]);
  });

  it('there is no comment syntax: a # line is a record like any other', () => {
    expect(errorOf('# tokens for the dev cluster\nt,u,1\n').message).toBe(
      `token file '${P}', line 1: must have at least 3 columns (token, user name, user uid), found 1`,
    );
    // ...and a commented-out record with 3 columns is a live token, as upstream.
    expect(parseTokenFile('#t,u,1\n', P).entries[0]?.token).toBe('#t');
  });

  it('quote errors', () => {
    expect(errorOf('t,u,1\nt2,ab"c,2\n').message).toBe(`token file '${P}', line 2: bare " in non-quoted field`);
    expect(errorOf('t,"u"x,1\n').message).toBe(`token file '${P}', line 1: extraneous or missing " in quoted-field`);
    expect(errorOf('t,u,1\nt2,u2,"unterminated\n').message).toBe(`token file '${P}', line 2: extraneous or missing " in quoted-field`);
  });

  it('loadTokenFile reads from disk and reports the real path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelite-tokens-'));
    try {
      const file = join(dir, 'tokens.csv');
      writeFileSync(file, 'abc,alice,1,"g1,g2"\nbroken\n');
      await expect(loadTokenFile(file)).rejects.toThrow(`token file '${file}', line 2: must have at least 3 columns`);
      writeFileSync(file, 'abc,alice,1,"g1,g2"\n');
      expect((await loadTokenFile(file)).entries[0]?.user.groups).toEqual(['g1', 'g2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TokenFileAuthenticator', () => {
  const auth = new TokenFileAuthenticator(parseTokenFile('tok-a,alice,1,admins\ntok-b,bob,2\n', P).entries);

  it('finds the user for a known token and nobody for unknown, prefix or longer tokens', async () => {
    expect(auth.size).toBe(2);
    expect(await auth.authenticateToken('tok-b')).toEqual({ name: 'bob', uid: '2', groups: [], extra: {} });
    for (const t of ['tok-c', 'tok-', 'tok-aa', '', 'TOK-A']) expect(await auth.authenticateToken(t)).toBeUndefined();
  });

  it('returns copies, so callers cannot change the table', async () => {
    const first = await auth.authenticateToken('tok-a');
    first?.groups.push('system:masters');
    expect((await auth.authenticateToken('tok-a'))?.groups).toEqual(['admins']);
  });
});
