// Container resource requirements: names, quantities, and requests within limits
// (ValidateResourceRequirements in pkg/apis/core/validation).
import { invalid, required, type FieldError } from '../../field.js';
import { Quantity, QuantityParseError } from '../../quantity.js';
import { isQualifiedName } from '../../validation.js';
import type { ResourceList, ResourceRequirements } from './container-types.js';
import { child, IS_NEGATIVE_ERROR, key, messagesToErrors } from './field-helpers.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Only native, non-hugepage resources may be requested below their limit. */
export function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function validateResourceName(name: string, field: string): FieldError[] {
  const errs = messagesToErrors(isQualifiedName(name), field, name);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalid(field, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(invalid(field, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** Parses a quantity the way the apiserver's decoder would, reporting failures as field errors. */
export function parseQuantityField(value: unknown, field: string): { q?: Quantity; errs: FieldError[] } {
  try {
    return { q: Quantity.fromJSON(value), errs: [] };
  } catch (e) {
    const msg = e instanceof QuantityParseError ? e.message : String(e);
    return { errs: [invalid(field, value, msg)] };
  }
}

function validateQuantity(name: string, value: unknown, field: string): { q?: Quantity; errs: FieldError[] } {
  const parsed = parseQuantityField(value, field);
  const q = parsed.q;
  if (!q) return parsed;
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(field, q.toString(), IS_NEGATIVE_ERROR));
  // Extended resources are counted in whole units (devices, not fractions of one).
  if (!isNative(name) && q.milliValue() % 1000 !== 0) errs.push(invalid(field, q.toString(), 'must be an integer'));
  return { q, errs };
}

function validateList(list: ResourceList | undefined, path: string): { errs: FieldError[]; parsed: Map<string, Quantity> } {
  const errs: FieldError[] = [];
  const parsed = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const field = key(path, name);
    errs.push(...validateResourceName(name, field));
    const r = validateQuantity(name, value, field);
    errs.push(...r.errs);
    if (r.q) parsed.set(name, r.q);
  }
  return { errs, parsed };
}

export function validateResourceRequirements(req: ResourceRequirements | undefined, path: string): FieldError[] {
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = validateList(req?.limits, limPath);
  const requests = validateList(req?.requests, reqPath);
  const errs = [...limits.errs, ...requests.errs];
  for (const [name, q] of requests.parsed) {
    const limit = limits.parsed.get(name);
    if (limit) {
      if (!q.equal(limit) && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name) && !(name in (req?.limits ?? {}))) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
