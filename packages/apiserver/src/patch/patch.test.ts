import { describe, expect, it } from 'vitest';
import { isApiError, type ApiError } from '../errors.js';
import { applyPatch, parsePatch, patchTypeOf } from './index.js';

const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };
const POD = { group: '', version: 'v1', kind: 'Pod' };
const NODE = { group: '', version: 'v1', kind: 'Node' };

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
    },
  },
});

describe('patchTypeOf', () => {
  it('maps the four PATCH media types and ignores parameters', () => {
    expect(patchTypeOf('application/json-patch+json')).toBe('json');
    expect(patchTypeOf('application/merge-patch+json; charset=utf-8')).toBe('merge');
    expect(patchTypeOf('application/strategic-merge-patch+json')).toBe('strategic');
    expect(patchTypeOf('application/apply-patch+yaml')).toBe('apply');
  });
  it('rejects everything else', () => {
    expect(patchTypeOf(undefined)).toBeUndefined();
    expect(patchTypeOf('application/json')).toBeUndefined();
    expect(patchTypeOf('application/apply-patch+cbor')).toBeUndefined();
  });
});

describe('parsePatch', () => {
  it('answers malformed JSON with Go decoder wording', () => {
    const e = caught(() => parsePatch('merge', '{"a":'));
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe('error decoding patch: unexpected end of JSON input');
    expect(caught(() => parsePatch('strategic', '{x}')).message).toBe(
      "invalid character 'x' looking for beginning of object key string",
    );
  });
  it('requires an object for merge and strategic patches', () => {
    expect(caught(() => parsePatch('merge', '[1]')).message).toBe(
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(caught(() => parsePatch('merge', 'null')).message).toBe('Invalid JSON Patch');
    expect(caught(() => parsePatch('strategic', '"s"')).message).toBe(
      'json: cannot unmarshal string into Go value of type map[string]interface {}',
    );
    expect(parsePatch('strategic', 'null')).toEqual({});
  });
  it('requires a list of operations for a JSON patch', () => {
    expect(caught(() => parsePatch('json', '{"op":"add"}')).message).toBe(
      'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    );
    expect(caught(() => parsePatch('json', '[{"op":"add","path":5}]')).message).toBe(
      'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string',
    );
    expect(parsePatch('json', '[{"op":"remove","path":"/a"}]')).toEqual([{ op: 'remove', path: '/a' }]);
  });
  it('reads apply bodies as YAML (JSON included), the first document only', () => {
    expect(parsePatch('apply', '{"apiVersion":"v1","kind":"Pod"}')).toEqual({ apiVersion: 'v1', kind: 'Pod' });
    expect(parsePatch('apply', 'a: yes\nb: "8080:80"\nc: 8080:80\n---\nd: 1\n')).toEqual({ a: true, b: '8080:80', c: '8080:80' });
    expect(parsePatch('apply', '')).toEqual({});
  });
  it('rejects apply bodies that are not YAML maps', () => {
    expect(caught(() => parsePatch('apply', '- 1\n')).message).toBe(
      'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    const e = caught(() => parsePatch('apply', 'a: b: c'));
    expect(e.code).toBe(400);
    expect(e.message).toMatch(/^error decoding YAML: error converting YAML to JSON: yaml: /);
  });
});

describe('merge patches kubectl sends', () => {
  it('label and annotate (§3.18), including removal with null', () => {
    const added = applyPatch('merge', deployment(), parsePatch('merge', '{"metadata":{"labels":{"tier":"web"}}}'), DEPLOY);
    expect((added.metadata as { labels: unknown }).labels).toEqual({ app: 'web', tier: 'web' });
    const removed = applyPatch('merge', added, parsePatch('merge', '{"metadata":{"labels":{"tier":null}}}'), DEPLOY);
    expect((removed.metadata as { labels: unknown }).labels).toEqual({ app: 'web' });
  });
  it('scale (§3.11) and leaves the input untouched', () => {
    const current = deployment();
    const out = applyPatch('merge', current, parsePatch('merge', '{"spec":{"replicas":3}}'), DEPLOY);
    expect((out.spec as { replicas: number }).replicas).toBe(3);
    expect(current.spec.replicas).toBe(2);
  });
  it('replaces lists whole', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'x', image: 'busybox' }] } } } };
    const out = applyPatch('merge', deployment(), patch, DEPLOY) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'x', image: 'busybox' }]);
  });
});

describe('JSON patches', () => {
  it('applies rollout undo (§3.13)', () => {
    const template = { metadata: { labels: { app: 'web' }, creationTimestamp: null }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.24', resources: {} }] } };
    const body = JSON.stringify([
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
    ]);
    const out = applyPatch('json', deployment(), parsePatch('json', body), DEPLOY) as ReturnType<typeof deployment>;
    expect(out.spec.template).toEqual(template);
    expect(out.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
  });
  it('supports add, remove, move, copy and test', () => {
    const ops = [
      { op: 'test', path: '/spec/replicas', value: 2 },
      { op: 'add', path: '/metadata/labels/tier', value: 'web' },
      { op: 'copy', from: '/metadata/labels/tier', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/labels/copy', path: '/metadata/labels/moved' },
      { op: 'remove', path: '/metadata/labels/app' },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'side', image: 'busybox' } },
    ];
    const out = applyPatch('json', deployment(), ops, DEPLOY) as ReturnType<typeof deployment>;
    expect(out.metadata.labels).toEqual({ tier: 'web', moved: 'web' });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx', 'side']);
  });
  it('answers a failed test or a missing path with the generic 422', () => {
    for (const ops of [
      [{ op: 'test', path: '/spec/replicas', value: 5 }],
      [{ op: 'remove', path: '/spec/affinity' }],
      [{ op: 'replace', path: '/spec/nope', value: 1 }],
      [{ op: 'add', path: '/a/b/c', value: 1 }],
      [{ op: 'frobnicate', path: '/spec' }],
    ]) {
      const e = caught(() => applyPatch('json', deployment(), ops, DEPLOY));
      expect(e.code).toBe(422);
      expect(e.status).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server rejected our request due to an error in our request',
        reason: 'Invalid',
        details: {},
        code: 422,
      });
    }
  });
  it('limits the number of operations', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    const e = caught(() => applyPatch('json', deployment(), ops, DEPLOY));
    expect(e.code).toBe(413);
    expect(e.message).toBe('The allowed maximum operations in a JSON patch is 10000, got 10001');
  });
});

describe('strategic merge patches kubectl sends', () => {
  it('rollout restart (§3.13) adds a template annotation', () => {
    const body = '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}';
    const out = applyPatch('strategic', deployment(), parsePatch('strategic', body), DEPLOY) as ReturnType<typeof deployment>;
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } });
    expect(out.spec.template.spec.containers).toHaveLength(1);
  });
  it('edit (§3.20) with $setElementOrder/containers changes one container in place', () => {
    const current = deployment();
    current.spec.template.spec.containers.push({ name: 'side', image: 'busybox', ports: [] });
    const body =
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"side"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}';
    const out = applyPatch('strategic', current, parsePatch('strategic', body), DEPLOY) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }] },
      { name: 'side', image: 'busybox', ports: [] },
    ]);
    expect(JSON.stringify(out)).not.toContain('$setElementOrder');
  });
  it('client-side apply, 2nd run (§3.8): last-applied, replicas, container change and null deletions', () => {
    const current = deployment();
    (current.spec.template.spec.containers[0] as Record<string, unknown>).env = [{ name: 'A', value: '1' }];
    const body = JSON.stringify({
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}\n' }, labels: { app: null } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ image: 'nginx:1.26', name: 'nginx', env: null }],
          },
        },
      },
    });
    const out = applyPatch('strategic', current, parsePatch('strategic', body), DEPLOY) as ReturnType<typeof deployment>;
    expect(out.metadata.labels).toEqual({});
    expect(out.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '2',
      'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}\n',
    });
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
  });
  it('client-side apply removing a container and an env var sends $patch: delete items', () => {
    const current = deployment();
    current.spec.template.spec.containers.push({ name: 'side', image: 'busybox', ports: [] });
    (current.spec.template.spec.containers[0] as Record<string, unknown>).env = [{ name: 'A', value: '1' }, { name: 'B', value: '2' }];
    const body = JSON.stringify({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [
              { '$setElementOrder/env': [{ name: 'B' }], env: [{ $patch: 'delete', name: 'A' }], name: 'nginx' },
              { $patch: 'delete', name: 'side' },
            ],
          },
        },
      },
    });
    const out = applyPatch('strategic', current, parsePatch('strategic', body), DEPLOY) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'B', value: '2' }] },
    ]);
  });
  it('client-side apply switching a volume source sends $retainKeys', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [] } };
    const body = '{"spec":{"$setElementOrder/volumes":[{"name":"v"}],"volumes":[{"$retainKeys":["hostPath","name"],"emptyDir":null,"hostPath":{"path":"/data"},"name":"v"}]}}';
    const out = applyPatch('strategic', pod, parsePatch('strategic', body), POD);
    expect(out.spec).toEqual({ volumes: [{ name: 'v', hostPath: { path: '/data' } }], containers: [] });
  });
  it('cordon / uncordon (§3.22)', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { podCIDR: '10.0.0.0/24' } };
    const cordoned = applyPatch('strategic', node, { spec: { unschedulable: true } }, NODE);
    expect(cordoned.spec).toEqual({ podCIDR: '10.0.0.0/24', unschedulable: true });
    const uncordoned = applyPatch('strategic', cordoned, { spec: { unschedulable: null } }, NODE);
    expect(uncordoned.spec).toEqual({ podCIDR: '10.0.0.0/24' });
  });
  it('taint replaces the whole taints list (Node spec.taints has no patch strategy upstream)', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } };
    const out = applyPatch('strategic', node, { spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } }, NODE);
    expect(out.spec).toEqual({ taints: [{ key: 'b', effect: 'NoExecute' }] });
  });
  it('set image (§3.25) merges the container by name', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:1' }] } };
    const out = applyPatch('strategic', pod, { spec: { containers: [{ name: 'b', image: 'y:2' }] } }, POD);
    expect(out.spec).toEqual({ containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:2' }] });
  });
  it('a kind without metadata merges like a merge patch but still strips directives', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    const out = applyPatch('strategic', cm, { data: { a: null, c: '3', $foo: 'x' } }, { group: '', version: 'v1', kind: 'ConfigMap' });
    expect(out.data).toEqual({ b: '2', c: '3' });
  });
});
