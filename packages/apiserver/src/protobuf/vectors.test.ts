// Every protobuf body the real kubectl 1.32 sent (testdata/, recorded on the wire) must decode to
// exactly the JSON kubectl would have sent for the same command (its --dry-run=client -o json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from './index.js';

const dir = fileURLToPath(new URL('./testdata/', import.meta.url));

interface Vector {
  name: string;
  method: string;
  path: string;
  contentType: string;
  apiVersion?: string;
  kind?: string;
  bytes: number;
}

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { vectors: Vector[] };
const protobufVectors = manifest.vectors.filter((v) => v.contentType === PROTOBUF_MEDIA_TYPE);

describe('kubectl 1.32 protobuf vectors', () => {
  it('covers every recorded protobuf body', () => {
    expect(protobufVectors.length).toBe(38);
  });

  it.each(protobufVectors.map((v) => [v.name, v] as const))('%s decodes to the JSON kubectl would send', (name, v) => {
    const body = readFileSync(join(dir, `${name}.bin`));
    expect(body.length).toBe(v.bytes);
    const expected = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
    const decoded = decodeProtobufObject(body);
    expect(decoded).toEqual(expected);
    expect({ apiVersion: decoded.apiVersion, kind: decoded.kind }).toEqual({ apiVersion: v.apiVersion, kind: v.kind });
  });
});

describe('vector details users depend on', () => {
  const decode = (name: string): Record<string, unknown> => decodeProtobufObject(readFileSync(join(dir, `${name}.bin`)));
  const dataOf = (name: string, key: 'data' | 'binaryData', entry: string): Buffer =>
    Buffer.from((decode(name)[key] as Record<string, string>)[entry] ?? '', 'base64');

  it('keeps binary ConfigMap data byte for byte (00 01 02 ff fe "BIN")', () => {
    expect([...dataOf('configmap-binary', 'binaryData', 'blob.bin')]).toEqual([0, 1, 2, 0xff, 0xfe, 0x42, 0x49, 0x4e]);
  });

  it('reads a 10-byte negative int32 (PriorityClass value -10)', () => {
    expect(decode('priorityclass-negative')).toMatchObject({ value: -10 });
  });

  it('turns a 769-byte certificate (2-byte length) back into the PEM kubectl read', () => {
    expect(dataOf('secret-tls', 'data', 'tls.crt').toString('utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  });

  it('chooses IntOrString by its type field, not by which value is set', () => {
    expect(decode('pdb-minavailable')).toMatchObject({ spec: { minAvailable: 2 } });
    expect(decode('pdb-maxunavailable')).toMatchObject({ spec: { maxUnavailable: '50%' } });
  });

  it('decodes an empty DeleteOptions payload as defaults and a grace period as given', () => {
    expect(decode('drain-default-grace')).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
    expect(decode('drain')).toMatchObject({ gracePeriodSeconds: 30 });
  });
});
