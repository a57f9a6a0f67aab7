// rbac.authorization.k8s.io: roles, clusterroles, rolebindings, clusterrolebindings
// (pkg/registry/rbac/* strategies and the binding printers; roles print the default table).
import {
  nameIsPathSegment,
  setDefaultsBinding,
  validateBindingUpdate,
  validateClusterRole,
  validateClusterRoleBinding,
  validateRole,
  validateRoleBinding,
  type ClusterRole,
  type Role,
  type RoleBinding,
  type Subject,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/groups-columns.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { view } from './common.js';

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjectCells(subjects: readonly Subject[] | null | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingTable(which: 'roleBinding' | 'clusterRoleBinding', roleDoc: string): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'string', roleDoc),
      AGE_COLUMN,
      column('Users', 'string', `Users in the ${which}`, 1),
      column('Groups', 'string', `Groups in the ${which}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${which}`, 1),
    ],
    cells(obj: KObject, now: Date): unknown[] {
      const b = view<RoleBinding>(obj);
      return [
        b.metadata.name ?? '',
        `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
        translateTimestampSince(b.metadata.creationTimestamp, now),
        ...subjectCells(b.subjects),
      ];
    },
  };
}

export const roleBindingTable = bindingTable(
  'roleBinding',
  'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
);

export const clusterRoleBindingTable = bindingTable(
  'clusterRoleBinding',
  'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
);

// RBAC objects have no spec or status and Kubernetes keeps no generation for them; their names
// only need to be valid path segments ("system:controller:…" is a fine name).
const rbacCommon = { nameValidator: nameIsPathSegment, tracksGeneration: false } satisfies Strategy;

export const roleStrategy: Strategy = { ...rbacCommon, validate: (obj) => validateRole(view<Role>(obj)) };

export const clusterRoleStrategy: Strategy = { ...rbacCommon, validate: (obj) => validateClusterRole(view<ClusterRole>(obj)) };

export const roleBindingStrategy: Strategy = {
  ...rbacCommon,
  defaults: (obj) => setDefaultsBinding(view<RoleBinding>(obj)),
  validate: (obj) => validateRoleBinding(view<RoleBinding>(obj)),
  validateUpdate: (obj, old) => validateBindingUpdate(view<RoleBinding>(obj), view<RoleBinding>(old)),
  table: roleBindingTable,
};

export const clusterRoleBindingStrategy: Strategy = {
  ...rbacCommon,
  defaults: (obj) => setDefaultsBinding(view<RoleBinding>(obj)),
  validate: (obj) => validateClusterRoleBinding(view<RoleBinding>(obj)),
  validateUpdate: (obj, old) => validateBindingUpdate(view<RoleBinding>(obj), view<RoleBinding>(old)),
  table: clusterRoleBindingTable,
};
