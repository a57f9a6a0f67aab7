import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import {
  setDefaultsDeployment,
  validateDeployment,
  validateDeploymentStatusUpdate,
  validateDeploymentUpdate,
  type Deployment,
} from './deployment.js';

function deployment(over: Partial<Deployment['spec']> = {}): Deployment {
  return {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      ...over,
    },
  };
}

const messages = (d: Deployment): string[] => validateDeployment(d).map(fieldErrorMessage);

describe('Deployment defaults', () => {
  it('fills what kubectl get -o yaml shows for a bare deployment', () => {
    const d = deployment();
    setDefaultsDeployment(d);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('leaves Recreate without a rollingUpdate block and keeps explicit values', () => {
    const d = deployment({ replicas: 0, strategy: { type: 'Recreate' } });
    setDefaultsDeployment(d);
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('Deployment validation', () => {
  it('accepts a defaulted deployment', () => {
    const d = deployment();
    setDefaultsDeployment(d);
    expect(messages(d)).toEqual([]);
  });

  it('requires a selector, and then nothing matches the template', () => {
    const d = deployment({ selector: undefined });
    setDefaultsDeployment(d);
    expect(messages(d)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects a selector that does not match the template labels', () => {
    const d = deployment({ selector: { matchLabels: { app: 'other' } } });
    setDefaultsDeployment(d);
    expect(messages(d)).toContain('spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`');
  });

  it('rejects an empty selector', () => {
    const d = deployment({ selector: {} });
    setDefaultsDeployment(d);
    expect(messages(d)).toContain('spec.selector: Invalid value: {}: empty selector is invalid for deployment');
  });

  it('rejects negative replicas', () => {
    const d = deployment({ replicas: -1 });
    setDefaultsDeployment(d);
    expect(messages(d)).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('rejects maxSurge and maxUnavailable both 0', () => {
    const d = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } });
    setDefaultsDeployment(d);
    expect(messages(d)).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
  });

  it('checks int-or-percent syntax and the 100% bound', () => {
    const d = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'x', maxUnavailable: '150%' } } });
    setDefaultsDeployment(d);
    expect(messages(d)).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: "x": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
  });

  it('forbids rollingUpdate with Recreate and unknown strategy types', () => {
    const recreate = deployment({ strategy: { type: 'Recreate', rollingUpdate: {} } });
    expect(messages(recreate)).toContain("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    const other = deployment({ strategy: { type: 'BlueGreen' } });
    setDefaultsDeployment(other);
    expect(messages(other)).toContain('spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"');
  });

  it('insists on restartPolicy Always', () => {
    const d = deployment();
    d.spec.template.spec.restartPolicy = 'Never';
    setDefaultsDeployment(d);
    expect(messages(d)).toContain('spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
  });

  it('needs progressDeadlineSeconds above minReadySeconds', () => {
    const d = deployment({ minReadySeconds: 600 });
    setDefaultsDeployment(d);
    expect(messages(d)).toEqual(['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']);
  });

  it('fixes the selector at creation', () => {
    const old = deployment();
    const next = deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } } });
    expect(validateDeploymentUpdate(next, old).map(fieldErrorMessage)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    ]);
    expect(validateDeploymentUpdate(deployment(), old)).toEqual([]);
  });

  it('checks status counters against each other', () => {
    const d = deployment();
    d.status = { replicas: 1, readyReplicas: 2, availableReplicas: 2, collisionCount: 0 };
    const old = deployment();
    old.status = { collisionCount: 1 };
    expect(validateDeploymentStatusUpdate(d, old).map(fieldErrorMessage)).toEqual([
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.collisionCount: Invalid value: 0: cannot be decremented',
    ]);
  });
});
