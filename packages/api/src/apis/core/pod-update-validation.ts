// What may change on a running pod (ValidatePodUpdate), through pods/status
// (ValidatePodStatusUpdate) and through pods/binding (ValidatePodBinding).
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../../validation.js';
import type { Container } from './container-types.js';
import { child, duplicate, inclusiveRangeError, index, INVALID_IP_ERROR, isValidIP, messagesToErrors } from './field-helpers.js';
import type { ContainerStatus, PodCondition } from './pod-status-types.js';
import type { Binding, Pod, PodSpec } from './pod-types.js';
import type { Toleration } from './scheduling-types.js';
import { describeDiff, semanticEqual } from './semantic.js';
import { validateTolerations } from './taint-validation.js';

const MAX_INT32 = 2147483647;
export const POD_UPDATE_FORBIDDEN_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validateContainerUpdates(next: readonly Container[], prev: readonly Container[], path: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  // Surrounding whitespace is reported by validatePodCreate, which the registry runs on updates too.
  const errs = next.flatMap((c, i) => (c.image ? [] : [required(child(index(path, i), 'image'))]));
  return { errs, stop: false };
}

function validateDeadlineUpdate(next: number | undefined, prev: number | undefined): FieldError[] {
  const path = 'spec.activeDeadlineSeconds';
  if (next === undefined || next === null) {
    return prev === undefined || prev === null ? [] : [invalid(path, null, 'must not update from a positive integer to nil value')];
  }
  if (next < 0 || next > MAX_INT32) return [invalid(path, next, inclusiveRangeError(0, MAX_INT32))];
  if (prev !== undefined && prev !== null && prev < next) return [invalid(path, next, 'must be less than or equal to previous value')];
  return [];
}

// Existing tolerations may only have their tolerationSeconds changed; new ones may be added.
function validateOnlyAddedTolerations(next: readonly Toleration[], prev: readonly Toleration[]): FieldError[] {
  for (const old of prev) {
    const kept = next.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!kept) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, 'spec.tolerations');
}

// The spec with every field a pod update may change replaced by its old value.
function mungeSpec(next: PodSpec, prev: PodSpec): PodSpec {
  const withOldImages = (cs: readonly Container[] | undefined, olds: readonly Container[] | undefined): Container[] | undefined =>
    cs?.map((c, i) => ({ ...c, image: olds?.[i]?.image }));
  const munged: PodSpec = {
    ...next,
    containers: withOldImages(next.containers, prev.containers) ?? [],
    initContainers: withOldImages(next.initContainers, prev.initContainers),
    activeDeadlineSeconds: prev.activeDeadlineSeconds,
    schedulingGates: prev.schedulingGates,
    tolerations: prev.tolerations,
  };
  const oldGrace = prev.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
}

/** Update-only checks; the full spec is validated separately, as on create. */
export function validatePodUpdate(next: Pod, prev: Pod): FieldError[] {
  const ns = next.spec ?? { containers: [] };
  const ps = prev.spec ?? { containers: [] };
  const errs: FieldError[] = [];
  for (const [field, a, b] of [['containers', ns.containers, ps.containers], ['initContainers', ns.initContainers, ps.initContainers]] as const) {
    const r = validateContainerUpdates(a ?? [], b ?? [], `spec.${field}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const deadlineErrs = validateDeadlineUpdate(ns.activeDeadlineSeconds, ps.activeDeadlineSeconds);
  errs.push(...deadlineErrs);
  if (deadlineErrs.length > 0 && ns.activeDeadlineSeconds !== undefined && ns.activeDeadlineSeconds !== null) return errs;
  errs.push(...validateOnlyAddedTolerations(ns.tolerations ?? [], ps.tolerations ?? []));
  const munged = mungeSpec(ns, ps);
  if (!semanticEqual(munged, ps)) {
    errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN_MESSAGE}\n${describeDiff('core.PodSpec', ps, munged)}`));
  }
  return errs;
}

const WELL_KNOWN_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers', 'DisruptionTarget']);

function validateConditions(conditions: readonly PodCondition[] | undefined): FieldError[] {
  return (conditions ?? []).flatMap((c, i) =>
    WELL_KNOWN_CONDITIONS.has(c.type) ? [] : messagesToErrors(isQualifiedName(c.type ?? ''), child(index('status.conditions', i), 'type'), c.type ?? ''),
  );
}

function validatePodIPs(ips: readonly { ip: string }[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (ips ?? []).forEach((p, i) => {
    if (!isValidIP(p.ip ?? '')) errs.push(invalid(index(path, i), p.ip ?? '', INVALID_IP_ERROR));
    else if (seen.has(p.ip)) errs.push(duplicate(index(path, i), p.ip));
    seen.add(p.ip);
  });
  return errs;
}

// With restartPolicy Never (or OnFailure after success) a finished container stays finished.
function validateStateTransitions(next: readonly ContainerStatus[], prev: readonly ContainerStatus[], path: string, policy: string): FieldError[] {
  if (policy === 'Always') return [];
  const errs: FieldError[] = [];
  prev.forEach((old, i) => {
    const term = old.state?.terminated;
    if (!term || (term.exitCode !== 0 && policy === 'OnFailure')) return;
    for (const s of next) {
      if (s.name === old.name && !s.state?.terminated) errs.push(forbidden(child(index(path, i), 'state'), 'may not be transitioned to non-terminated state'));
    }
  });
  return errs;
}

export function validatePodStatusUpdate(next: Pod, prev: Pod): FieldError[] {
  const ns = next.status ?? {};
  const ps = prev.status ?? {};
  const errs = validateConditions(ns.conditions);
  const nominated = ns.nominatedNodeName ?? '';
  if (nominated !== '' && nominated !== (ps.nominatedNodeName ?? '')) {
    errs.push(...messagesToErrors(nameIsDNSSubdomain(nominated, false), 'status.nominatedNodeName', nominated));
  }
  const policy = prev.spec?.restartPolicy ?? 'Always';
  errs.push(...validateStateTransitions(ns.containerStatuses ?? [], ps.containerStatuses ?? [], 'status.containerStatuses', policy));
  errs.push(...validateStateTransitions(ns.initContainerStatuses ?? [], ps.initContainerStatuses ?? [], 'status.initContainerStatuses', policy));
  if (ps.qosClass && ns.qosClass !== ps.qosClass) errs.push(invalid('status.qosClass', ns.qosClass ?? '', 'field is immutable'));
  errs.push(...validatePodIPs(ns.podIPs, 'status.podIPs'));
  errs.push(...validatePodIPs(ns.hostIPs, 'status.hostIPs'));
  return errs;
}

export function validatePodBinding(binding: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = binding.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!binding.target?.name) errs.push(required('target.name'));
  return errs;
}
