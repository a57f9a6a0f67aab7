import { describe, expect, it } from 'vitest';
import { fieldErrorMessage, type FieldError } from '../../field.js';
import { nameIsPathSegment } from './path-segment.js';
import {
  setDefaultsBinding,
  validateBindingUpdate,
  validateClusterRole,
  validateClusterRoleBinding,
  validateRole,
  validateRoleBinding,
  type RoleBinding,
} from './rbac.js';

const msgs = (errs: FieldError[]): string[] => errs.map(fieldErrorMessage);

describe('RBAC', () => {
  it('names need only be path segments', () => {
    expect(nameIsPathSegment('system:controller:job-controller', false)).toEqual([]);
    expect(nameIsPathSegment('..', false)).toEqual(["may not be '..'"]);
    expect(nameIsPathSegment('a/b%c', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
  });

  it('checks rules', () => {
    expect(msgs(validateRole({ metadata: { name: 'r' }, rules: [{ verbs: [], nonResourceURLs: ['/healthz'] }, { verbs: ['get'] }] }))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      'rules[1].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[1].resources: Required value: resource rules must supply at least one resource',
    ]);
    expect(validateClusterRole({ metadata: { name: 'c' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] })).toEqual([]);
  });

  it('defaults api groups and validates bindings', () => {
    const b: RoleBinding = {
      metadata: { name: 'b', namespace: 'ns' },
      roleRef: { apiGroup: '', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default', namespace: 'ns' }, { kind: 'Robot', name: 'x' }],
    };
    setDefaultsBinding(b);
    expect(b.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(b.subjects?.map((s) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', '', undefined]);
    expect(msgs(validateRoleBinding(b))).toEqual(['subjects[2].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"']);
    expect(msgs(validateClusterRoleBinding({ ...b, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }))).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ]);
  });

  it('never changes a binding role', () => {
    const old: RoleBinding = { metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } };
    const next = { ...old, roleRef: { ...old.roleRef, name: 'other' } };
    expect(msgs(validateBindingUpdate(next, old))).toEqual([
      'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"other"}: cannot change roleRef',
    ]);
  });
});
