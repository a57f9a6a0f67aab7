import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import { normalizeClusterIPs, patchAllocatedValues } from './service-allocation.js';
import { setDefaultsService } from './service-defaults.js';
import type { Service, ServiceSpec } from './service-types.js';
import { validateService, validateServiceUpdate } from './service-validation.js';
import { isDNS1035Label } from './field-helpers.js';

function svc(spec: ServiceSpec): Service {
  const s: Service = { metadata: { name: 'web' }, spec };
  setDefaultsService(s);
  return s;
}

const errors = (spec: ServiceSpec): string[] => validateService(svc(spec)).map(fieldErrorMessage);

describe('setDefaultsService', () => {
  it('defaults type, affinity, protocols, target ports and traffic policies', () => {
    expect(svc({ ports: [{ port: 80 }], selector: { app: 'web' } }).spec).toEqual({
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' },
      type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
    });
    expect(svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] }).spec).toMatchObject({
      externalTrafficPolicy: 'Cluster', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(svc({ type: 'LoadBalancer', ports: [{ port: 80 }] }).spec?.allocateLoadBalancerNodePorts).toBe(true);
    expect(svc({ clusterIP: '10.96.0.10', ports: [{ port: 53 }] }).spec).toMatchObject({
      clusterIPs: ['10.96.0.10'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    });
  });
});

describe('validateService', () => {
  it('accepts a defaulted service', () => {
    expect(errors({ ports: [{ port: 80 }], selector: { app: 'web' } })).toEqual([]);
    expect(errors({ clusterIP: 'None', selector: { app: 'db' } })).toEqual([]);
    expect(errors({ type: 'ExternalName', externalName: 'example.com.' })).toEqual([]);
  });

  it('requires ports, named when several, unique and in range', () => {
    expect(errors({})).toEqual(['spec.ports: Required value']);
    expect(errors({ ports: [{ port: 80 }, { port: 0, name: 'b' }, { port: 443, name: 'b' }] })).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[2].name: Duplicate value: "b"',
    ]);
  });

  it('checks type and node ports', () => {
    expect(errors({ type: 'Internal', ports: [{ port: 80 }] })).toContain(
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(errors({ ports: [{ port: 80, nodePort: 30080 }] })).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(errors({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] })[0]).toBe(
      `spec.clusterIP: Invalid value: "None": may not be set to 'None' for NodePort services`,
    );
  });

  it('checks the selector and external names', () => {
    expect(errors({ ports: [{ port: 80 }], selector: { app: 'a b' } })[0]).toMatch(/^spec\.selector: Invalid value: "a b": a valid label must be/);
    expect(errors({ type: 'ExternalName' })).toEqual(['spec.externalName: Required value']);
  });
});

describe('validateServiceUpdate', () => {
  it('keeps the cluster IP', () => {
    const old = svc({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] });
    const next = svc({ clusterIP: '10.96.0.11', ports: [{ port: 80 }] });
    normalizeClusterIPs(next.spec ?? {}, old.spec);
    expect(validateServiceUpdate(next, old).map(fieldErrorMessage)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });

  it('keeps allocated values a client left out', () => {
    const old = svc({ type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ port: 80, nodePort: 30080 }] });
    const next: ServiceSpec = { type: 'NodePort', ports: [{ port: 80 }] };
    patchAllocatedValues(next, old.spec ?? {});
    expect(next).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, nodePort: 30080 }] });
  });
});

describe('service names', () => {
  it('are DNS-1035 labels', () => {
    expect(isDNS1035Label('web-1')).toEqual([]);
    expect(isDNS1035Label('1web')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});
