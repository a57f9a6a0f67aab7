import { describe, expect, it } from 'vitest';
import { aggregateMessage, fieldErrorBody, fieldErrorMessage, goQuote, invalid, invalidStatus, required, tooLong } from './field.js';

describe('field errors', () => {
  it('renders bodies as Kubernetes does', () => {
    expect(fieldErrorBody(invalid('metadata.name', 'Foo', 'bad'))).toBe('Invalid value: "Foo": bad');
    expect(fieldErrorBody(invalid('metadata.generation', -1, 'neg'))).toBe('Invalid value: -1: neg');
    expect(fieldErrorBody(invalid('values', ['a', 'b'], 'x'))).toBe('Invalid value: []string{"a", "b"}: x');
    expect(fieldErrorBody(required('metadata.namespace'))).toBe('Required value');
    expect(fieldErrorBody(tooLong('metadata.annotations', '', 262144))).toBe('Too long: must have at most 262144 bytes');
    expect(fieldErrorMessage(required('metadata.name', 'name or generateName is required'))).toBe(
      'metadata.name: Required value: name or generateName is required',
    );
  });

  it('quotes like Go %q', () => {
    expect(goQuote('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\x01"');
  });

  it('aggregates like apimachinery: one bare, several bracketed, duplicates dropped', () => {
    expect(aggregateMessage(['a'])).toBe('a');
    expect(aggregateMessage(['a', 'b', 'a'])).toBe('[a, b]');
  });

  it('builds the 422 Invalid Status', () => {
    const status = invalidStatus({ group: 'apps', kind: 'Deployment' }, 'Web', [invalid('metadata.name', 'Web', 'bad')]);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": bad',
      reason: 'Invalid',
      details: {
        name: 'Web',
        group: 'apps',
        kind: 'Deployment',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "Web": bad', field: 'metadata.name' }],
      },
      code: 422,
    });
    expect(invalidStatus({ group: '', kind: 'Pod' }, 'p', []).message).toBe('Pod "p" is invalid');
  });
});
