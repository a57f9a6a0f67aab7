import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import { setDefaultsPod } from './pod-defaults.js';
import type { Pod, PodSpec } from './pod-types.js';
import { validatePodCreate, validatePodSpec, validatePodTemplateSpec } from './pod-validation.js';

function errors(spec: Partial<PodSpec>): string[] {
  const pod: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } };
  setDefaultsPod(pod);
  return validatePodCreate(pod).map(fieldErrorMessage);
}

describe('validatePodSpec', () => {
  it('accepts a defaulted minimal pod', () => {
    expect(errors({})).toEqual([]);
  });

  it('requires containers', () => {
    expect(errors({ containers: [] })).toEqual(['spec.containers: Required value']);
  });

  it('checks container names, uniqueness across init containers, and images', () => {
    expect(errors({ containers: [{ name: 'Web', image: 'x' }] })).toEqual([
      `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
    expect(errors({ initContainers: [{ name: 'app', image: 'busybox' }] })).toEqual(['spec.initContainers[0].name: Duplicate value: "app"']);
    expect(errors({ containers: [{ name: 'a', image: '' }] })).toEqual(['spec.containers[0].image: Required value']);
    expect(errors({ containers: [{ name: 'a', image: ' nginx' }] })).toEqual([
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  it('checks ports', () => {
    const out = errors({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000, name: 'HTTP', protocol: 'ICMP' }] }] });
    expect(out).toEqual([
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('reports host port conflicts', () => {
    const ports = [{ containerPort: 80, hostPort: 8080 }];
    expect(errors({ containers: [{ name: 'a', image: 'x', ports }, { name: 'b', image: 'x', ports }] })).toEqual([
      'spec.containers[1].ports[0].hostPort: Duplicate value: "/TCP/8080"',
    ]);
  });

  it('checks env names with the relaxed 1.32 rule', () => {
    expect(errors({ containers: [{ name: 'a', image: 'x', env: [{ name: '1st.var-ok', value: 'v' }, { name: 'A=B' }, { name: '' }] }] })).toEqual([
      `spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      'spec.containers[0].env[2].name: Required value',
      'spec.containers[0].env[2].name: Invalid value: "": environment variable name must be non-empty',
    ]);
    expect(errors({ containers: [{ name: 'a', image: 'x', env: [{ name: 'X', value: 'v', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] })).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ]);
  });

  it('checks resources', () => {
    expect(errors({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] })).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
    expect(errors({ containers: [{ name: 'a', image: 'x', resources: { limits: { memory: 'lots' } } }] })).toEqual([
      `spec.containers[0].resources.limits[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
    expect(errors({ containers: [{ name: 'a', image: 'x', resources: { requests: { gpu: '1' } } }] })).toEqual([
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });

  it('checks policies against the supported values', () => {
    expect(errors({ restartPolicy: 'Sometimes', dnsPolicy: 'Google' })).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"',
    ]);
  });

  it('checks volumes and mounts', () => {
    expect(errors({
      volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }, { name: 'two', emptyDir: {}, hostPath: { path: '/x' } }],
      containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'nope', mountPath: '/a' }, { name: 'data', mountPath: '/a' }] }],
    })).toEqual([
      'spec.volumes[1].name: Duplicate value: "data"',
      'spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type',
      'spec.containers[0].volumeMounts[0].name: Not found: "nope"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/a": must be unique',
    ]);
  });

  it('checks probes', () => {
    expect(errors({ containers: [{ name: 'a', image: 'x', livenessProbe: { successThreshold: 2 }, readinessProbe: { exec: {}, tcpSocket: { port: 80 } } }] })).toEqual([
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.containers[0].readinessProbe.exec.command: Required value',
      'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
    expect(errors({ initContainers: [{ name: 'i', image: 'x', readinessProbe: { exec: { command: ['true'] } } }] })).toEqual([
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('checks tolerations and the node selector', () => {
    expect(errors({
      tolerations: [{ operator: 'Equal', value: 'x' }, { key: 'k', operator: 'Exists', effect: 'NoRun' }, { key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 }],
      nodeSelector: { 'bad key': 'v' },
    })).toEqual([
      "spec.nodeSelector: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ]);
  });
});

describe('validatePodTemplateSpec', () => {
  it('reports template label errors at <path>.labels and spec errors under <path>.spec', () => {
    const out = validatePodTemplateSpec({ metadata: { labels: { app: '-x' } }, spec: { containers: [] } }, 'spec.template').map(fieldErrorMessage);
    expect(out[0]).toMatch(/^spec\.template\.labels: Invalid value: "-x": a valid label must be an empty string/);
    expect(out).toContain('spec.template.spec.containers: Required value');
    expect(validatePodSpec({ containers: [] }, 'x').map(fieldErrorMessage)).toEqual([
      'x.containers: Required value',
      'x.restartPolicy: Required value',
      'x.dnsPolicy: Required value',
    ]);
  });
});
