// Normalizes etcdctl output so that transcripts taken against two different servers can be compared.
// Only what legitimately differs between two correct servers is rewritten: cluster/member ids, lease
// ids (→ L1, L2, … in grant order), raft term/index, db size, the server version string, timings,
// host:port pairs and temp paths. Everything else (revisions, values, errors, exit codes) stays.

export interface NormalizeContext {
  /** the server's host:port */
  endpoint: string;
  /** decimal ids read from a response header */
  clusterId: string;
  memberId: string;
  /** decimal lease ids, in the order the script granted them */
  leases: string[];
  /** literal strings (temp paths) → placeholder */
  literals: Map<string, string>;
}

/** Maps a decimal id to its placeholder; unknown ids are kept as they are. */
function idToken(ctx: NormalizeContext, dec: string): string {
  if (dec === ctx.clusterId) return '<CLUSTER_ID>';
  if (dec === ctx.memberId) return '<MEMBER_ID>';
  const i = ctx.leases.indexOf(dec);
  return i >= 0 ? `<L${i + 1}>` : dec;
}

function hexIdToken(ctx: NormalizeContext, hex: string): string {
  if (!/^[0-9a-f]{1,16}$/.test(hex)) return hex;
  const token = idToken(ctx, BigInt(`0x${hex}`).toString());
  return token.startsWith('<') ? token : hex;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const JSON_ID_FIELDS = /"(cluster_id|member_id|ClusterID|MemberID|leader|ID|id|lease|Lease)"(\s*:\s*)(\d+)/g;
const JSON_VOLATILE_FIELDS =
  /"(raft_term|raftTerm|RaftTerm|raftIndex|raftAppliedIndex|dbSize|dbSizeInUse)"(\s*:\s*)\d+/g;

/** Simple (default) output of `endpoint status`: ep, id, version, size, leader, learner, term, index, applied, errors */
const STATUS_LINE =
  /^ENDPOINT, ([^,]+), ([^,]+), ([^,]+), (true|false), (true|false), (\d+), (\d+), (\d+), (.*)$/;
/** Simple output of `member list`: id, status, name, peer urls, client urls, learner */
const MEMBER_LINE = /^([0-9a-f]+), (started|unstarted), /;

const TABLE_COLUMNS: Record<string, string> = {
  VERSION: '<VERSION>',
  'DB SIZE': '<DB_SIZE>',
  'RAFT TERM': '<RAFT_TERM>',
  'RAFT INDEX': '<RAFT_INDEX>',
  'RAFT APPLIED INDEX': '<RAFT_APPLIED_INDEX>',
  TOOK: '<TOOK>',
};

/** `-w table`: drops borders and padding (widths depend on the values) and normalizes cells by column. */
function normalizeTables(lines: string[], ctx: NormalizeContext): string[] {
  const out: string[] = [];
  let header: string[] | null = null;
  for (const line of lines) {
    if (/^\+[-+]+\+$/.test(line)) continue;
    if (!/^\|.*\|$/.test(line)) {
      header = null;
      out.push(line);
      continue;
    }
    const cells = line.slice(1, -1).split('|').map((c) => c.trim());
    if (header === null) {
      header = cells;
    } else {
      const cols = header;
      cells.forEach((cell, i) => {
        const col = cols[i] ?? '';
        if (col === 'ID') cells[i] = hexIdToken(ctx, cell);
        else if (TABLE_COLUMNS[col] !== undefined && cell !== '') cells[i] = TABLE_COLUMNS[col];
      });
    }
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out;
}

function normalizeLine(line: string, ctx: NormalizeContext): string {
  const status = STATUS_LINE.exec(line);
  if (status) {
    const [, id, , , leader, learner, , , , errors] = status;
    return `ENDPOINT, ${hexIdToken(ctx, id ?? '')}, <VERSION>, <DB_SIZE>, ${leader}, ${learner}, <RAFT_TERM>, <RAFT_INDEX>, <RAFT_APPLIED_INDEX>, ${errors}`;
  }
  const member = MEMBER_LINE.exec(line);
  if (member) return hexIdToken(ctx, member[1] ?? '') + line.slice((member[1] ?? '').length);
  return line;
}

/** A remaining TTL within 3 s below the granted TTL is "fresh"; the exact second depends on timing. */
function normalizeRemaining(text: string): string {
  const fresh = (remaining: string, granted: string): boolean =>
    Number(remaining) <= Number(granted) && Number(remaining) >= Number(granted) - 3;
  return text
    .replace(/TTL\((\d+)s\), remaining\((\d+)s\)/g, (m, g: string, r: string) =>
      fresh(r, g) ? `TTL(${g}s), remaining(<FRESH>)` : m,
    )
    .replace(/"ttl":(\d+),"granted-ttl":(\d+)/g, (m, r: string, g: string) =>
      fresh(r, g) ? `"ttl":"<FRESH>","granted-ttl":${g}` : m,
    );
}

/** The keys attached to a lease come out in the server's map order: sort them. */
function sortLeaseKeys(text: string): string {
  return text
    .replace(/attached keys\(\[([^\]]*)\]\)/g, (_m, keys: string) => `attached keys([${keys.split(' ').sort().join(' ')}])`)
    .replace(/"keys":\[([^\]]*)\]/g, (_m, keys: string) => `"keys":[${keys.split(',').sort().join(',')}]`);
}

export function normalizeText(text: string, ctx: NormalizeContext): string {
  let s = text;
  for (const [literal, token] of ctx.literals) s = s.split(literal).join(token);
  s = s.split(ctx.endpoint).join('ENDPOINT');
  s = s.replace(/\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\]):\d+\b/g, 'HOST:PORT');
  s = s.replace(JSON_ID_FIELDS, (_m, field: string, sep: string, dec: string) => `"${field}"${sep}${idToken(ctx, dec)}`);
  s = s.replace(JSON_VOLATILE_FIELDS, (_m, field: string, sep: string) => `"${field}"${sep}<N>`);
  s = s.replace(/"version"(\s*:\s*)"\d+\.\d+\.\d+[^"]*"/g, '"version"$1"<VERSION>"');
  s = s.replace(/"took"(\s*:\s*)"[^"]*"/g, '"took"$1"<TOOK>"');
  s = s.replace(/took = \S+/g, 'took = <TOOK>');
  s = normalizeRemaining(s);
  s = sortLeaseKeys(s);
  // Long hex ids anywhere (lease ids are printed as %016x; member ids as %x).
  for (const dec of [ctx.memberId, ctx.clusterId, ...ctx.leases]) {
    const hex = BigInt(dec).toString(16);
    for (const form of new Set([hex, hex.padStart(16, '0')])) {
      if (form.length >= 8) s = s.replace(new RegExp(`\\b${escapeRegExp(form)}\\b`, 'g'), idToken(ctx, dec));
    }
  }
  const lines = normalizeTables(s.split('\n'), ctx).map((l) => normalizeLine(l, ctx));
  return lines.join('\n');
}

/** etcdctl's zap log lines: timestamps, the per-process client target and sizes/timings are dropped. */
const DROPPED_LOG_FIELDS = ['ts', 'target', 'took', 'size'];

function sortedJson(value: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) sorted[k] = value[k];
  return JSON.stringify(sorted);
}

export function normalizeStderr(text: string, ctx: NormalizeContext): string {
  const lines = text.split('\n').map((line) => {
    if (!line.startsWith('{"level"')) return line;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const f of DROPPED_LOG_FIELDS) delete entry[f];
      return sortedJson(entry);
    } catch {
      return line;
    }
  });
  return normalizeText(lines.join('\n'), ctx);
}
