import { describe, expect, it } from 'vitest';
import {
  LabelSelectorError,
  LabelsSelector,
  labelSelectorAsSelector,
  labelSelectorFromSet,
  newRequirement,
  parseLabelSelector,
} from './labels.js';

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const parseError = (s: string): string => {
  try {
    parseLabelSelector(s);
  } catch (e) {
    if (e instanceof LabelSelectorError) return e.message;
    throw e;
  }
  throw new Error(`${s} parsed`);
};

describe('parseLabelSelector', () => {
  it.each([
    ['x=a,b!=c,a in (z,y),!d,e', 'a in (y,z),b!=c,!d,e,x=a'],
    ['a==b', 'a==b'],
    ['  a = b ,  c  ', 'a=b,c'],
    ['a notin (x)', 'a notin (x)'],
    ['a in (x,x,)', 'a in (,x)'],
    ['a in ()', 'a in ()'],
    ['x=', 'x='],
    ['in=notin', 'in=notin'],
    ['a>3,b<10', 'a>3,b<10'],
    ['example.com/app=web', 'example.com/app=web'],
    ['', ''],
  ])('%j canonicalises to %j', (input, expected) => {
    expect(parseLabelSelector(input).toString()).toBe(expected);
  });

  it.each([
    ['a$b=c', `unable to parse requirement: <nil>: Invalid value: "a$b": ${NAME_PART}`],
    ['x,', "found '', expected: identifier after ','"],
    ['a==b c', "found 'c', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a (x)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['a>b', `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`],
  ])('%j is rejected with Kubernetes wording', (input, message) => {
    expect(parseError(input)).toBe(message);
  });

  it('reports a bad value under its key', () => {
    expect(parseError('a=b$')).toMatch(/^unable to parse requirement: values\[0\]\[a\]: Invalid value: "b\$": a valid label must be/);
  });
});

describe('matching', () => {
  const labels = { app: 'web', tier: 'front', replicas: '3' };
  it.each([
    ['app=web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (db,web)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['replicas>2', true],
    ['replicas<3', false],
    ['app>1', false],
    ['app=web,tier=back', false],
    ['', true],
  ])('%j on %o → %s', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it('pins exact values for index lookups', () => {
    expect(parseLabelSelector('a=1,b in (2),c in (3,4)').requiresExactMatch('b')).toBe('2');
    expect(parseLabelSelector('c in (3,4)').requiresExactMatch('c')).toBeUndefined();
  });
});

describe('metav1.LabelSelector conversion', () => {
  it('distinguishes nil (nothing) from empty (everything)', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({}).empty()).toBe(true);
  });

  it('combines matchLabels and matchExpressions in key order', () => {
    const sel = labelSelectorAsSelector({
      matchLabels: { tier: 'front', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'canary', operator: 'Exists' },
      ],
    });
    expect(sel.toString()).toBe('app=web,canary,env in (dev,prod),!legacy,tier=front');
    expect(sel.matches({ app: 'web', tier: 'front', env: 'dev', canary: '' })).toBe(true);
    expect(sel.matches({ app: 'web', tier: 'front', env: 'dev', canary: '', legacy: 'y' })).toBe(false);
  });

  it('rejects unknown operators and bad requirements', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt' as 'In', values: ['1'] }] })).toThrow(
      '"Gt" is not a valid label selector operator',
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
  });

  it('aggregates several requirement errors in brackets', () => {
    expect(() => newRequirement('-a', '=', ['x', 'y'])).toThrow(/^\[key: Invalid value: "-a": name part .*, values: Invalid value: \[\]string\{"x", "y"\}: exact-match compatibility requires one single value\]$/);
  });

  it('builds selectors from sets and adds requirements immutably', () => {
    const base = labelSelectorFromSet({ b: '2', a: '1' });
    const more = base.add(newRequirement('c', 'exists'));
    expect(base.toString()).toBe('a=1,b=2');
    expect(more.toString()).toBe('a=1,b=2,c');
    expect(LabelsSelector.nothing().toString()).toBe('');
  });
});
