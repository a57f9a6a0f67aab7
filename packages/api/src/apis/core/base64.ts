// Strict standard base64, as Go's encoding/json decodes []byte fields: the error names the
// offending byte exactly as Go's CorruptInputError does, so users can find it.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export type Base64Result = { ok: true; bytes: Buffer } | { ok: false; error: string };

function corrupt(at: number): Base64Result {
  return { ok: false, error: `illegal base64 data at input byte ${at}` };
}

// Positions of the characters that count (Go skips CR and LF).
function significant(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] !== '\n' && s[i] !== '\r') out.push(i);
  return out;
}

export function decodeBase64(s: string): Base64Result {
  const pos = significant(s);
  for (let q = 0; q < pos.length; q += 4) {
    const quantum = pos.slice(q, q + 4);
    for (let j = 0; j < quantum.length; j++) {
      const at = quantum[j] ?? 0;
      const ch = s[at] ?? '';
      if (ch === '=') {
        // Padding may only fill the last one or two places of the final quantum.
        if (j < 2) return corrupt(at);
        if (j === 2 && s[quantum[3] ?? -1] !== '=') return corrupt(quantum[3] ?? s.length);
        if (q + 4 < pos.length) return corrupt(pos[q + 4] ?? at);
        break;
      }
      if (!ALPHABET.includes(ch)) return corrupt(at);
    }
    if (quantum.length < 4) return corrupt((quantum[quantum.length - 1] ?? 0) + 1 - quantum.length);
  }
  return { ok: true, bytes: Buffer.from(pos.map((i) => s[i]).join(''), 'base64') };
}

export function encodeBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
