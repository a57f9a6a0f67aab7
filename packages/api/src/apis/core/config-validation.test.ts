import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import { decodeBase64 } from './base64.js';
import { MAX_SECRET_SIZE, validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './config-validation.js';
import type { Secret } from './config-types.js';
import { setDefaultsSecret } from './secret-defaults.js';

const meta = { name: 'x', namespace: 'default' };

describe('validateConfigMap', () => {
  it('checks keys', () => {
    expect(validateConfigMap({ metadata: meta, data: { 'good.key_1': 'v', 'bad/key': 'v', '..': 'v' } }).map(fieldErrorMessage)).toEqual([
      `data[bad/key]: Invalid value: "bad/key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      `data[..]: Invalid value: "..": must not be '..'`,
    ]);
  });

  it('limits the total size to 1 MiB', () => {
    const big = 'x'.repeat(MAX_SECRET_SIZE);
    expect(validateConfigMap({ metadata: meta, data: { a: big, b: 'y' } }).map(fieldErrorMessage)).toEqual([': Too long: must have at most 1048576 bytes']);
  });

  it('freezes immutable config maps', () => {
    const old = { metadata: meta, immutable: true, data: { a: '1' } };
    expect(validateConfigMapUpdate({ ...old, data: { a: '2' } }, old).map(fieldErrorMessage)).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('secrets', () => {
  it('default to Opaque and fold stringData into data', () => {
    const s: Secret = { metadata: meta, data: { a: 'YQ==' }, stringData: { b: 'hello' } };
    setDefaultsSecret(s);
    expect(s).toEqual({ metadata: meta, type: 'Opaque', data: { a: 'YQ==', b: 'aGVsbG8=' } });
  });

  it('reject data that is not base64', () => {
    expect(validateSecret({ metadata: meta, type: 'Opaque', data: { a: 'no!' } }).map(fieldErrorMessage)).toEqual([
      'data[a]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 2',
    ]);
    expect(decodeBase64('aGVsbG8=')).toMatchObject({ ok: true });
    expect(decodeBase64('aGVs!G8=')).toEqual({ ok: false, error: 'illegal base64 data at input byte 4' });
    expect(decodeBase64('aGVsbG8')).toEqual({ ok: false, error: 'illegal base64 data at input byte 4' });
  });

  it('need the keys their type requires, and keep their type', () => {
    expect(validateSecret({ metadata: meta, type: 'kubernetes.io/tls', data: {} }).map(fieldErrorMessage)).toEqual([
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
    const old: Secret = { metadata: meta, type: 'Opaque' };
    expect(validateSecretUpdate({ ...old, type: 'kubernetes.io/tls' }, old).map(fieldErrorMessage)).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });
});
