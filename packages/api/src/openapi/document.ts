// OpenAPI v3 documents in the shape kube-apiserver publishes under /openapi/v3: one document per
// group-version with the paths of its resources and every schema they reach, plus the root index
// that points at them. Pure: the apiserver serves (and memoizes) what these return.
import { RESOURCES, type ResourceInfo } from '../resources.js';
import { closure, definition, definitionForKind } from './definitions.js';
import { meta, type Definition, type Field, type TypeNode } from './dsl.js';
import type { GroupVersionKind } from '../resources/types.js';

export type JsonSchema = Record<string, unknown>;

const SCHEMA_PREFIX = '#/components/schemas/';
const schemaRef = (name: string): JsonSchema => ({ $ref: `${SCHEMA_PREFIX}${name}` });

/** Struct types get `default: {}` next to their ref, as upstream publishes them. */
function refNode(name: string): JsonSchema {
  const target = definition(name);
  return target?.fields ? { allOf: [schemaRef(name)], default: {} } : { allOf: [schemaRef(name)] };
}

function typeSchema(node: TypeNode): JsonSchema {
  switch (node.t) {
    case 'scalar': {
      const s: JsonSchema = { type: node.type };
      if (node.format) s.format = node.format;
      if (node.enum) s.enum = [...node.enum];
      return s;
    }
    case 'ref':
      return refNode(node.name);
    case 'list':
      return { type: 'array', items: itemSchema(node.items) };
    case 'map':
      return { type: 'object', additionalProperties: itemSchema(node.values) };
    case 'open':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
}

function itemSchema(node: TypeNode): JsonSchema {
  const s = typeSchema(node);
  if (node.t === 'scalar' && node.type === 'string' && !node.format) s.default = '';
  return s;
}

function fieldSchema(field: Field): JsonSchema {
  const s: JsonSchema = { ...typeSchema(field.type), description: field.doc };
  const m = field.type.t === 'list' ? field.type.markers : undefined;
  if (m?.listType) s['x-kubernetes-list-type'] = m.listType;
  if (m?.mapKeys) s['x-kubernetes-list-map-keys'] = [...m.mapKeys];
  if (m?.mergeKey) s['x-kubernetes-patch-merge-key'] = m.mergeKey;
  const strategy = m?.strategy ?? field.strategy;
  if (strategy) s['x-kubernetes-patch-strategy'] = strategy;
  return s;
}

/** The component schema of one definition. */
export function definitionSchema(d: Definition): JsonSchema {
  if (d.scalar) {
    const s: JsonSchema = { description: d.doc, type: d.scalar.type };
    if (d.scalar.format) s.format = d.scalar.format;
    if (d.name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') s['x-kubernetes-int-or-string'] = true;
    return s;
  }
  const fields = d.fields ?? {};
  const properties: JsonSchema = {};
  for (const name of Object.keys(fields).sort()) properties[name] = fieldSchema(fields[name] as Field);
  const s: JsonSchema = { description: d.doc, type: 'object', properties };
  const required = Object.keys(fields).filter((k) => fields[k]?.required).sort();
  if (required.length > 0) s.required = required;
  if (d.gvk) s['x-kubernetes-group-version-kind'] = d.gvk.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  if (d.atomic) s['x-kubernetes-map-type'] = 'atomic';
  return s;
}

// ---- paths ----

const param = (name: string, description: string, type = 'string', extra: JsonSchema = {}): JsonSchema => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
  ...extra,
});

const P = {
  dryRun: param('dryRun', 'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed'),
  fieldManager: param('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.'),
  fieldValidation: param('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.'),
  force: param('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.', 'boolean'),
  pretty: param('pretty', "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget)."),
  gracePeriodSeconds: param('gracePeriodSeconds', 'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately.', 'integer'),
  propagationPolicy: param('propagationPolicy', "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground."),
  labelSelector: param('labelSelector', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  fieldSelector: param('fieldSelector', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  limit: param('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
  continue: param('continue', 'The continue option should be set when retrieving more results from the server.'),
  resourceVersion: param('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from. Defaults to unset'),
  watch: param('watch', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion.', 'boolean'),
  timeoutSeconds: param('timeoutSeconds', 'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.', 'integer'),
};

const pathParam = (name: string, description: string): JsonSchema => ({ name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } });

const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const response = (schemaName: string, description = 'OK'): JsonSchema => ({
  description,
  content: Object.fromEntries(RESPONSE_TYPES.map((t) => [t, { schema: schemaRef(schemaName) }])),
});
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

/** `CoreV1`, `AppsV1`, `RbacAuthorizationV1`: the tag upstream puts in operation ids. */
function opGroup(group: string, version: string): string {
  const base = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '');
  const camel = base.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return `${camel}${version.charAt(0).toUpperCase()}${version.slice(1)}`;
}

interface OpSpec {
  action: string;
  verb: string;
  description: string;
  gvk: GroupVersionKind;
  params: JsonSchema[];
  body?: JsonSchema;
  responses: JsonSchema;
}

function operation(r: ResourceInfo, o: OpSpec, scope: string, suffix = ''): JsonSchema {
  const tag = opGroup(r.group, r.version);
  return {
    tags: [`${tag.replace(/V\d.*$/, '').replace(/^./, (c) => c.toLowerCase())}_${r.version}`],
    description: o.description,
    operationId: `${o.verb}${tag}${scope}${o.gvk.kind}${suffix}`,
    ...(o.params.length > 0 ? { parameters: o.params } : {}),
    ...(o.body ? { requestBody: o.body } : {}),
    responses: { ...o.responses, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': o.action,
    'x-kubernetes-group-version-kind': { group: o.gvk.group, kind: o.gvk.kind, version: o.gvk.version },
  };
}

const objectBody = (name: string): JsonSchema => ({
  content: Object.fromEntries(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'].map((t) => [t, { schema: schemaRef(name) }])),
  required: true,
});
const patchBody: JsonSchema = { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: schemaRef(meta('Patch')) }])), required: true };

/** get/put/patch on an item path (the object itself, or its status/scale subresource). */
function itemOps(r: ResourceInfo, schemaName: string, gvk: GroupVersionKind, scope: string, sub: string): JsonSchema {
  const what = sub ? `${sub} of the specified ${r.kind}` : `the specified ${r.kind}`;
  const suffix = sub ? sub.charAt(0).toUpperCase() + sub.slice(1) : '';
  const ops: JsonSchema = {
    get: operation(r, { action: 'get', verb: 'read', description: `read ${what}`, gvk, params: [], responses: { '200': response(schemaName) } }, scope, suffix),
    put: operation(r, { action: 'put', verb: 'replace', description: `replace ${what}`, gvk, params: [P.dryRun, P.fieldManager, P.fieldValidation], body: objectBody(schemaName), responses: { '200': response(schemaName), '201': response(schemaName, 'Created') } }, scope, suffix),
    patch: operation(r, { action: 'patch', verb: 'patch', description: `partially update ${what}`, gvk, params: [P.dryRun, P.fieldManager, P.fieldValidation, P.force], body: patchBody, responses: { '200': response(schemaName), '201': response(schemaName, 'Created') } }, scope, suffix),
  };
  if (!sub) {
    ops.delete = operation(r, { action: 'delete', verb: 'delete', description: `delete a ${r.kind}`, gvk, params: [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], body: { content: { 'application/json': { schema: schemaRef(meta('DeleteOptions')) } } }, responses: { '200': response(schemaName), '202': response(schemaName, 'Accepted') } }, scope);
  }
  return ops;
}

function resourcePaths(r: ResourceInfo): Record<string, JsonSchema> {
  const prefix = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const name = definitionForKind(gvk)?.name;
  if (!name) return {};
  const listName = definitionForKind({ ...gvk, kind: r.listKind })?.name ?? name;
  const scope = r.namespaced ? 'Namespaced' : '';
  const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
  const common = [...(r.namespaced ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')] : []), P.pretty];
  const itemParams = [pathParam('name', `name of the ${r.kind}`), ...common];
  const listParams = [P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.timeoutSeconds, P.watch];
  const paths: Record<string, JsonSchema> = {
    [base]: {
      get: operation(r, { action: 'list', verb: 'list', description: `list or watch objects of kind ${r.kind}`, gvk, params: listParams, responses: { '200': response(listName) } }, scope),
      post: operation(r, { action: 'post', verb: 'create', description: `create a ${r.kind}`, gvk, params: [P.dryRun, P.fieldManager, P.fieldValidation], body: objectBody(name), responses: { '200': response(name), '201': response(name, 'Created'), '202': response(name, 'Accepted') } }, scope),
      delete: operation(r, { action: 'deletecollection', verb: 'deleteCollection', description: `delete collection of ${r.kind}`, gvk, params: [...listParams, P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], responses: { '200': response(meta('Status')) } }, scope),
      parameters: common,
    },
    [`${base}/{name}`]: { ...itemOps(r, name, gvk, scope, ''), parameters: itemParams },
  };
  if (r.namespaced) {
    paths[`${prefix}/${r.resource}`] = {
      get: operation(r, { action: 'list', verb: 'list', description: `list or watch objects of kind ${r.kind}`, gvk, params: listParams, responses: { '200': response(listName) } }, '', 'ForAllNamespaces'),
      parameters: [P.pretty],
    };
  }
  for (const s of r.subresources) {
    if (s.name === 'status') paths[`${base}/{name}/status`] = { ...itemOps(r, name, gvk, scope, 'status'), parameters: itemParams };
    if (s.name === 'scale') {
      const scaleGvk = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
      paths[`${base}/{name}/scale`] = { ...itemOps(r, 'io.k8s.api.autoscaling.v1.Scale', scaleGvk, scope, 'scale'), parameters: itemParams };
    }
  }
  return paths;
}

/** The group-versions kubelite serves, as OpenAPI v3 index keys (`api/v1`, `apis/apps/v1`). */
export function openApiGroupVersions(table: readonly ResourceInfo[] = RESOURCES): string[] {
  const keys = new Set<string>();
  for (const r of table) keys.add(r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`);
  return [...keys].sort();
}

/** The OpenAPI v3 document of one group-version (`api/v1`, `apis/apps/v1`), or undefined if not served. */
export function buildOpenApiDocument(groupVersionPath: string, version: string, table: readonly ResourceInfo[] = RESOURCES): JsonSchema | undefined {
  const resources = table.filter((r) => (r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`) === groupVersionPath);
  if (resources.length === 0) return undefined;
  const paths: Record<string, JsonSchema> = {};
  const roots = [meta('Status'), meta('DeleteOptions'), meta('Patch')];
  for (const r of [...resources].sort((a, b) => a.resource.localeCompare(b.resource))) {
    Object.assign(paths, resourcePaths(r));
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    for (const k of [gvk, { ...gvk, kind: r.listKind }]) {
      const d = definitionForKind(k);
      if (d) roots.push(d.name);
    }
    if (r.subresources.some((s) => s.name === 'scale')) roots.push('io.k8s.api.autoscaling.v1.Scale');
  }
  const schemas: JsonSchema = {};
  for (const name of closure(roots).sort()) schemas[name] = definitionSchema(definition(name) as Definition);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version },
    paths,
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
    security: [{ BearerToken: [] }],
  };
}
