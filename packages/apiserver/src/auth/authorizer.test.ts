import { describe, expect, it } from 'vitest';
import {
  AlwaysAllowAuthorizer,
  AlwaysDenyAuthorizer,
  forbiddenStatus,
  isReadOnly,
  newAuthorizer,
  parseAuthorizationModes,
  statusForAuthorization,
  UnionAuthorizer,
  type AuthorizationAttributes,
  type AuthorizationResult,
  type Authorizer,
} from './authorizer.js';
import { newUserInfo } from './user.js';

const bob = newUserInfo('bob', { groups: ['system:authenticated'] });
const attrs = (over: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user: bob,
  verb: 'get',
  namespace: 'default',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'pods',
  subresource: '',
  name: 'x',
  path: '/api/v1/namespaces/default/pods/x',
  resourceRequest: true,
  ...over,
});
const fixed = (result: AuthorizationResult): Authorizer & { calls: number } => ({
  calls: 0,
  async authorize() {
    this.calls++;
    return result;
  },
});

describe('403 Status bodies (Kubernetes wording, Go field order)', () => {
  it('a named namespaced resource', () => {
    expect(JSON.stringify(forbiddenStatus(attrs(), ''))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",' +
        '"message":"pods \\"x\\" is forbidden: User \\"bob\\" cannot get resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",' +
        '"reason":"Forbidden","details":{"name":"x","kind":"pods"},"code":403}',
    );
  });

  it('a list in a group, a cluster-scoped subresource, a reason suffix', () => {
    expect(forbiddenStatus(attrs({ verb: 'list', apiGroup: 'apps', resource: 'deployments', name: '' }), '').message).toBe(
      'deployments.apps is forbidden: User "bob" cannot list resource "deployments" in API group "apps" in the namespace "default"',
    );
    const node = forbiddenStatus(attrs({ verb: 'patch', namespace: '', resource: 'nodes', subresource: 'status', name: 'n1' }), 'no RBAC policy matched');
    expect(node.message).toBe(
      'nodes "n1" is forbidden: User "bob" cannot patch resource "nodes/status" in API group "" at the cluster scope: no RBAC policy matched',
    );
    expect(node.details).toEqual({ name: 'n1', kind: 'nodes' });
  });

  it('a non-resource path, with HTML-significant characters escaped', () => {
    const s = forbiddenStatus(attrs({ resourceRequest: false, resource: '', name: '', namespace: '', path: '/<script>&' }), '');
    expect(s.message).toBe('forbidden: User "bob" cannot get path "/&lt;script&gt;&amp;"');
    expect(JSON.stringify(s.details)).toBe('{}');
  });
});

describe('authorizers', () => {
  it('AlwaysAllow allows; AlwaysDeny has no opinion with upstream\'s reason', async () => {
    expect(await new AlwaysAllowAuthorizer().authorize()).toEqual({ decision: 'allow', reason: '' });
    expect(await new AlwaysDenyAuthorizer().authorize()).toEqual({ decision: 'noOpinion', reason: 'Everything is forbidden.' });
  });

  it('union: the first allow or deny is final', async () => {
    const later = fixed({ decision: 'allow', reason: '' });
    const deny = new UnionAuthorizer([fixed({ decision: 'noOpinion', reason: 'r1' }), fixed({ decision: 'deny', reason: 'nope' }), later]);
    expect(await deny.authorize(attrs())).toEqual({ decision: 'deny', reason: 'nope' });
    expect(later.calls).toBe(0);
    expect((await new UnionAuthorizer([new AlwaysDenyAuthorizer(), new AlwaysAllowAuthorizer()]).authorize(attrs())).decision).toBe('allow');
  });

  it('union: all no-opinion joins reasons with newlines and keeps errors; a throw is an error', async () => {
    const u = new UnionAuthorizer([
      fixed({ decision: 'noOpinion', reason: 'a' }),
      { authorize: async () => Promise.reject(new Error('webhook down')) },
      fixed({ decision: 'noOpinion', reason: 'b', error: new Error('bad policy') }),
    ]);
    const r = await u.authorize(attrs());
    expect([r.decision, r.reason, r.error?.message]).toEqual(['noOpinion', 'a\nb', '[webhook down, bad policy]']);
  });

  it('statusForAuthorization: allow passes even with an error; otherwise error → 500, else 403', () => {
    expect(statusForAuthorization(attrs(), { decision: 'allow', reason: '', error: new Error('partial') })).toBeUndefined();
    expect(statusForAuthorization(attrs(), { decision: 'noOpinion', reason: '', error: new Error('boom') })).toMatchObject({
      code: 500,
      reason: 'InternalError',
      message: 'Internal error occurred: boom',
    });
    expect(statusForAuthorization(attrs(), { decision: 'noOpinion', reason: 'Everything is forbidden.' })?.message).toBe(
      'pods "x" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default": Everything is forbidden.',
    );
  });

  it('isReadOnly', () => {
    expect(['get', 'list', 'watch', 'create', 'delete'].map((verb) => isReadOnly({ verb }))).toEqual([true, true, true, false, false]);
  });
});

describe('--authorization-mode', () => {
  it('parses modes in order and builds a union for several', async () => {
    expect(parseAuthorizationModes('AlwaysDeny,AlwaysAllow')).toEqual(['AlwaysDeny', 'AlwaysAllow']);
    expect((await newAuthorizer(['AlwaysDeny', 'AlwaysAllow']).authorize(attrs())).decision).toBe('allow');
    expect((await newAuthorizer(['AlwaysAllow']).authorize(attrs())).decision).toBe('allow');
  });

  it('always allows system:masters, whatever the modes (as kube-apiserver)', async () => {
    const admin = { ...bob, groups: ['system:masters', 'system:authenticated'] };
    expect((await newAuthorizer(['AlwaysDeny']).authorize(attrs({ user: admin }))).decision).toBe('allow');
    expect((await newAuthorizer(['AlwaysDeny']).authorize(attrs())).decision).toBe('noOpinion');
  });

  it('rejects repeats, unknown and not-yet-implemented modes', () => {
    expect(() => parseAuthorizationModes('AlwaysAllow,AlwaysAllow')).toThrow('has mode specified more than once');
    expect(() => parseAuthorizationModes('RBAC')).toThrow('is not supported yet');
    expect(() => parseAuthorizationModes('Sometimes')).toThrow('is not a valid mode');
    expect(() => parseAuthorizationModes('AlwaysAllow,')).toThrow('empty mode');
  });
});
