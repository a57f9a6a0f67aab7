// discovery.k8s.io/v1 EndpointSlice: types, defaults and ValidateEndpointSlice* (1.32).
import { invalid, notSupported, required, type FieldError } from '../../field.js';
import type { KubeObject } from '../../meta.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validateLabels } from '../../validation.js';
import { duplicate } from '../core/field-helpers.js';
import { validateImmutableField } from '../apps/semantic.js';
import { isValidIPv4, isValidIPv6, validateNonSpecialIP } from './ip.js';

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';

export interface EndpointSliceConditions {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
}

export interface EndpointSliceHints {
  forZones?: Array<{ name: string }>;
}

export interface EndpointSliceEndpoint {
  addresses: string[];
  conditions?: EndpointSliceConditions;
  hostname?: string | null;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string } | null;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string | null;
  zone?: string | null;
  hints?: EndpointSliceHints | null;
}

export interface EndpointSlicePort {
  name?: string | null;
  protocol?: 'TCP' | 'UDP' | 'SCTP' | string | null;
  port?: number | null;
  appProtocol?: string | null;
}

export interface EndpointSlice extends KubeObject {
  addressType: AddressType | string;
  endpoints: EndpointSliceEndpoint[] | null;
  ports?: EndpointSlicePort[] | null;
}

/** The label that ties a slice to its Service. */
export const ENDPOINTSLICE_SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ZONE_HINTS = 8;

function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, value: actual, detail: `must have at most ${max} items` };
}

/** SetDefaults_EndpointPort: a nameless port is named "", a protocol-less one is TCP. */
export function setDefaultsEndpointSlice(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
}

function validateFQDN(value: string, fld: string): FieldError[] {
  if (value === '') return [required(fld)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length > 0) return [invalid(fld, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(fld, name, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const msgs = isDNS1123Label(l);
    if (msgs.length > 0) return [invalid(fld, l, msgs.join(','))];
  }
  return [];
}

function validateAddress(address: string, type: string, fld: string): FieldError[] {
  if (type === 'IPv4') return isValidIPv4(address) ? validateNonSpecialIP(address, fld) : [invalid(fld, address, 'must be a valid IPv4 address')];
  if (type === 'IPv6') return isValidIPv6(address) ? validateNonSpecialIP(address, fld) : [invalid(fld, address, 'must be a valid IPv6 address')];
  return type === 'FQDN' ? validateFQDN(address, fld) : [];
}

function validateEndpoint(ep: EndpointSliceEndpoint, type: string, fld: string): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = ep.addresses ?? [];
  if (addresses.length === 0) errs.push(required(`${fld}.addresses`, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(`${fld}.addresses`, addresses.length, MAX_ADDRESSES));
  addresses.forEach((a, i) => errs.push(...validateAddress(a, type, `${fld}.addresses[${i}]`)));
  if (typeof ep.nodeName === 'string') {
    for (const msg of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(invalid(`${fld}.nodeName`, ep.nodeName, msg));
  }
  const topology = ep.deprecatedTopology ?? {};
  if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) {
    errs.push(tooMany(`${fld}.deprecatedTopology`, Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
  }
  errs.push(...validateLabels(topology, `${fld}.deprecatedTopology`));
  if (typeof ep.hostname === 'string') {
    for (const msg of isDNS1123Label(ep.hostname)) errs.push(invalid(`${fld}.hostname`, ep.hostname, msg));
  }
  const zones = ep.hints?.forZones ?? [];
  if (zones.length > MAX_ZONE_HINTS) errs.push(tooMany(`${fld}.hints.forZones`, zones.length, MAX_ZONE_HINTS));
  const seen = new Set<string>();
  zones.forEach((z, i) => {
    if (seen.has(z.name)) errs.push(duplicate(`${fld}.hints.forZones[${i}].name`, z.name));
    seen.add(z.name);
  });
  return errs;
}

function validatePorts(ports: readonly EndpointSlicePort[], fld: string): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany(fld, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const name = p.name ?? '';
    if (name !== '') for (const msg of isDNS1123Label(name)) errs.push(invalid(`${fld}[${i}].name`, name, msg));
    if (names.has(name)) errs.push(duplicate(`${fld}[${i}].name`, name));
    names.add(name);
    if (p.protocol === undefined || p.protocol === null) errs.push(required(`${fld}[${i}].protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${fld}[${i}].protocol`, p.protocol, PROTOCOLS));
    if (typeof p.appProtocol === 'string') {
      for (const msg of isQualifiedName(p.appProtocol)) errs.push(invalid(`${fld}[${i}].appProtocol`, p.appProtocol, msg));
    }
  });
  return errs;
}

/** ValidateEndpointSlice minus ObjectMeta. */
export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  const type = slice.addressType ?? '';
  if (type === '') errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((ep, i) => errs.push(...validateEndpoint(ep, type, `endpoints[${i}]`)));
  errs.push(...validatePorts(slice.ports ?? [], 'ports'));
  return errs;
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  return validateImmutableField(slice.addressType, old.addressType, 'addressType');
}
