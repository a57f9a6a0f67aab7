// PodSpec, PodTemplateSpec and Pod validation (ValidatePodSpec, ValidatePodTemplateSpec,
// ValidatePodCreate), with Kubernetes' field paths and messages.
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import { isQualifiedName, nameIsDNSSubdomain, validateAnnotations, validateLabels } from '../../validation.js';
import { checkHostPortConflicts, validateContainers, validateInitContainers } from './container-validation.js';
import type { Container } from './container-types.js';
import { child, duplicate, inclusiveRangeError, index, messagesToErrors, validateDNS1123Label } from './field-helpers.js';
import type { Pod, PodSpec, PodTemplateSpec } from './pod-types.js';
import { validateTolerations } from './taint-validation.js';
import { validateVolumes } from './volume-validation.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const MAX_INT32 = 2147483647;

export interface PodSpecValidationOptions {
  /** In a real Pod hostPort must equal containerPort under hostNetwork; templates may leave it 0. */
  resourceIsPod?: boolean;
}

function validateEnum(value: string | undefined, valid: readonly string[], path: string): FieldError[] {
  if (!value) return [required(path)];
  return valid.includes(value) ? [] : [notSupported(path, value, valid)];
}

function validateHostNetworkPorts(spec: PodSpec, path: string, opts: PodSpecValidationOptions): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const hp = port.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        const field = child(index(child(index(child(path, 'containers'), ci), 'ports'), pi), 'hostPort');
        errs.push(invalid(field, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateDNSConfig(spec: PodSpec, path: string): FieldError[] {
  if (spec.dnsPolicy !== 'None') return [];
  if (!spec.dnsConfig) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
  if ((spec.dnsConfig.nameservers ?? []).length === 0) {
    return [required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  return [];
}

function validateNamedRefs(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const check = (value: string | undefined, field: string): void => {
    if (value) errs.push(...messagesToErrors(nameIsDNSSubdomain(value, false), child(path, field), value));
  };
  check(spec.serviceAccountName, 'serviceAccountName');
  check(spec.nodeName, 'nodeName');
  check(spec.priorityClassName, 'priorityClassName');
  check(spec.runtimeClassName, 'runtimeClassName');
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, child(path, 'hostname')));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, child(path, 'subdomain')));
  return errs;
}

function validateGates(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const p = index(child(path, 'schedulingGates'), i);
    errs.push(...messagesToErrors(isQualifiedName(g.name ?? ''), p, g.name ?? ''));
    if (seen.has(g.name)) errs.push(duplicate(p, g.name));
    seen.add(g.name);
  });
  (spec.readinessGates ?? []).forEach((g, i) => {
    const p = child(index(child(path, 'readinessGates'), i), 'conditionType');
    errs.push(...messagesToErrors(isQualifiedName(g.conditionType ?? ''), p, g.conditionType ?? ''));
  });
  return errs;
}

function validateSpecWithOptions(spec: PodSpec, path: string, opts: PodSpecValidationOptions): FieldError[] {
  const vols = validateVolumes(spec.volumes, child(path, 'volumes'));
  const errs = [...vols.errs];
  errs.push(...validateContainers(spec.containers, vols.names, child(path, 'containers')));
  errs.push(...checkHostPortConflicts(spec.containers ?? [], child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, child(path, 'initContainers')));
  errs.push(...validateHostNetworkPorts(spec, path, opts));
  errs.push(...validateEnum(spec.restartPolicy, RESTART_POLICIES, child(path, 'restartPolicy')));
  errs.push(...validateEnum(spec.dnsPolicy, DNS_POLICIES, child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validateDNSConfig(spec, child(path, 'dnsConfig')));
  errs.push(...validateGates(spec, path));
  errs.push(...validateNamedRefs(spec, path));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  return errs;
}

export function validatePodSpec(spec: PodSpec, fldPath: string): FieldError[] {
  return validateSpecWithOptions(spec, fldPath, {});
}

/** Metadata errors land at `<path>.labels`, not `<path>.metadata.labels`, as in Kubernetes. */
export function validatePodTemplateSpec(t: PodTemplateSpec, fldPath: string): FieldError[] {
  const errs = [
    ...validateLabels(t.metadata?.labels, child(fldPath, 'labels')),
    ...validateAnnotations(t.metadata?.annotations, child(fldPath, 'annotations')),
    ...validatePodSpec(t.spec ?? { containers: [] }, child(fldPath, 'spec')),
  ];
  if ((t.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(forbidden(child(fldPath, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

function validateImageWhitespace(containers: readonly Container[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    const image = c.image ?? '';
    if (image.trim() !== image) errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

/** Pod-specific validation (metadata itself is the registry's): the spec, as on create. */
export function validatePod(pod: Pod): FieldError[] {
  const spec = pod.spec ?? { containers: [] };
  const errs = validateSpecWithOptions(spec, 'spec', { resourceIsPod: true });
  errs.push(...validateImageWhitespace(spec.containers, 'spec.containers'));
  errs.push(...validateImageWhitespace(spec.initContainers, 'spec.initContainers'));
  return errs;
}

/** Ephemeral containers are added through their own subresource, never on create. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePod(pod);
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  return errs;
}
