// Services: defaults, allocated values kept across updates, immutable cluster IPs, and the
// `kubectl get services` columns (pkg/registry/core/service, printService).
import {
  dropTypeDependentFields, isDNS1035Label, normalizeClusterIPs, patchAllocatedValues, setDefaultsService,
  validateService, validateServiceUpdate, type NameValidator, type Service, type ServicePort,
} from '@kubelite/api';
import { translateTimestampSince } from '../../printers/age.js';
import { AGE_COLUMN, column, NAME_COLUMN } from '../../printers/core-columns.js';
import { formatLabels, NONE } from '../../printers/core-format.js';
import type { KObject, Strategy, TablePrinter } from '../../strategy.js';
import { typed } from './typed.js';

/** Service names become DNS labels that must start with a letter (DNS-1035). */
export const serviceNameValidator: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name);

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : NONE;
    case 'LoadBalancer': {
      const lb = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s !== ''))];
      const all = [...lb, ...external];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `80/TCP`, or `80:30080/TCP` when a node port is allocated. */
export function formatServicePorts(ports: readonly ServicePort[] | undefined): string {
  const s = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
  return s === '' ? NONE : s;
}

export const SERVICE_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'type determines how the Service is exposed.'),
    column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', { wide: true }),
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const svc = typed<Service>(obj);
    const spec = svc.spec ?? {};
    return [
      svc.metadata.name ?? '', spec.type ?? '', spec.clusterIPs?.[0] ?? NONE, externalIP(svc), formatServicePorts(spec.ports),
      translateTimestampSince(svc.metadata.creationTimestamp, now), formatLabels(spec.selector),
    ];
  },
};

function prepareForCreate(obj: KObject): void {
  const svc = typed<Service>(obj);
  svc.status = { loadBalancer: {} };
  if (svc.spec) normalizeClusterIPs(svc.spec, undefined);
}

function prepareForUpdate(obj: KObject, old: KObject): void {
  const next = (typed<Service>(obj).spec ??= {});
  const prev = typed<Service>(old).spec ?? {};
  patchAllocatedValues(next, prev);
  normalizeClusterIPs(next, prev);
  dropTypeDependentFields(next, prev);
}

export const serviceStrategy: Strategy = {
  defaults: (obj) => setDefaultsService(typed<Service>(obj)),
  prepareForCreate,
  prepareForUpdate,
  validate: (obj) => validateService(typed<Service>(obj)),
  validateUpdate: (obj, old) => validateServiceUpdate(typed<Service>(obj), typed<Service>(old)),
  nameValidator: serviceNameValidator,
  table: SERVICE_TABLE,
  tracksGeneration: false,
};
