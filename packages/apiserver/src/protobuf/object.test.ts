// The envelope: magic, runtime.Unknown, apiVersion/kind and their defaults, and the errors a
// client sees when a body is not what it claims.
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject, hasProtobufMagic, isProtobufError, readEnvelope, schemaFor, type ProtobufError } from './index.js';
import { body, encode, meta } from './testing/encode.js';

function protobufError(fn: () => unknown): ProtobufError {
  try {
    fn();
  } catch (e) {
    if (isProtobufError(e)) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('envelope', () => {
  it('reads typeMeta, raw and the content fields', () => {
    const env = readEnvelope(body('apps/v1', 'Deployment', [[1, meta('web')]]));
    expect(env).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', contentEncoding: '', contentType: '' });
    expect(env.raw.length).toBeGreaterThan(0);
  });

  it('refuses a body without the k8s\\0 prefix, with Go’s words', () => {
    expect(hasProtobufMagic(Buffer.from('{"kind":"Namespace"}'))).toBe(false);
    const e = protobufError(() => decodeProtobufObject(Buffer.from('{"kind":"Namespace"}')));
    expect(e.code).toBe('NotProtobuf');
    expect(e.message).toBe('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    expect(e.envelope).toBeUndefined();
  });

  it('refuses the bare prefix as an empty body', () => {
    expect(protobufError(() => decodeProtobufObject(Buffer.from([0x6b, 0x38, 0x73, 0x00]))).message).toBe('empty body');
  });

  it('fills an empty apiVersion or kind from the URL defaults, as Go’s serializer does', () => {
    const raw = encode([[1, meta('team-b')]]);
    const unknown = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), encode([[1, [[1, ''], [2, '']]], [2, raw]])]);
    expect(decodeProtobufObject(unknown, { apiVersion: 'v1', kind: 'Namespace' })).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'team-b', creationTimestamp: null },
      spec: {},
      status: {},
    });
    expect(protobufError(() => decodeProtobufObject(unknown)).code).toBe('MissingKind');
  });

  it('names the claimed kind when it has no schema', () => {
    const e = protobufError(() => decodeProtobufObject(body('v1', 'Widget', [])));
    expect(e.code).toBe('UnknownKind');
    expect(e.message).toBe('no kind "Widget" is registered for version "v1" in kubelite\'s protobuf decoder');
    expect(e.envelope).toEqual({ apiVersion: 'v1', kind: 'Widget' });
  });

  it('refuses a non-protobuf payload inside the envelope', () => {
    const e = protobufError(() => decodeProtobufObject(body('v1', 'Namespace', Buffer.from('{}'), 'application/json')));
    expect(e.code).toBe('Unsupported');
    expect(e.message).toContain('"application/json"');
  });

  it('accepts DeleteOptions under any group version', () => {
    expect(schemaFor('meta.k8s.io/v1', 'DeleteOptions')).toBe(schemaFor('v1', 'DeleteOptions'));
    const d = decodeProtobufObject(body('apps/v1', 'DeleteOptions', [[4, 'Foreground'], [5, 'All'], [2, [[1, 'u-1']]]]));
    expect(d).toEqual({ kind: 'DeleteOptions', apiVersion: 'apps/v1', propagationPolicy: 'Foreground', dryRun: ['All'], preconditions: { uid: 'u-1' } });
  });
});
