// Probes and lifecycle hooks: exactly one handler, sane timings (validateProbe, validateHandler).
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import type { Handler, HTTPGetAction, Lifecycle, Probe } from './container-types.js';
import { child, isValidPortNum, messagesToErrors, validateNonnegative, validatePortNumOrName } from './field-helpers.js';

const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

function validateHTTPGet(get: HTTPGetAction, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!get.path) errs.push(required(child(path, 'path')));
  errs.push(...validatePortNumOrName(get.port, child(path, 'port')));
  const scheme = get.scheme ?? '';
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(path, 'scheme'), scheme, ['HTTP', 'HTTPS']));
  for (const h of get.httpHeaders ?? []) {
    if (!HTTP_HEADER_NAME.test(h.name)) {
      const msg = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";
      errs.push(invalid(child(path, 'httpHeaders'), h.name, msg));
    }
  }
  return errs;
}

// Each set handler after the first is reported as forbidden, at its own path.
export function validateHandler(h: Handler, path: string, allowSleep: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const take = (name: string, check: () => FieldError[]): void => {
    if (count > 0) errs.push(forbidden(child(path, name), 'may not specify more than 1 handler type'));
    else {
      count++;
      errs.push(...check());
    }
  };
  if (h.exec) take('exec', () => ((h.exec?.command ?? []).length === 0 ? [required(child(path, 'exec', 'command'))] : []));
  if (h.httpGet) take('httpGet', () => validateHTTPGet(h.httpGet as HTTPGetAction, child(path, 'httpGet')));
  if (h.tcpSocket) take('tcpSocket', () => validatePortNumOrName(h.tcpSocket?.port, child(path, 'tcpSocket', 'port')));
  if (h.grpc) {
    const port = h.grpc.port;
    take('grpc', () => messagesToErrors(isValidPortNum(port), child(path, 'grpc', 'port'), port));
  }
  if (h.sleep && allowSleep) take('sleep', () => validateNonnegative(h.sleep?.seconds, child(path, 'sleep', 'seconds')));
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(p: Probe, path: string): FieldError[] {
  const errs = validateHandler(p, path, false);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegative(p[f], child(path, f)));
  }
  const grace = p.terminationGracePeriodSeconds;
  if (grace !== undefined && grace !== null && grace <= 0) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  }
  return errs;
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateContainerProbe(kind: ProbeKind, p: Probe | undefined, path: string): FieldError[] {
  if (!p) return [];
  const errs = validateProbe(p, path);
  if (kind === 'readinessProbe') {
    if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds !== null) {
      const field = child(path, 'terminationGracePeriodSeconds');
      errs.push(invalid(field, p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    }
  } else if (p.successThreshold !== 1) {
    // A liveness or startup probe that needed several successes would only delay restarts.
    errs.push(invalid(child(path, 'successThreshold'), p.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

export function validateLifecycle(l: Lifecycle, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (l.postStart) errs.push(...validateHandler(l.postStart, child(path, 'postStart'), true));
  if (l.preStop) errs.push(...validateHandler(l.preStop, child(path, 'preStop'), true));
  return errs;
}
