// Endpoints validation (ValidateEndpoints): addresses are IPs, ports named when several.
import { notSupported, required, invalid, type FieldError } from '../../field.js';
import { nameIsDNSSubdomain } from '../../validation.js';
import {
  child, duplicate, index, INVALID_IP_ERROR, isValidIP, isValidPortNum, messagesToErrors, validateDNS1123Label,
} from './field-helpers.js';
import type { EndpointAddress, EndpointPort, Endpoints } from './service-types.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(a: EndpointAddress, p: string): FieldError[] {
  const errs = isValidIP(a.ip ?? '') ? [] : [invalid(child(p, 'ip'), a.ip ?? '', INVALID_IP_ERROR)];
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, child(p, 'hostname')));
  if (a.nodeName) errs.push(...messagesToErrors(nameIsDNSSubdomain(a.nodeName, false), child(p, 'nodeName'), a.nodeName));
  return errs;
}

function validatePort(port: EndpointPort, requireName: boolean, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !port.name) errs.push(required(child(p, 'name')));
  else if (port.name) errs.push(...validateDNS1123Label(port.name, child(p, 'name')));
  errs.push(...messagesToErrors(isValidPortNum(port.port), child(p, 'port'), port.port));
  if (!port.protocol) errs.push(required(child(p, 'protocol')));
  else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(child(p, 'protocol'), port.protocol, PROTOCOLS));
  return errs;
}

export function setDefaultsEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = index('subsets', i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, index(child(p, 'addresses'), j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, index(child(p, 'notReadyAddresses'), j))));
    const ports = ss.ports ?? [];
    const names = new Set<string>();
    ports.forEach((port, j) => {
      const pp = index(child(p, 'ports'), j);
      errs.push(...validatePort(port, ports.length > 1, pp));
      if (port.name && names.has(port.name)) errs.push(duplicate(child(pp, 'name'), port.name));
      names.add(port.name ?? '');
    });
  });
  return errs;
}
