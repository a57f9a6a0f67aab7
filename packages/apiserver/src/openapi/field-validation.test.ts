import type { FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { isApiError } from '../errors.js';
import { validateApplyFields, validateFields, warningHeader, type FieldCheck } from './field-validation.js';

function fakeReply(): { reply: FastifyReply; headers: Record<string, unknown> } {
  const headers: Record<string, unknown> = {};
  const reply = { header: (k: string, v: unknown) => { headers[k] = v; return reply; } } as unknown as FastifyReply;
  return { reply, headers };
}

const POD = { group: '', version: 'v1', kind: 'Pod' };
const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], foo: 1 } };

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return `${e.status.code} ${e.status.reason} ${e.status.message}`;
    throw e;
  }
  return 'no error';
}

describe('validateFields', () => {
  it('Strict refuses unknown and duplicate fields with the decoder message', () => {
    const { reply } = fakeReply();
    const check: FieldCheck = { kind: POD, directive: 'Strict', reply, jsonText: '{"metadata":{"name":"p","name":"q"},"spec":{"foo":1}}' };
    expect(message(() => validateFields(check, body, 'object'))).toBe(
      '400 BadRequest Pod in version "v1" cannot be handled as a Pod: strict decoding error: duplicate field "metadata.name", unknown field "spec.foo"',
    );
    expect(message(() => validateFields({ ...check, jsonText: undefined }, { spec: { foo: 1 } }, 'merge'))).toBe('400 BadRequest strict decoding error: unknown field "spec.foo"');
  });

  it('Warn drops the field and sends one 299 warning per problem; Ignore drops it silently', () => {
    const warn = fakeReply();
    const out = validateFields({ kind: POD, directive: 'Warn', reply: warn.reply }, body, 'object');
    expect(out).toEqual({ ...body, spec: { containers: body.spec.containers } });
    expect(warn.headers.warning).toEqual(['299 - "unknown field \\"spec.foo\\""']);
    const ignore = fakeReply();
    expect(validateFields({ kind: POD, directive: 'Ignore', reply: ignore.reply }, body, 'object')).toEqual(out);
    expect(ignore.headers).toEqual({});
  });

  it('leaves a JSON patch result alone for what the stored object already had', () => {
    const { reply } = fakeReply();
    const before = { spec: { legacy: true } };
    expect(validateFields({ kind: POD, directive: 'Strict', reply, baseline: before }, { spec: { legacy: true } }, 'json-result')).toEqual({ spec: { legacy: true } });
    expect(message(() => validateFields({ kind: POD, directive: 'Strict', reply, baseline: before }, { spec: { legacy: true, x: 1 } }, 'json-result'))).toBe(
      '400 BadRequest strict decoding error: unknown field "spec.x"',
    );
  });

  it('server-side apply fails on fields outside the schema whatever the directive', () => {
    const { reply } = fakeReply();
    expect(message(() => validateApplyFields({ kind: POD, directive: 'Ignore', reply }, body))).toBe(
      '400 BadRequest failed to create typed patch object (/v1, Kind=Pod): .spec.foo: field not declared in schema',
    );
    expect(message(() => validateApplyFields({ kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, directive: 'Strict', reply }, { spec: { replicas: 1 } }))).toBe('no error');
  });

  it('formats warnings as kube-apiserver does', () => {
    expect(warningHeader('unknown field "a"')).toBe('299 - "unknown field \\"a\\""');
  });
});
