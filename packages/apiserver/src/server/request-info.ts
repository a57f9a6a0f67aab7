// What a request addresses, parsed from its path the way k8s.io/apiserver's RequestInfoFactory
// does, so routing, authorization, metrics and audit all agree on verb, resource and name.
//
//   /api/v1/namespaces/{ns}/{resource}[/{name}[/{subresource}]]
//   /apis/{group}/{version}/namespaces/{ns}/{resource}[/{name}[/{subresource}]]
//   /api/v1/{resource}[/{name}[/{subresource}]]      (cluster-scoped, or every namespace)
//   /api/v1/namespaces[/{name}[/{subresource}]]      (namespaces themselves)
//   /api/v1/watch/…                                  (legacy watch prefix)

export interface RequestInfo {
  /** False for /healthz, /version, discovery roots and other non-resource paths. */
  isResourceRequest: boolean;
  path: string;
  /** Kubernetes verb for resource requests (get, list, watch, create, …); lower-case HTTP method otherwise. */
  verb: string;
  apiPrefix: '' | 'api' | 'apis';
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

// Go's query-parameter bool (runtime.Convert_Slice_string_To_bool): the first value counts, and
// only "0" and "false" are false — a bare `?watch` or `?watch=` is a watch.
function isTrue(v: string | string[] | undefined): boolean {
  const first = Array.isArray(v) ? v[0] : v;
  return first !== undefined && first !== '0' && first.toLowerCase() !== 'false';
}

/** Path segments, percent-decoded; `undefined` when a segment does not decode. */
function segments(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function nonResource(path: string, method: string): RequestInfo {
  return {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  };
}

export function parseRequestInfo(method: string, path: string, query: Record<string, string | string[] | undefined>): RequestInfo {
  const parts = segments(path);
  const base = nonResource(path, method);
  if (!parts || parts.length === 0) return base;
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis') return base;
  let rest: string[];
  const info: RequestInfo = { ...base, apiPrefix: prefix };
  if (prefix === 'api') {
    if (parts.length < 2) return info;
    info.apiVersion = parts[1] ?? '';
    rest = parts.slice(2);
  } else {
    if (parts.length < 3) return { ...info, apiGroup: parts[1] ?? '' };
    info.apiGroup = parts[1] ?? '';
    info.apiVersion = parts[2] ?? '';
    rest = parts.slice(3);
  }
  // /api/v1 and /apis/g/v themselves are discovery documents.
  if (rest.length === 0) return info;
  info.isResourceRequest = true;
  info.verb = METHOD_VERBS[method] ?? method.toLowerCase();
  if (rest[0] === 'watch') {
    info.verb = 'watch';
    rest = rest.slice(1);
  }
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    info.namespace = rest[1] ?? '';
    // `namespaces/{ns}/{resource}…` addresses objects in the namespace; `namespaces/{name}` and
    // its own subresources (`status`, `finalize`) address the namespace object.
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  info.resource = rest[0] ?? '';
  info.name = rest[1] ?? '';
  info.subresource = rest.slice(2).join('/');
  if (info.verb === 'get' && info.name === '') info.verb = isTrue(query.watch) ? 'watch' : 'list';
  else if (info.verb === 'get' && isTrue(query.watch)) info.verb = 'watch';
  if (info.verb === 'delete' && info.name === '') info.verb = 'deletecollection';
  return info;
}
