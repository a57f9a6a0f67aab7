import { describe, expect, it } from 'vitest';
import { FieldSelectorError, escapeFieldValue, fieldSelectorFromSet, parseFieldSelector, unescapeFieldValue } from './fields.js';

describe('parseFieldSelector', () => {
  it.each([
    ['spec.nodeName!=y,metadata.name=x', 'metadata.name=x,spec.nodeName!=y'],
    ['metadata.name==x', 'metadata.name=x'],
    ['a=b\\=c,d=e\\,f', 'a=b\\=c,d=e\\,f'],
    ['a=,,b=1', 'a=,b=1'],
    ['', ''],
  ])('%j canonicalises to %j', (input, expected) => {
    expect(parseFieldSelector(input).toString()).toBe(expected);
  });

  it.each([
    ['abc', "invalid selector: 'abc'; can't understand 'abc'"],
    ['a=1,b', "invalid selector: 'a=1,b'; can't understand 'b'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=\\q', 'invalid field selector: invalid escape sequence: \\q'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j is rejected: %s', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(new FieldSelectorError(message));
  });

  it('unescapes values before matching', () => {
    expect(parseFieldSelector('a=x\\,y').matches({ a: 'x,y' })).toBe(true);
  });
});

describe('matching', () => {
  const pod = { 'metadata.name': 'web-1', 'spec.nodeName': 'n1', 'status.phase': 'Running' };
  it.each([
    ['spec.nodeName=n1', true],
    ['spec.nodeName!=n1', false],
    ['spec.nodeName=n1,status.phase!=Failed', true],
    ['spec.nodeName=', false],
    ['spec.unknown=', true],
    ['spec.unknown!=x', true],
    ['', true],
  ])('%j → %s', (selector, expected) => {
    expect(parseFieldSelector(selector).matches(pod)).toBe(expected);
  });

  it('exposes the pinned value of a field', () => {
    expect(parseFieldSelector('spec.nodeName=n1,metadata.name!=x').requiresExactMatch('spec.nodeName')).toBe('n1');
    expect(parseFieldSelector('metadata.name!=x').requiresExactMatch('metadata.name')).toBeUndefined();
  });

  it('transforms terms (field label conversion)', () => {
    const sel = parseFieldSelector('name=a').transform((t) => ({ ...t, field: `metadata.${t.field}` }));
    expect(sel.toString()).toBe('metadata.name=a');
  });
});

describe('escaping', () => {
  it('round-trips any value', () => {
    const raw = 'a\\b,c=d';
    expect(escapeFieldValue(raw)).toBe('a\\\\b\\,c\\=d');
    expect(unescapeFieldValue(escapeFieldValue(raw))).toBe(raw);
  });

  it('builds from sets in key order', () => {
    expect(fieldSelectorFromSet({ 'spec.nodeName': 'n,1', 'metadata.name': 'x' }).toString()).toBe(
      'metadata.name=x,spec.nodeName=n\\,1',
    );
  });
});
