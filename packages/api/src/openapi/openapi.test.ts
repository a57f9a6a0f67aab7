import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../resources.js';
import { buildOpenApiDocument, definitionForKind, findDuplicateFields, findUnknownFields, openApiGroupVersions } from '../index.js';

describe('openapi definitions', () => {
  it('declare every served kind and its list, with every reference resolvable', () => {
    for (const r of RESOURCES) {
      const gvk = { group: r.group, version: r.version, kind: r.kind };
      expect(definitionForKind(gvk)?.name, `${r.group}/${r.kind}`).toBeDefined();
      expect(definitionForKind({ ...gvk, kind: r.listKind }), `${r.group}/${r.listKind}`).toBeDefined();
    }
    for (const gv of openApiGroupVersions()) expect(buildOpenApiDocument(gv, 'v1.32.0')).toBeDefined();
  });

  it('publish a pod item path with a patch operation, the GVK and the fieldValidation parameter', () => {
    const doc = buildOpenApiDocument('api/v1', 'v1.32.0') as { paths: Record<string, { patch?: Record<string, unknown> }>; components: { schemas: Record<string, Record<string, unknown>> } };
    const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']?.patch;
    expect(patch?.['x-kubernetes-group-version-kind']).toEqual({ group: '', kind: 'Pod', version: 'v1' });
    expect((patch?.parameters as { name: string }[]).map((p) => p.name)).toContain('fieldValidation');
    const spec = doc.components.schemas['io.k8s.api.core.v1.PodSpec'] as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(spec.required).toEqual(['containers']);
    expect(spec.properties.containers).toMatchObject({
      type: 'array',
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }] },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
  });
});

describe('unknown fields', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { any: 'x' }, annotations: { 'a/b': 'c' }, managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }] },
    spec: { containers: [{ name: 'c', image: 'i', imagePullPolicyy: 'Always', resources: { limits: { cpu: '1' } } }], foo: 1 },
  };

  it('are reported with upstream paths and pruned from a copy', () => {
    const r = findUnknownFields('io.k8s.api.core.v1.Pod', pod);
    expect(r.paths).toEqual(['spec.containers[0].imagePullPolicyy', 'spec.foo']);
    expect(r.pruned).toEqual({ ...pod, spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '1' } } }] } });
    expect(pod.spec.foo).toBe(1);
  });

  it('skip strategic merge patch directives only when asked', () => {
    const patch = { spec: { $setElementOrder: 1, '$setElementOrder/containers': [{ name: 'c' }], containers: [{ name: 'c', $patch: 'delete' }] } };
    expect(findUnknownFields('io.k8s.api.core.v1.Pod', patch, { patchDirectives: true }).paths).toEqual([]);
    expect(findUnknownFields('io.k8s.api.core.v1.Pod', patch).paths).toHaveLength(3);
  });
});

describe('duplicate fields', () => {
  it('are found with their paths', () => {
    const text = '{"metadata":{"name":"a","name":"b"},"spec":{"containers":[{"name":"x"},{"name":"y","image":"i","image":"j"}]},"spec":{}}';
    expect(findDuplicateFields(text)).toEqual(['metadata.name', 'spec.containers[1].image', 'spec']);
    expect(findDuplicateFields('{"a":"{\\"b\\":1,\\"b\\":2}","c":[1,2]}')).toEqual([]);
  });
});
