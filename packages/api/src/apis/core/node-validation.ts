// Node validation (ValidateNode, ValidateNodeUpdate) and defaulting (SetDefaults_NodeStatus).
import { forbidden, invalid, type FieldError } from '../../field.js';
import { isQualifiedName } from '../../validation.js';
import type { ResourceList } from './container-types.js';
import { index, IS_NEGATIVE_ERROR, isValidIP, key, messagesToErrors } from './field-helpers.js';
import type { Node } from './node-types.js';
import { setDefaultsResourceList } from './resource-defaults.js';
import { parseQuantityField } from './resource-validation.js';
import { validateTaints } from './taint-validation.js';

/** A node that reports capacity but not allocatable can allocate all of it. */
export function setDefaultsNode(node: Node): void {
  const status = node.status;
  if (!status) return;
  setDefaultsResourceList(status.capacity);
  setDefaultsResourceList(status.allocatable);
  if (!status.allocatable && status.capacity) status.allocatable = { ...status.capacity };
}

function isValidCIDR(cidr: string): boolean {
  const [ip, bits, ...rest] = cidr.split('/');
  if (rest.length > 0 || ip === undefined || bits === undefined || !/^[0-9]+$/.test(bits)) return false;
  const max = ip.includes(':') ? 128 : 32;
  return isValidIP(ip) && Number(bits) <= max;
}

function validateResources(list: ResourceList | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, value] of Object.entries(list ?? {})) {
    const field = key(path, name);
    errs.push(...messagesToErrors(isQualifiedName(name), field, name));
    const { q, errs: parseErrs } = parseQuantityField(value, field);
    errs.push(...parseErrs);
    if (q && q.sign() < 0) errs.push(invalid(field, q.toString(), IS_NEGATIVE_ERROR));
  }
  return errs;
}

/** Taint errors are reported under `metadata.taints`: a long-standing upstream quirk kept for fidelity. */
export function validateNode(node: Node): FieldError[] {
  const errs = validateTaints(node.spec?.taints, 'metadata.taints');
  errs.push(...validateResources(node.status?.capacity, 'status.capacity'));
  errs.push(...validateResources(node.status?.allocatable, 'status.allocatable'));
  const cidrs = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c)) errs.push(invalid(index('spec.podCIDRs', i), cidrs, 'must be valid CIDR'));
  });
  return errs;
}

export function validateNodeUpdate(next: Node, prev: Node): FieldError[] {
  const errs: FieldError[] = [];
  const oldCIDRs = prev.spec?.podCIDRs ?? [];
  const newCIDRs = next.spec?.podCIDRs ?? [];
  if (oldCIDRs.length > 0) {
    const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden('spec.podCIDRs', cidrMsg));
    else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(forbidden('spec.podCIDRs', cidrMsg)));
  }
  const oldProvider = prev.spec?.providerID ?? '';
  if (oldProvider !== '' && oldProvider !== (next.spec?.providerID ?? '')) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}
