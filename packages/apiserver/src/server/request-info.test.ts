// parseRequestInfo against what k8s.io/apiserver's RequestInfoFactory reports for the same
// request: routing, authorization, metrics and audit all read verb/resource/name from here.
import { describe, expect, it } from 'vitest';
import { parseRequestInfo, type RequestInfo } from './request-info.js';

type Query = Record<string, string | string[] | undefined>;

const info = (method: string, path: string, query: Query = {}): RequestInfo => parseRequestInfo(method, path, query);

/** The fields authorization looks at, for compact expectations. */
const attrs = (i: RequestInfo) => ({
  verb: i.verb,
  apiGroup: i.apiGroup,
  apiVersion: i.apiVersion,
  namespace: i.namespace,
  resource: i.resource,
  name: i.name,
  subresource: i.subresource,
});

describe('core and group resource paths', () => {
  it('reads a namespaced object in the core group', () => {
    const i = info('GET', '/api/v1/namespaces/default/pods/web');
    expect(i.isResourceRequest).toBe(true);
    expect(i.apiPrefix).toBe('api');
    expect(attrs(i)).toEqual({ verb: 'get', apiGroup: '', apiVersion: 'v1', namespace: 'default', resource: 'pods', name: 'web', subresource: '' });
  });

  it('reads a namespaced object in a named group', () => {
    const i = info('GET', '/apis/apps/v1/namespaces/prod/deployments/api');
    expect(i.apiPrefix).toBe('apis');
    expect(attrs(i)).toEqual({ verb: 'get', apiGroup: 'apps', apiVersion: 'v1', namespace: 'prod', resource: 'deployments', name: 'api', subresource: '' });
  });

  it('maps HTTP methods to Kubernetes verbs', () => {
    const p = '/api/v1/namespaces/default/configmaps/cm';
    expect(info('POST', '/api/v1/namespaces/default/configmaps').verb).toBe('create');
    expect(info('PUT', p).verb).toBe('update');
    expect(info('PATCH', p).verb).toBe('patch');
    expect(info('DELETE', p).verb).toBe('delete');
    expect(info('HEAD', p).verb).toBe('get');
  });

  it('lists a collection in one namespace, in every namespace, and a cluster-scoped one', () => {
    expect(attrs(info('GET', '/api/v1/namespaces/default/pods'))).toMatchObject({ verb: 'list', namespace: 'default', resource: 'pods', name: '' });
    expect(attrs(info('GET', '/api/v1/pods'))).toMatchObject({ verb: 'list', namespace: '', resource: 'pods', name: '' });
    expect(attrs(info('GET', '/apis/apps/v1/deployments'))).toMatchObject({ verb: 'list', apiGroup: 'apps', namespace: '', resource: 'deployments' });
    expect(attrs(info('GET', '/api/v1/nodes/node-1'))).toMatchObject({ verb: 'get', namespace: '', resource: 'nodes', name: 'node-1' });
  });

  it('reads subresources', () => {
    expect(attrs(info('PUT', '/api/v1/namespaces/default/pods/web/status'))).toMatchObject({ verb: 'update', resource: 'pods', name: 'web', subresource: 'status' });
    expect(attrs(info('POST', '/api/v1/namespaces/default/pods/web/binding'))).toMatchObject({ verb: 'create', name: 'web', subresource: 'binding' });
    expect(attrs(info('GET', '/apis/apps/v1/namespaces/default/deployments/api/scale'))).toMatchObject({ verb: 'get', subresource: 'scale' });
    expect(attrs(info('GET', '/api/v1/nodes/node-1/status'))).toMatchObject({ namespace: '', resource: 'nodes', name: 'node-1', subresource: 'status' });
  });

  it('keeps segments after the subresource in it, so no route matches them', () => {
    expect(info('GET', '/api/v1/namespaces/default/pods/web/log/extra').subresource).toBe('log/extra');
  });

  it('ignores empty segments from doubled and trailing slashes', () => {
    expect(attrs(info('GET', '/api/v1/namespaces/default/pods/'))).toMatchObject({ verb: 'list', resource: 'pods', name: '' });
    expect(attrs(info('GET', '//api//v1/namespaces/default/pods/web'))).toMatchObject({ verb: 'get', name: 'web' });
  });
});

describe('namespaces', () => {
  it('treats /namespaces/{name} as the namespace object', () => {
    expect(attrs(info('GET', '/api/v1/namespaces/team-a'))).toEqual({
      verb: 'get', apiGroup: '', apiVersion: 'v1', namespace: 'team-a', resource: 'namespaces', name: 'team-a', subresource: '',
    });
    expect(attrs(info('DELETE', '/api/v1/namespaces/team-a'))).toMatchObject({ verb: 'delete', resource: 'namespaces', name: 'team-a' });
  });

  it('lists and creates namespaces at /namespaces', () => {
    expect(attrs(info('GET', '/api/v1/namespaces'))).toMatchObject({ verb: 'list', namespace: '', resource: 'namespaces', name: '' });
    expect(attrs(info('POST', '/api/v1/namespaces'))).toMatchObject({ verb: 'create', resource: 'namespaces', name: '' });
  });

  it('addresses the namespace\'s own status and finalize subresources', () => {
    expect(attrs(info('PUT', '/api/v1/namespaces/team-a/status'))).toMatchObject({ verb: 'update', namespace: 'team-a', resource: 'namespaces', name: 'team-a', subresource: 'status' });
    expect(attrs(info('PUT', '/api/v1/namespaces/team-a/finalize'))).toMatchObject({ resource: 'namespaces', name: 'team-a', subresource: 'finalize' });
  });

  it('treats any other segment after the namespace as a resource in it', () => {
    expect(attrs(info('GET', '/api/v1/namespaces/team-a/secrets'))).toMatchObject({ verb: 'list', namespace: 'team-a', resource: 'secrets', name: '' });
  });
});

describe('watch', () => {
  it('turns a collection GET with ?watch=1 or ?watch=true into watch', () => {
    expect(info('GET', '/api/v1/namespaces/default/pods', { watch: '1' }).verb).toBe('watch');
    expect(info('GET', '/api/v1/pods', { watch: 'true' }).verb).toBe('watch');
    expect(info('GET', '/api/v1/pods', { watch: 'True' }).verb).toBe('watch');
  });

  it('takes watch=0 and watch=false (any case) as a list', () => {
    expect(info('GET', '/api/v1/pods', { watch: '0' }).verb).toBe('list');
    expect(info('GET', '/api/v1/pods', { watch: 'FALSE' }).verb).toBe('list');
  });

  it('takes a bare ?watch (empty value) as a watch, as Go\'s query bool does', () => {
    expect(info('GET', '/api/v1/pods', { watch: '' }).verb).toBe('watch');
  });

  it('reads only the first of repeated watch parameters', () => {
    expect(info('GET', '/api/v1/pods', { watch: ['1', '0'] }).verb).toBe('watch');
    expect(info('GET', '/api/v1/pods', { watch: ['false', '1'] }).verb).toBe('list');
  });

  it('watches a single object through its item path', () => {
    expect(attrs(info('GET', '/api/v1/namespaces/default/pods/web', { watch: '1' }))).toMatchObject({ verb: 'watch', name: 'web' });
  });

  it('reads the legacy /watch/ prefix', () => {
    expect(attrs(info('GET', '/api/v1/watch/namespaces/default/pods'))).toMatchObject({ verb: 'watch', namespace: 'default', resource: 'pods', name: '' });
    expect(attrs(info('GET', '/api/v1/watch/namespaces/default/pods/web'))).toMatchObject({ verb: 'watch', resource: 'pods', name: 'web' });
    expect(attrs(info('GET', '/apis/apps/v1/watch/deployments'))).toMatchObject({ verb: 'watch', apiGroup: 'apps', namespace: '', resource: 'deployments' });
    expect(attrs(info('GET', '/api/v1/watch/namespaces/team-a'))).toMatchObject({ verb: 'watch', resource: 'namespaces', name: 'team-a' });
  });

  it('leaves non-GET methods alone when ?watch is set', () => {
    expect(info('POST', '/api/v1/namespaces/default/pods', { watch: '1' }).verb).toBe('create');
  });
});

describe('deletecollection', () => {
  it('is a DELETE on a collection', () => {
    expect(info('DELETE', '/api/v1/namespaces/default/pods').verb).toBe('deletecollection');
    expect(info('DELETE', '/apis/apps/v1/namespaces/default/replicasets').verb).toBe('deletecollection');
  });

  it('is not a DELETE on one object', () => {
    expect(info('DELETE', '/api/v1/namespaces/default/pods/web').verb).toBe('delete');
  });
});

describe('non-resource paths', () => {
  it.each(['/healthz', '/livez', '/readyz', '/version', '/metrics', '/openapi/v2', '/'])('%s is not a resource request', (p) => {
    const i = info('GET', p);
    expect(i.isResourceRequest).toBe(false);
    expect(i.verb).toBe('get');
    expect(i.path).toBe(p);
  });

  it('uses the lower-case HTTP method as verb', () => {
    expect(info('POST', '/healthz').verb).toBe('post');
    expect(info('HEAD', '/version').verb).toBe('head');
  });

  it('treats discovery documents as non-resource requests', () => {
    expect(info('GET', '/api')).toMatchObject({ isResourceRequest: false, apiPrefix: 'api' });
    expect(info('GET', '/api/v1')).toMatchObject({ isResourceRequest: false, apiVersion: 'v1' });
    expect(info('GET', '/apis')).toMatchObject({ isResourceRequest: false, apiPrefix: 'apis' });
    expect(info('GET', '/apis/apps')).toMatchObject({ isResourceRequest: false, apiGroup: 'apps' });
    expect(info('GET', '/apis/apps/v1')).toMatchObject({ isResourceRequest: false, apiGroup: 'apps', apiVersion: 'v1' });
  });
});

describe('percent-encoding', () => {
  it('decodes encoded segments', () => {
    const i = info('GET', '/api/v1/namespaces/default/configmaps/my%2Dcm');
    expect(i.name).toBe('my-cm');
    expect(i.path).toBe('/api/v1/namespaces/default/configmaps/my%2Dcm');
  });

  it('decodes an encoded slash inside its segment rather than splitting on it', () => {
    expect(attrs(info('GET', '/api/v1/namespaces/default/configmaps/a%2Fb'))).toMatchObject({ resource: 'configmaps', name: 'a/b', subresource: '' });
  });

  it('treats a path that does not decode as a non-resource request (later a 404)', () => {
    const i = info('GET', '/api/v1/namespaces/default/pods/%zz');
    expect(i.isResourceRequest).toBe(false);
    expect(i.resource).toBe('');
    expect(info('DELETE', '/api/v1/namespaces/%E0%A4%A/pods').isResourceRequest).toBe(false);
  });
});
