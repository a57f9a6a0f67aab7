// proto2-as-Kubernetes-writes-it semantics, on bodies the recorded vectors do not cover: pod
// specs with the inline structs, presence of pointer vs value fields, merging, packed lists.
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject, isProtobufError, type ProtobufError } from './index.js';
import { body, encode, meta, tag, varint, type PbField } from './testing/encode.js';

/** The parts of a decoded Pod these tests look into. */
interface PodJson {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown> & { containers: Array<Record<string, unknown>> };
}

const pod = (spec: PbField[], extra: PbField[] = []): PodJson =>
  decodeProtobufObject(body('v1', 'Pod', [[1, meta('p', 'default')], [2, spec], ...extra])) as unknown as PodJson;

const container = (fields: PbField[]): PbField => [2, [[1, 'c'], [2, 'busybox'], [8, []], ...fields]];

function protobufError(fn: () => unknown): ProtobufError {
  try {
    fn();
  } catch (e) {
    if (isProtobufError(e)) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('presence', () => {
  it('keeps a pointer field that is present with a zero value, and drops zero value fields', () => {
    const d = decodeProtobufObject(body('apps/v1', 'Deployment', [[1, meta('web', 'ns')], [2, [[1, 0], [5, 0], [7, false]]]]));
    expect(d.spec).toEqual({ replicas: 0, template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} });
    const cm = decodeProtobufObject(body('v1', 'ConfigMap', [[1, meta('cm', 'ns')], [4, false]]));
    expect(cm).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm', namespace: 'ns', creationTimestamp: null }, immutable: false });
  });

  it('prints a set creationTimestamp as RFC 3339 and an empty one as null', () => {
    const ns = decodeProtobufObject(body('v1', 'Namespace', [[1, [[1, 'a'], [8, [[1, 1735689600], [2, 0]]]]]]));
    expect((ns.metadata as Record<string, unknown>).creationTimestamp).toBe('2025-01-01T00:00:00Z');
  });

  it('decodes maps of Quantity messages and refuses an invalid quantity', () => {
    const q = decodeProtobufObject(body('v1', 'ResourceQuota', [[1, meta('q', 'ns')], [2, [[1, [[1, 'cpu'], [2, [[1, '250m']]]]]]]]));
    expect((q.spec as Record<string, unknown>).hard).toEqual({ cpu: '250m' });
    const e = protobufError(() => decodeProtobufObject(body('v1', 'ResourceQuota', [[1, meta('q')], [2, [[1, [[1, 'cpu'], [2, [[1, 'lots']]]]]]]])));
    expect(e.code).toBe('InvalidValue');
    expect(e.message).toContain('ResourceQuota.spec.hard["cpu"]: invalid quantity "lots"');
  });

  it('keeps a map key such as __proto__ as plain data', () => {
    const cm = decodeProtobufObject(body('v1', 'ConfigMap', [[1, meta('cm')], [2, [[1, '__proto__'], [2, 'x']]]]));
    expect(Object.getOwnPropertyNames(cm.data)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(cm.data)).toBe(Object.prototype);
  });
});

describe('pod specs', () => {
  it('inlines volume sources, probe handlers and key selectors as JSON does', () => {
    const p = pod([
      [1, [[1, 'cfg'], [2, [[19, [[1, [[1, 'app-config']]], [3, 420]]]]]]],
      container([
        [7, [[1, 'PASSWORD'], [2, ''], [3, [[4, [[1, [[1, 'db']]], [2, 'password']]]]]]],
        [10, [[1, [[2, [[1, '/healthz'], [2, [[1, 0], [2, 8080], [3, '']]], [3, ''], [4, 'HTTP']]]]], [4, 10], [6, 3]]],
        [11, [[1, [[3, [[1, [[1, 1], [2, 0], [3, 'http']]], [2, '']]]]]]],
      ]),
    ]);
    expect(p.spec.volumes).toEqual([{ name: 'cfg', configMap: { name: 'app-config', defaultMode: 420 } }]);
    const c = p.spec.containers[0] ?? {};
    expect(c.env).toEqual([{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]);
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'http' } });
    expect(c.resources).toEqual({});
  });

  it('accepts repeated int64 packed and unpacked', () => {
    const unpacked = pod([container([]), [14, [[4, 1000], [4, 2000]]]]);
    expect(unpacked.spec.securityContext).toEqual({ supplementalGroups: [1000, 2000] });
    const packed = encode([[14, Uint8Array.from([...tag(4, 2), 4, ...varint(1000), ...varint(2000)])]]);
    const p = decodeProtobufObject(body('v1', 'Pod', [[1, meta('p')], [2, Buffer.concat([encode([container([])]), packed])]]));
    expect(p).toMatchObject({ spec: { securityContext: { supplementalGroups: [1000, 2000] } } });
  });

  it('merges a message field that comes twice, and lets a repeated scalar win last', () => {
    const p = pod([container([]), [3, 'Always'], [7, [[1, 'disk'], [2, 'ssd']]], [7, [[1, 'zone'], [2, 'a']]], [3, 'Never']], [[1, [[11, [[1, 'app'], [2, 'web']]]]]]);
    expect(p.spec.restartPolicy).toBe('Never');
    expect(p.spec.nodeSelector).toEqual({ disk: 'ssd', zone: 'a' });
    expect(p.metadata).toEqual({ name: 'p', namespace: 'default', creationTimestamp: null, labels: { app: 'web' } });
  });

  it('skips unknown field numbers of every wire type', () => {
    const extra = Uint8Array.from([...tag(99, 0), 5, ...tag(98, 1), 1, 2, 3, 4, 5, 6, 7, 8, ...tag(97, 5), 1, 2, 3, 4, ...tag(96, 2), 1, 0]);
    const raw = Buffer.concat([encode([[1, meta('p')], [2, [container([])]]]), extra]);
    expect(decodeProtobufObject(body('v1', 'Pod', raw)).metadata).toEqual({ name: 'p', creationTimestamp: null });
  });

  it('refuses a nested type outside its schema instead of dropping it, but accepts it empty', () => {
    expect(pod([container([]), [18, []]]).spec.affinity).toEqual({});
    const e = protobufError(() => pod([container([]), [18, [[1, [[1, [[1, []]]]]]]]]));
    expect(e.code).toBe('Unsupported');
    expect(e.message).toBe('Pod.spec.affinity.nodeAffinity (NodeAffinity) is not supported in protobuf request bodies by this server; send the object as JSON');
    expect(e.envelope).toEqual({ apiVersion: 'v1', kind: 'Pod' });
  });
});

describe('malformed data', () => {
  it('refuses a field with the wrong wire type', () => {
    const e = protobufError(() => decodeProtobufObject(body('v1', 'Namespace', [[1, [[1, 7]]]])));
    expect(e.code).toBe('InvalidWireData');
    expect(e.message).toBe('proto: Namespace.metadata.name: wrong wireType = 0 for field 1');
  });

  it('refuses a truncated nested message', () => {
    const raw = Uint8Array.from([...tag(1, 2), 10, ...tag(1, 2), 3, 0x61]);
    const e = protobufError(() => decodeProtobufObject(body('v1', 'Namespace', raw)));
    expect(e.code).toBe('InvalidWireData');
    expect(e.message).toMatch(/unexpected EOF/);
  });

  it('refuses an IntOrString of an impossible type', () => {
    const spec: PbField[] = [[1, [[1, 'http'], [2, 'TCP'], [3, 80], [4, [[1, 2], [2, 0], [3, '']]]]]];
    const e = protobufError(() => decodeProtobufObject(body('v1', 'Service', [[1, meta('s')], [2, spec]])));
    expect(e.code).toBe('InvalidValue');
    expect(e.message).toBe('Service.spec.ports[0].targetPort: impossible IntOrString.Type 2');
  });
});
