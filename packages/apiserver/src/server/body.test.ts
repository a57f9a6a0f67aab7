// Request bodies: JSON, YAML and Kubernetes protobuf; what cannot be decoded is a 400 or 415
// Status a client can read — never a 500.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { body as protobufBody } from '../protobuf/testing/encode.js';
import { decodeObjectBody, decodeOptionalBody, mediaType, PROTOBUF } from './body.js';

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

const UNKNOWN_FORMAT =
  'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf';

describe('mediaType', () => {
  it('drops parameters and case', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('decodeObjectBody', () => {
  it('decodes JSON, from a string or a Buffer', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' } };
    expect(decodeObjectBody('application/json', JSON.stringify(pod))).toEqual(pod);
    expect(decodeObjectBody('application/json; charset=utf-8', Buffer.from(JSON.stringify(pod)))).toEqual(pod);
  });

  it('treats a missing Content-Type as JSON, as kubectl scale sends it', () => {
    expect(decodeObjectBody(undefined, '{"spec":{"replicas":3}}')).toEqual({ spec: { replicas: 3 } });
  });

  it('decodes YAML under each YAML media type', () => {
    for (const t of ['application/yaml', 'application/x-yaml', 'text/yaml']) {
      expect(decodeObjectBody(t, 'kind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n')).toEqual({ kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } });
    }
  });

  it('refuses an empty body with 400, whatever the format', () => {
    for (const t of ['application/json', 'application/yaml']) {
      const e = apiError(() => decodeObjectBody(t, '  \n'));
      expect(e.code).toBe(400);
      expect(e.reason).toBe('BadRequest');
      expect(e.message).toBe('the body of the request was empty; an object is required');
    }
    expect(apiError(() => decodeObjectBody('application/json', undefined)).code).toBe(400);
  });

  it('refuses malformed JSON with 400 and says why', () => {
    const e = apiError(() => decodeObjectBody('application/json', '{"kind": "Pod",'));
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toMatch(/^the body of the request could not be decoded as JSON: .+/);
    expect(e.status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400 });
  });

  it('refuses malformed YAML with 400 and a one-line reason', () => {
    const e = apiError(() => decodeObjectBody('application/yaml', 'metadata:\n  name: [unclosed\n'));
    expect(e.code).toBe(400);
    expect(e.message).toMatch(/^the body of the request could not be decoded as YAML: [^\n]+$/);
  });

  it('refuses several YAML documents in one body', () => {
    expect(apiError(() => decodeObjectBody('application/yaml', 'a: 1\n---\nb: 2\n')).code).toBe(400);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(apiError(() => decodeObjectBody('application/yaml', lines.join('\n'))).code).toBe(400);
  });

  it('answers 415 for a media type it does not decode', () => {
    for (const t of ['text/plain', 'application/x-www-form-urlencoded']) {
      const e = apiError(() => decodeObjectBody(t, '{}'));
      expect(e.code).toBe(415);
      expect(e.reason).toBe('UnsupportedMediaType');
      expect(e.message).toBe(UNKNOWN_FORMAT);
    }
  });
});

describe('decodeObjectBody with protobuf', () => {
  const vector = (name: string): Buffer => readFileSync(new URL(`../protobuf/testdata/${name}.bin`, import.meta.url));

  it('decodes what kubectl create namespace sends into the object its JSON would be', () => {
    expect(decodeObjectBody(`${PROTOBUF}; charset=binary`, vector('namespace'))).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'team-a', creationTimestamp: null },
      spec: {},
      status: {},
    });
  });

  it('answers 400 with upstream wording for a body without the protobuf prefix', () => {
    const e = apiError(() => decodeObjectBody(PROTOBUF, Buffer.from('{"kind":"Namespace"}'), { group: '', version: 'v1', kind: 'Namespace' }));
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe(
      'the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Namespace"})',
    );
  });

  it('names the claimed kind when its message is malformed', () => {
    // The envelope is whole; the Deployment inside claims a 16-byte metadata and holds 1 byte.
    const e = apiError(() => decodeObjectBody(PROTOBUF, protobufBody('apps/v1', 'Deployment', Uint8Array.from([0x0a, 0x10, 0x0a]))));
    expect(e.code).toBe(400);
    expect(e.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: Deployment.metadata: unexpected EOF');
  });

  it('refuses an empty protobuf body', () => {
    expect(apiError(() => decodeObjectBody(PROTOBUF, Buffer.alloc(0))).message).toBe('the body of the request was empty; an object is required');
  });
});

describe('decodeOptionalBody', () => {
  it('is nothing for an empty body', () => {
    expect(decodeOptionalBody('application/json', '')).toBeUndefined();
    expect(decodeOptionalBody(undefined, undefined)).toBeUndefined();
    expect(decodeOptionalBody('text/plain', '')).toBeUndefined();
  });

  it('decodes the protobuf DeleteOptions kubectl drain sends, empty or with a grace period', () => {
    const drain = (name: string): Buffer => readFileSync(new URL(`../protobuf/testdata/${name}.bin`, import.meta.url));
    expect(decodeOptionalBody(PROTOBUF, drain('drain'))).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 30 });
    expect(decodeOptionalBody(PROTOBUF, drain('drain-default-grace'))).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
    expect(decodeOptionalBody(PROTOBUF, Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses a truncated or non-DeleteOptions protobuf body with 400', () => {
    expect(apiError(() => decodeOptionalBody(PROTOBUF, Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x15]))).code).toBe(400);
    const ns = readFileSync(new URL('../protobuf/testdata/namespace.bin', import.meta.url));
    expect(apiError(() => decodeOptionalBody(PROTOBUF, ns)).message).toBe('Namespace in version "v1" cannot be handled as a DeleteOptions');
  });

  it('decodes a JSON or YAML body', () => {
    expect(decodeOptionalBody('application/json', '{"propagationPolicy":"Foreground"}')).toEqual({ propagationPolicy: 'Foreground' });
    expect(decodeOptionalBody('application/yaml', 'gracePeriodSeconds: 0')).toEqual({ gracePeriodSeconds: 0 });
  });

  it('still refuses a malformed or unsupported non-empty body', () => {
    expect(apiError(() => decodeOptionalBody('application/json', '{')).code).toBe(400);
    expect(apiError(() => decodeOptionalBody('text/plain', 'hello')).code).toBe(415);
  });
});
