// Response format negotiation. kubectl asks for Tables (`as=Table;g=meta.k8s.io;v=v1`), typed
// clients list protobuf first with JSON as fallback, and curl sends `*/*`: we answer JSON (or YAML
// when asked), a Table when one is asked for, and 406 only when nothing acceptable is offered.
import { notAcceptable } from '../errors.js';

export type OutputFormat =
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' };

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [typeRaw, ...paramParts] = part.split(';');
    const type = (typeRaw ?? '').trim().toLowerCase();
    if (type === '') continue;
    const params: Record<string, string> = {};
    for (const p of paramParts) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
    }
    const q = params.q === undefined ? 1 : Number(params.q);
    ranges.push({ type, params, q: Number.isFinite(q) ? q : 0 });
  }
  // Stable sort by preference: equal q keeps the client's order, as Go's negotiation does.
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
}

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*', 'application/vnd.kubernetes.protobuf']);

function formatOf(r: MediaRange, tablesAllowed: boolean): OutputFormat | undefined {
  const as = r.params.as;
  if (as === 'Table') {
    const v = r.params.v;
    if (!tablesAllowed || r.params.g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) return undefined;
    if (r.type !== 'application/json' && r.type !== 'application/vnd.kubernetes.protobuf') return undefined;
    return { kind: 'table', version: v };
  }
  // PartialObjectMetadata and other conversions are not served; the client falls back.
  if (as !== undefined) return undefined;
  if (r.type === 'application/yaml') return { kind: 'yaml' };
  // Protobuf responses are not produced (kubectl always offers JSON as well); a client that
  // accepts only protobuf is answered with JSON rather than refused, which kubectl handles.
  if (JSON_TYPES.has(r.type)) return { kind: 'json' };
  return undefined;
}

/**
 * The format to answer with. `tablesAllowed` is false for requests whose result is not an object
 * or list of the resource (e.g. discovery).
 */
export function negotiateOutput(accept: string | undefined, tablesAllowed = true): OutputFormat {
  if (accept === undefined || accept.trim() === '') return { kind: 'json' };
  const ranges = parseAccept(accept);
  for (const r of ranges) {
    const f = formatOf(r, tablesAllowed);
    if (f) return f;
  }
  throw notAcceptable(
    `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
  );
}
