// Label selectors (apimachinery pkg/labels): the `?labelSelector=` string syntax, matching, and
// metav1.LabelSelector conversion. Messages match Kubernetes' word for word because the apiserver
// returns them in 400 BadRequest Status objects.
import { aggregateMessage, fieldErrorMessage, goQuote, invalid, type FieldError } from './field.js';
import type { LabelSelector } from './meta.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';

/** selection.Operator values; `gt`/`lt` exist in the string syntax but not in metav1.LabelSelector. */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** As given; the parser hands over a sorted, de-duplicated set like Kubernetes' does. */
  readonly values: readonly string[];
}

export class LabelSelectorError extends Error {
  override name = 'LabelSelectorError';
}

export type Labels = Readonly<Record<string, string>>;

const INT64 = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64), or undefined where Go would return an error. */
function parseInt64(s: string): bigint | undefined {
  if (!INT64.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

function keyError(key: string, path: string): FieldError | undefined {
  const msgs = isQualifiedName(key);
  return msgs.length === 0 ? undefined : invalid(path, key, msgs.join('; '));
}

function operatorErrors(op: LabelOperator, values: readonly string[]): FieldError[] {
  const list = [...values];
  switch (op) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [invalid('values', list, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return values.length === 1 ? [] : [invalid('values', list, 'exact-match compatibility requires one single value')];
    case 'exists':
    case '!':
      return values.length === 0 ? [] : [invalid('values', list, 'values set must be empty for exists and does not exist')];
    case 'gt':
    case 'lt': {
      const errs = values.length === 1 ? [] : [invalid('values', list, "for 'Gt', 'Lt' operators, exactly one value is required")];
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      return errs;
    }
  }
}

/** labels.NewRequirement: validates the key, the operator's arity and every value. */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[] = []): LabelRequirement {
  const errs: FieldError[] = [];
  const bad = keyError(key, 'key');
  if (bad) errs.push(bad);
  errs.push(...operatorErrors(operator, values));
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(invalid(`values[${i}][${key}]`, v, msgs.join('; ')));
  });
  if (errs.length > 0) throw new LabelSelectorError(aggregateMessage(errs.map(fieldErrorMessage)));
  return Object.freeze({ key, operator, values: Object.freeze([...values]) });
}

function hasValue(r: LabelRequirement, v: string): boolean {
  return r.values.includes(v);
}

function compareInt(r: LabelRequirement, actual: string): boolean {
  const have = parseInt64(actual);
  const want = r.values.length === 1 ? parseInt64(r.values[0] ?? '') : undefined;
  if (have === undefined || want === undefined) return false;
  return r.operator === 'gt' ? have > want : have < want;
}

export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const present = Object.hasOwn(labels, r.key);
  const actual = present ? labels[r.key] ?? '' : '';
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return present && hasValue(r, actual);
    case '!=':
    case 'notin':
      return !present || !hasValue(r, actual);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
    case 'lt':
      return present && compareInt(r, actual);
  }
}

const OPERATOR_TEXT: Readonly<Record<LabelOperator, string>> = {
  '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '',
};

export function requirementString(r: LabelRequirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  const list = r.operator === 'in' || r.operator === 'notin' ? `(${values})` : values;
  return `${r.key}${OPERATOR_TEXT[r.operator]}${list}`;
}

// Array.prototype.sort is stable, which matches Go's insertion sort for small selectors.
const byKey = (a: LabelRequirement, b: LabelRequirement): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** labels.Selector: requirements ANDed together, kept in key order. */
export class LabelsSelector {
  readonly requirements: readonly LabelRequirement[];

  private constructor(requirements: readonly LabelRequirement[], private readonly nothing = false) {
    this.requirements = Object.freeze([...requirements].sort(byKey));
  }

  static of(requirements: readonly LabelRequirement[]): LabelsSelector {
    return new LabelsSelector(requirements);
  }

  /** Matches every object. */
  static everything(): LabelsSelector {
    return new LabelsSelector([]);
  }

  /** Matches no object; what a nil metav1.LabelSelector means. */
  static nothing(): LabelsSelector {
    return new LabelsSelector([], true);
  }

  add(...requirements: LabelRequirement[]): LabelsSelector {
    return new LabelsSelector([...this.requirements, ...requirements], this.nothing);
  }

  /** True when it selects everything. */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  matches(labels: Labels | undefined): boolean {
    if (this.nothing) return false;
    const ls = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, ls));
  }

  /** The value `key` must equal for a match, if the selector pins one (used to index lookups). */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((q) => q.key === key && (q.operator === '=' || q.operator === '==' || (q.operator === 'in' && q.values.length === 1)));
    return r?.values[0];
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

/** labels.SelectorFromSet: key=value for every entry; the values are validated. */
export function labelSelectorFromSet(set: Labels | undefined): LabelsSelector {
  return LabelsSelector.of(Object.entries(set ?? {}).map(([k, v]) => newRequirement(k, '=', [v])));
}

const METAV1_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!',
};

/** metav1.LabelSelectorAsSelector: nil selects nothing, an empty selector selects everything. */
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): LabelsSelector {
  if (ps === null || ps === undefined) return LabelsSelector.nothing();
  const matchLabels = Object.entries(ps.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const exprs = ps.matchExpressions ?? [];
  if (matchLabels.length + exprs.length === 0) return LabelsSelector.everything();
  const reqs = matchLabels.map(([k, v]) => newRequirement(k, '=', [v]));
  for (const e of exprs) {
    const op = Object.hasOwn(METAV1_OPERATORS, e.operator) ? METAV1_OPERATORS[e.operator] : undefined;
    if (op === undefined) throw new LabelSelectorError(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  return LabelsSelector.of(reqs);
}

// ---- the string syntax (labels.Parse) ----

type Token = 'id' | 'in' | 'notin' | '!' | '=' | '==' | '!=' | '>' | '<' | '(' | ')' | ',' | 'end' | 'error';
interface Item {
  tok: Token;
  lit: string;
}

const SYMBOLS: ReadonlySet<string> = new Set(['!', '=', '==', '!=', '>', '<', '(', ')', ',']);
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

// Longest run of special characters that still forms a known symbol, as Kubernetes' lexer reads.
function lexSymbol(s: string, start: number): [Item, number] {
  let best: Item | undefined;
  let end = start;
  for (let i = start; i < s.length && isSpecial(s[i] ?? ''); i++) {
    const candidate = s.slice(start, i + 1);
    if (SYMBOLS.has(candidate)) {
      best = { tok: candidate as Token, lit: candidate };
      end = i + 1;
    } else if (best) break;
  }
  if (best) return [best, end];
  return [{ tok: 'error', lit: `error expected: keyword found '${s.slice(start, end)}'` }, end];
}

function lex(s: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i] ?? '')) i++;
    if (i >= s.length) break;
    if (isSpecial(s[i] ?? '')) {
      const [item, next] = lexSymbol(s, i);
      items.push(item);
      if (next === i) break;
      i = next;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpecial(s[i] ?? '') && !isSpace(s[i] ?? '')) i++;
    const word = s.slice(start, i);
    items.push({ tok: word === 'in' || word === 'notin' ? word : 'id', lit: word });
  }
  items.push({ tok: 'end', lit: '' });
  return items;
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';
const SYMBOL_OPERATORS: Readonly<Partial<Record<Token, LabelOperator>>> = {
  in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt',
};
const fail = (msg: string): never => {
  throw new LabelSelectorError(msg);
};

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  // Where a value or key is expected, the keywords are ordinary identifiers (a key named "in").
  peek(asValue = true): Item {
    const item = this.items[this.pos] ?? { tok: 'end', lit: '' };
    return asValue && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  next(asValue = true): Item {
    const item = this.peek(asValue);
    this.pos++;
    return item;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'end') return reqs;
      if (tok !== 'id' && tok !== '!') fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        if (e instanceof LabelSelectorError) fail(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next();
      if (after.tok === 'end') return reqs;
      if (after.tok !== ',') fail(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== 'id' && following.tok !== '!') fail(`found '${following.lit}', expected: identifier after ','`);
    }
  }

  requirement(): LabelRequirement {
    let item = this.next();
    const negated = item.tok === '!';
    if (negated) item = this.next();
    if (item.tok !== 'id') fail(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    // The parser reports a bad key without a field path, hence Kubernetes' "<nil>".
    const bad = keyError(key, '<nil>');
    if (bad) fail(fieldErrorMessage(bad));
    const ahead = this.peek().tok;
    if (negated) return newRequirement(key, '!', []);
    if (ahead === 'end' || ahead === ',') return newRequirement(key, 'exists', []);
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, op, values);
  }

  operator(): LabelOperator {
    const { tok, lit } = this.next(false);
    return SYMBOL_OPERATORS[tok] ?? fail(`found '${lit}', expected: ${BINARY_OPERATORS}`);
  }

  exactValue(): string[] {
    const ahead = this.peek().tok;
    if (ahead === 'end' || ahead === ',') return [''];
    const { tok, lit } = this.next();
    return tok === 'id' ? [lit] : fail(`found '${lit}', expected: identifier`);
  }

  valueSet(): string[] {
    const open = this.next();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek();
    if (tok === ')') {
      this.next();
      return [''];
    }
    if (tok !== 'id' && tok !== ',') fail(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    // Kubernetes quotes the token seen before the list here, not the offending one.
    if (this.next().tok !== ')') fail(`found '${lit}', expected: ')'`);
    return [...values].sort();
  }

  // Empty members are allowed and mean the empty value: "(,a)", "(a,)", "(a,,b)".
  identifiers(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next();
      if (tok === 'id') {
        values.add(lit);
        const ahead = this.peek();
        if (ahead.tok === ')') return values;
        if (ahead.tok !== ',') fail(`found '${ahead.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (values.size === 0) values.add('');
        const ahead = this.peek().tok;
        if (ahead === ')') return values.add('');
        if (ahead === ',') {
          this.next();
          values.add('');
        }
      } else {
        fail(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }
}

/** labels.Parse: the `?labelSelector=` syntax. Throws LabelSelectorError with Kubernetes' message. */
export function parseLabelSelector(selector: string): LabelsSelector {
  return LabelsSelector.of(new Parser(lex(selector)).parse());
}
