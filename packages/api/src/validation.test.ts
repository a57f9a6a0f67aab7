import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from './field.js';
import {
  NAME_SUFFIX_ALPHABET,
  generateName,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  validateAnnotations,
  validateObjectMeta,
} from './validation.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('name rules', () => {
  it('accepts and rejects DNS-1123 subdomains', () => {
    expect(isDNS1123Subdomain('my-app.example.com')).toEqual([]);
    expect(isDNS1123Subdomain('Foo')).toEqual([SUBDOMAIN]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });

  it('accepts and rejects DNS-1123 labels, naming dots specially', () => {
    expect(isDNS1123Label('kube-system')).toEqual([]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('-a')).toEqual([LABEL]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('checks qualified names (label keys) part by part', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Example.com/a')[0]).toBe(`prefix part ${SUBDOMAIN}`);
    expect(isQualifiedName('')).toEqual(['name part must be non-empty', NAME_PART]);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  it('allows empty label values but not bad characters', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('My_Value.1')).toEqual([]);
    expect(isValidLabelValue('a b')).toHaveLength(1);
    expect(isValidLabelValue('é'.repeat(32))).toContain('must be no more than 63 characters');
  });

  it('lets a generateName end with a dash', () => {
    expect(nameIsDNSLabel('web-', true)).toEqual([]);
    expect(nameIsDNSLabel('web-', false)).toEqual([LABEL]);
  });
});

describe('validateObjectMeta', () => {
  const messages = (meta: Parameters<typeof validateObjectMeta>[0], requiresNamespace = true): string[] =>
    validateObjectMeta(meta, { requiresNamespace }).map(fieldErrorMessage);

  it('accepts a well-formed object', () => {
    expect(messages({ name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'a.io/x': 'y' } })).toEqual([]);
  });

  it('reports the name as the apiserver does', () => {
    expect(messages({ name: 'Foo', namespace: 'default' })).toEqual([`metadata.name: Invalid value: "Foo": ${SUBDOMAIN}`]);
    expect(messages({ namespace: 'default' })).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('checks the namespace against the scope', () => {
    expect(messages({ name: 'a' })).toEqual(['metadata.namespace: Required value']);
    expect(messages({ name: 'a', namespace: 'x' }, false)).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
    expect(messages({ name: 'a', namespace: 'a.b' })).toEqual(['metadata.namespace: Invalid value: "a.b": must not contain dots']);
  });

  it('reports labels, generation, finalizers and owners', () => {
    const errs = validateObjectMeta(
      {
        name: 'a',
        namespace: 'n',
        generation: -1,
        labels: { 'bad key': 'ok' },
        finalizers: ['orphan', 'foregroundDeletion'],
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r1', uid: 'u1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r2', uid: '', controller: true },
        ],
      },
      { requiresNamespace: true },
    );
    expect(errs.map((e) => [e.type, e.field])).toEqual([
      ['FieldValueInvalid', 'metadata.generation'],
      ['FieldValueInvalid', 'metadata.labels'],
      ['FieldValueInvalid', 'metadata.ownerReferences.uid'],
      ['FieldValueInvalid', 'metadata.ownerReferences'],
      ['FieldValueInvalid', 'metadata.finalizers'],
    ]);
    expect(errs[3]?.detail).toBe(
      'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/r1 and ReplicaSet/r2',
    );
    expect(errs[4]?.detail).toBe('finalizer orphan and foregroundDeletion cannot be both set');
  });
});

describe('annotations', () => {
  it('limits the total size to 256 KiB of keys and values', () => {
    expect(validateAnnotations({ a: 'x'.repeat(262143) }, 'metadata.annotations')).toEqual([]);
    const errs = validateAnnotations({ a: 'x'.repeat(262144) }, 'metadata.annotations');
    expect(errs.map(fieldErrorMessage)).toEqual(['metadata.annotations: Too long: must have at most 262144 bytes']);
  });

  it('ignores case in keys but reports the key as given', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'v' }, 'metadata.annotations')).toEqual([]);
    expect(validateAnnotations({ 'a b': 'v' }, 'metadata.annotations')[0]?.value).toBe('a b');
  });
});

describe('generateName', () => {
  it('appends five characters from the Kubernetes alphabet', () => {
    const name = generateName('web-');
    expect(name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('is deterministic given the random source and cuts long bases to 58', () => {
    expect(generateName('x-', () => 0)).toBe('x-bbbbb');
    expect(generateName('x-', () => 0.9999)).toBe(`x-${NAME_SUFFIX_ALPHABET.at(-1)?.repeat(5)}`);
    expect(generateName('a'.repeat(70), () => 0)).toHaveLength(63);
  });
});
