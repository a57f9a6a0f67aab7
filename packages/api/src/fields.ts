// Field selectors (apimachinery pkg/fields): `?fieldSelector=metadata.name=x,spec.nodeName!=y`.
// Only equality and inequality exist; values may escape `\`, `,` and `=` with a backslash.

export type FieldOperator = '=' | '!=';

export interface FieldTerm {
  readonly field: string;
  /** `==` parses to `=`: Kubernetes treats them as the same term. */
  readonly operator: FieldOperator;
  readonly value: string;
}

export class FieldSelectorError extends Error {
  override name = 'FieldSelectorError';
}

export type Fields = Readonly<Record<string, string>>;

/** fields.EscapeValue: makes any string safe as a selector value. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue: the inverse, rejecting bare `,`/`=` and unknown escapes. */
export function unescapeFieldValue(s: string): string {
  let out = '';
  let inSlash = false;
  for (const ch of s) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      // Kubernetes formats the rune with %v, so the message shows its code point, not the character.
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

// Commas escaped with a backslash stay inside their term, backslash included.
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// The field name cannot be escaped, so the first operator found splits the term; `!=` and `==`
// are tried before `=` so no stray character is left on the value.
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** fields.Selector: terms ANDed together. */
export class FieldsSelector {
  readonly terms: readonly FieldTerm[];

  private constructor(terms: readonly FieldTerm[]) {
    this.terms = Object.freeze([...terms]);
  }

  static of(terms: readonly FieldTerm[]): FieldsSelector {
    return new FieldsSelector(terms);
  }

  static everything(): FieldsSelector {
    return new FieldsSelector([]);
  }

  empty(): boolean {
    return this.terms.length === 0;
  }

  /** A field missing from `fields` counts as the empty string, as in Kubernetes. */
  matches(fields: Fields): boolean {
    return this.terms.every((t) => {
      const actual = Object.hasOwn(fields, t.field) ? fields[t.field] ?? '' : '';
      return t.operator === '=' ? actual === t.value : actual !== t.value;
    });
  }

  /** The value `field` must equal, if pinned (`spec.nodeName=n1` lets a kubelet's watch index). */
  requiresExactMatch(field: string): string | undefined {
    return this.terms.find((t) => t.field === field && t.operator === '=')?.value;
  }

  /** Rewrites terms, e.g. to map a version's field labels or reject unsupported ones by throwing. */
  transform(fn: (term: FieldTerm) => FieldTerm | undefined): FieldsSelector {
    const out: FieldTerm[] = [];
    for (const t of this.terms) {
      const next = fn(t);
      if (next) out.push(next);
    }
    return new FieldsSelector(out);
  }

  toString(): string {
    return this.terms.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(',');
  }
}

/** fields.ParseSelector. Terms come out sorted by their text, as Kubernetes sorts them. */
export function parseFieldSelector(selector: string): FieldsSelector {
  const terms: FieldTerm[] = [];
  const parts = splitTerms(selector).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    terms.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeFieldValue(rhs) });
  }
  return FieldsSelector.of(terms);
}

/** fields.SelectorFromSet: field=value for each entry, in key order. */
export function fieldSelectorFromSet(set: Fields): FieldsSelector {
  const keys = Object.keys(set).sort();
  return FieldsSelector.of(keys.map((field) => ({ field, operator: '=' as const, value: set[field] ?? '' })));
}
