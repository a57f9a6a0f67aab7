// Nodes: status kept on create (the kubelet registers with it), `kubectl get nodes` columns,
// and the `spec.unschedulable` field selector (pkg/registry/core/node/strategy.go, printNode).
import { setDefaultsNode, validateNode, validateNodeUpdate, type Node } from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import { NONE } from '../../printers/core-format.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Roles come from `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role`. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === LEGACY_ROLE_LABEL && v !== '') roles.add(v);
  }
  return roles.size === 0 ? NONE : [...roles].sort().join(',');
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? NONE;
}

const unknownIfEmpty = (s: string | undefined): string => (s ? s : '<unknown>');

export const NODE_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { wide: true }),
    column('External-IP', 'List of addresses reachable to the node.', { wide: true }),
    column('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { wide: true }),
    column('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { wide: true }),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', { wide: true }),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const node = typed<Node>(obj);
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name ?? '', nodeStatus(node), nodeRoles(node), translateTimestampSince(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '', address(node, 'InternalIP'), address(node, 'ExternalIP'),
      unknownIfEmpty(info.osImage), unknownIfEmpty(info.kernelVersion), unknownIfEmpty(info.containerRuntimeVersion),
    ];
  },
};

export const nodeStrategy: Strategy = {
  defaults: (obj) => setDefaultsNode(typed<Node>(obj)),
  validate: (obj) => validateNode(typed<Node>(obj)),
  validateUpdate: (obj, old) => validateNodeUpdate(typed<Node>(obj), typed<Node>(old)),
  validateStatusUpdate: (obj, old) => [...validateNode(typed<Node>(obj)), ...validateNodeUpdate(typed<Node>(obj), typed<Node>(old))],
  selectableFields: (obj) => ({ 'spec.unschedulable': String(typed<Node>(obj).spec?.unschedulable === true) }),
  table: NODE_TABLE,
  tracksGeneration: false,
};
