// Containers of a pod spec: names unique across init and regular containers, images, ports,
// environment, mounts, resources, probes (validateContainers / validateInitContainers).
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import type { Container, ContainerPort, VolumeMount } from './container-types.js';
import { validateEnv, validateEnvFrom } from './env-validation.js';
import {
  child, duplicate, index, isValidPortName, isValidPortNum, messagesToErrors, notFound, validateDNS1123Label,
} from './field-helpers.js';
import { validateContainerProbe, validateLifecycle } from './probe-validation.js';
import { validateResourceRequirements } from './resource-validation.js';

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const NO_RESTART_INIT = 'may not be set for init containers without restartPolicy=Always';

function validatePorts(ports: readonly ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = index(path, i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) errs.push(...messagesToErrors(msgs, child(p, 'name'), port.name));
      else if (names.has(port.name)) errs.push(duplicate(child(p, 'name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(child(p, 'containerPort')));
    else errs.push(...messagesToErrors(isValidPortNum(port.containerPort), child(p, 'containerPort'), port.containerPort));
    if (port.hostPort) errs.push(...messagesToErrors(isValidPortNum(port.hostPort), child(p, 'hostPort'), port.hostPort));
    if (!port.protocol) errs.push(required(child(p, 'protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(child(p, 'protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

function validateVolumeMounts(mounts: readonly VolumeMount[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = index(path, i);
    if (!m.name) errs.push(required(child(p, 'name')));
    if (!volumes.has(m.name ?? '')) errs.push(notFound(child(p, 'name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(child(p, 'mountPath')));
    if (mountPoints.has(m.mountPath ?? '')) errs.push(invalid(child(p, 'mountPath'), m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath ?? '');
    if (m.subPath && (m.subPath.startsWith('/') || m.subPath.split('/').includes('..'))) {
      const msg = m.subPath.startsWith('/') ? 'must be a relative path' : "must not contain '..'";
      errs.push(invalid(child(path, 'subPath'), m.subPath, msg));
    }
  });
  return errs;
}

function validateContainerCommon(c: Container, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(child(path, 'name')));
  else errs.push(...validateDNS1123Label(c.name, child(path, 'name')));
  if (!c.image) errs.push(required(child(path, 'image')));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(path, 'volumeMounts')));
  const pull = c.imagePullPolicy ?? '';
  if (pull === '') errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  return errs;
}

function validateProbesAndLifecycle(c: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, child(path, 'lifecycle')));
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    errs.push(...validateContainerProbe(kind, c[kind], child(path, kind)));
  }
  return errs;
}

export function validateContainers(containers: readonly Container[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(child(p, 'name'), c.name));
    else names.add(c.name);
    errs.push(...validateProbesAndLifecycle(c, p));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  return errs;
}

function validateInitOnlyFields(c: Container, p: string): FieldError[] {
  if (c.restartPolicy === 'Always') return validateProbesAndLifecycle(c, p);
  const errs: FieldError[] = [];
  if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
    errs.push(notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
  }
  for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (c[f]) errs.push(forbidden(child(p, f), NO_RESTART_INIT));
  }
  return errs;
}

/** Init container names must not collide with regular ones either: they share one namespace. */
export function validateInitContainers(
  inits: readonly Container[] | undefined,
  regular: readonly Container[] | undefined,
  volumes: ReadonlySet<string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(child(p, 'name'), c.name));
    else if (c.name) names.add(c.name);
    // Init containers run one at a time, so only a container's own ports can clash; upstream
    // reports them at index 0 whatever the container's position, and so do we.
    errs.push(...checkHostPortConflicts([c], path));
    errs.push(...validateInitOnlyFields(c, p));
  });
  return errs;
}

/** Two containers may not claim the same host IP, protocol and port. */
export function checkHostPortConflicts(containers: readonly Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const id = `${port.hostIP ?? ''}/${port.protocol ?? ''}/${port.hostPort}`;
      const field = child(index(child(index(path, ci), 'ports'), pi), 'hostPort');
      if (seen.has(id)) errs.push(duplicate(field, id));
      else seen.add(id);
    });
  });
  return errs;
}
