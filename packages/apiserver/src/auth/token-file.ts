// The static token file (--token-auth-file), read the way Kubernetes' tokenfile.NewCSV reads it:
// Go's encoding/csv with a variable number of fields, then per record
//   token,user name,user uid[,"group1,group2,..."]   (further columns ignored)
// Rules taken from upstream:
// - fewer than 3 columns is fatal for the whole file;
// - blank lines are skipped (Go's csv does that), but there is NO comment syntax: a `#` line is
//   an ordinary record (and usually fails the 3-column rule);
// - a record with an empty token is skipped with a warning;
// - a duplicate token is a warning and the later record wins;
// - fields are not trimmed: `t, bob, 1` makes the user " bob";
// - a bare `"` inside an unquoted field, or a stray `"` after a quoted one, is a parse error.
// One deliberate difference: upstream splits the groups column with strings.Split, so an empty
// 4th column gives the group ""; we drop empty group names, which no binding could target.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TokenAuthenticator } from './bearer-token.js';
import { newUserInfo, type UserInfo } from './user.js';

export interface TokenFileEntry {
  token: string;
  user: UserInfo;
  /** 1-based line where the record starts, for messages. */
  line: number;
}

export interface ParsedTokenFile {
  /** One entry per distinct token; a duplicate replaced the earlier record. */
  entries: TokenFileEntry[];
  /** Non-fatal findings (empty or duplicate tokens), for the caller to log. */
  warnings: string[];
}

/** A CSV record and the line it started on (quoted fields may span lines). */
interface CsvRecord {
  fields: string[];
  line: number;
}

export class TokenFileError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    detail: string,
  ) {
    super(`token file '${path}', line ${line}: ${detail}`);
    this.name = 'TokenFileError';
  }
}

/** The subset of RFC 4180 that Go's csv.Reader accepts with its defaults (comma, no comments). */
const readCsv = (text: string, path: string): CsvRecord[] => {
  const src = text.replace(/\r\n/g, '\n');
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    // Go's reader skips empty lines entirely.
    if (src[i] === '\n') {
      line++;
      i++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        // Quoted field: `""` is a literal quote; newlines are data.
        i++;
        for (;;) {
          if (i >= src.length) throw new TokenFileError(path, start, 'extraneous or missing " in quoted-field');
          const c = src[i] as string;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\n') {
          throw new TokenFileError(path, line, 'extraneous or missing " in quoted-field');
        }
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n') {
          if (src[i] === '"') throw new TokenFileError(path, line, 'bare " in non-quoted field');
          field += src[i];
          i++;
        }
      }
      fields.push(field);
      if (i < src.length && src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push({ fields, line: start });
    if (i < src.length && src[i] === '\n') {
      line++;
      i++;
    }
  }
  return records;
};

/** Parses token-file text; `path` only labels messages. Throws TokenFileError on the first bad record. */
export const parseTokenFile = (text: string, path: string): ParsedTokenFile => {
  const byToken = new Map<string, TokenFileEntry>();
  const warnings: string[] = [];
  let recordNum = 0;
  for (const rec of readCsv(text, path)) {
    if (rec.fields.length < 3) {
      throw new TokenFileError(
        path,
        rec.line,
        `must have at least 3 columns (token, user name, user uid), found ${rec.fields.length}`,
      );
    }
    recordNum++;
    const [token, name, uid, groupsColumn] = rec.fields as [string, string, string, string | undefined];
    if (token === '') {
      warnings.push(`empty token has been found in token file '${path}', record number '${recordNum}' (line ${rec.line})`);
      continue;
    }
    if (byToken.has(token)) {
      warnings.push(`duplicate token has been found in token file '${path}', record number '${recordNum}' (line ${rec.line})`);
    }
    const groups = groupsColumn === undefined ? [] : groupsColumn.split(',').filter((g) => g !== '');
    // Delete first so a replacement moves to the end (file order of the winning records).
    byToken.delete(token);
    byToken.set(token, { token, user: newUserInfo(name, { uid, groups }), line: rec.line });
  }
  return { entries: [...byToken.values()], warnings };
};

/** Reads and parses --token-auth-file. */
export const loadTokenFile = async (path: string): Promise<ParsedTokenFile> =>
  parseTokenFile(await readFile(path, 'utf8'), path);

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Looks tokens up without a timing oracle: comparing fixed-length SHA-256 digests with
 * timingSafeEqual against every entry (no early exit) makes the time independent of how much of
 * a guess matched and of which entry it matched. A Map lookup would leak through string compare.
 */
export class TokenFileAuthenticator implements TokenAuthenticator {
  private readonly entries: ReadonlyArray<{ digest: Buffer; user: UserInfo }>;

  constructor(entries: readonly TokenFileEntry[]) {
    this.entries = entries.map((e) => ({ digest: digest(e.token), user: e.user }));
  }

  get size(): number {
    return this.entries.length;
  }

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    const d = digest(token);
    let found: UserInfo | undefined;
    for (const e of this.entries) {
      if (timingSafeEqual(e.digest, d)) found = e.user;
    }
    // Hand out a copy: the chain adds groups, and callers must not edit our table.
    return found && newUserInfo(found.name, found);
  }
}
